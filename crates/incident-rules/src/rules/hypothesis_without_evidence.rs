//! `hypothesis-without-evidence`: a hypothesis that cites no observation.

use incident_syntax::IdPrefix;

use crate::context::LintContext;
use crate::query;
use crate::rule::{Check, declare_rule};

declare_rule! {
    /// ## What it does
    /// Reports a hypothesis `H<n>:` that cites no observation: no `O<n>` in its text or in its
    /// nested items.
    /// A hypothesis that points at an earlier cause (`again`, `as last time`) is left to
    /// `same-as-last-time` when that rule runs.
    ///
    /// ## Why is this bad?
    /// A hypothesis that rests on no observation rests on a hunch.
    /// Citing the observations shows what the hypothesis explains and makes a missing
    /// observation visible: if there is none to cite, observe first.
    ///
    /// ## Example
    /// ```incident
    /// ## Decide
    ///
    /// - H1: the connection pool is too small
    /// ```
    ///
    /// ## Use instead
    /// ```incident
    /// ## Observe
    ///
    /// - O1: checkout-api logs `timeout acquiring connection` 40 times a minute
    /// - O2: the pool dashboard shows all 20 connections in use
    ///
    /// ## Decide
    ///
    /// - H1: the connection pool is too small [O1, O2]
    /// ```
    code: "INC205",
    name: "hypothesis-without-evidence",
    severity: Warning,
    group: Default,
    fix: None,
}

pub(crate) const CHECK: Check = Check::File(check);

fn check(cx: &mut LintContext<'_>) {
    let incident = cx.incident;
    let left_to_repeat_rule = cx
        .settings
        .rules
        .is_enabled(&super::same_as_last_time::RULE);
    for hypothesis in incident.definitions_of(IdPrefix::Hypothesis) {
        if left_to_repeat_rule && super::same_as_last_time::repeat_marker(cx, hypothesis).is_some()
        {
            continue;
        }
        let cites_observation =
            query::within(&incident.references, hypothesis.range, |reference| {
                reference.range.start()
            })
            .iter()
            .any(|reference| {
                reference.prefix == IdPrefix::Observation
                    && hypothesis.range.contains_range(reference.range)
            });
        if cites_observation {
            continue;
        }
        cx.report(
            hypothesis.id.range,
            format!("{} cites no observation", hypothesis.id.value),
        )
        .help(
            "Decide: cite the observations the hypothesis explains, e.g. `[O1, O3]`; \
             if there are none, go back to Observe first",
        );
    }
}
