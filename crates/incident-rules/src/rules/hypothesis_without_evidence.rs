//! `hypothesis-without-evidence`: a hypothesis that cites no observation.

use incident_syntax::IdPrefix;

use crate::context::LintContext;
use crate::query;
use crate::rule::{Check, declare_rule};

declare_rule! {
    /// ## What it does
    /// Reports a hypothesis `H<n>:` that cites no observation: no `O<n>` in its text or in its
    /// nested items.
    ///
    /// ## Why is this bad?
    /// A hypothesis that rests on no observation usually rests on memory: the cause of the
    /// last incident that looked like this one.
    /// That is the "same as last time" trap, and it costs the most time when it is wrong.
    /// Citing the observations shows what the hypothesis explains and makes a missing
    /// observation visible: if there is none to cite, observe first.
    ///
    /// ## Example
    /// ```incident
    /// ## Decide
    ///
    /// - H1: the pods ran out of memory again, like last week
    /// ```
    ///
    /// ## Use instead
    /// ```incident
    /// ## Observe
    ///
    /// - O1: checkout-api pods restarted 3 times since 14:00
    /// - O2: each restart follows a failed health check
    ///
    /// ## Decide
    ///
    /// - H1: the pods ran out of memory again, like last week [O1, O2]
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
    for hypothesis in incident.definitions_of(IdPrefix::Hypothesis) {
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
            "this is the \"same as last time\" trap: cite the observations the hypothesis rests on, \
             e.g. `[O1, O3]`; if there are none, observe first",
        );
    }
}
