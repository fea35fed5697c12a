//! `skipped-observe-after-rejection`: a new hypothesis decided right after a rejection.

use incident_model::{Outcome, Verdict};
use incident_syntax::{IdPrefix, SectionKind};

use crate::context::LintContext;
use crate::query;
use crate::rule::{Check, declare_rule};
use crate::skeleton;

declare_rule! {
    /// ## What it does
    /// Reports a hypothesis stated after a hypothesis was rejected, with no new Observe section
    /// between the rejection and it: in the same loop as the rejection.
    /// Only verdicts and hypotheses in the sections of a loop (Observe, Orient, Decide, Act)
    /// count.
    ///
    /// ## Why is this bad?
    /// A rejected hypothesis means the picture was incomplete: what the team saw did not
    /// explain what happened.
    /// Picking the next guess from the same picture is how teams end up testing the same wrong
    /// idea in a new form, while the observation that would have pointed at the cause is still
    /// missing.
    /// The method sends the team back to Observe after a rejection.
    ///
    /// ## Example
    /// ```incident
    /// ## Observe
    ///
    /// - O1: checkout-api pods restart every few minutes
    ///
    /// ## Decide
    ///
    /// - H1: the pods run out of memory [O1]
    ///
    /// ## Act
    ///
    /// - H1 rejected: memory stays under 40% and there are no OOM kills
    ///
    /// ## Decide
    ///
    /// - H2: the liveness probe is too strict [O1]
    /// ```
    ///
    /// ## Use instead
    /// ```incident
    /// ## Observe
    ///
    /// - O1: checkout-api pods restart every few minutes
    ///
    /// ## Decide
    ///
    /// - H1: the pods run out of memory [O1]
    ///
    /// ## Act
    ///
    /// - H1 rejected: memory stays under 40% and there are no OOM kills
    ///
    /// ## Observe
    ///
    /// - O2: the kubelet log shows the liveness probe timing out after 1 s
    ///
    /// ## Decide
    ///
    /// - H2: the liveness probe is too strict for the slower start-up of 4.2 [O1, O2]
    /// ```
    code: "INC104",
    name: "skipped-observe-after-rejection",
    severity: Warning,
    group: Default,
    fix: None,
    scope: Investigation,
}

pub(crate) const CHECK: Check = Check::File(check);

fn check(cx: &mut LintContext<'_>) {
    let incident = cx.incident;
    let in_loop = |offset: u32| incident.loop_at(offset).is_some();
    let rejections: Vec<&Verdict> = incident
        .verdicts
        .iter()
        .filter(|verdict| {
            verdict.outcome.value == Outcome::Rejected && in_loop(verdict.hypothesis.range.start())
        })
        .collect();
    let next_observation = skeleton::next_id(incident, IdPrefix::Observation);
    let observe_starts: Vec<u32> = incident
        .sections_of(SectionKind::Observe)
        .map(|observe| observe.range.start())
        .collect();
    for hypothesis in incident.definitions_of(IdPrefix::Hypothesis) {
        let stated_at = hypothesis.id.range.start();
        if !in_loop(stated_at) {
            continue;
        }
        let Some(rejection) = query::last_before(&rejections, stated_at, |rejection| {
            rejection.hypothesis.range.start()
        }) else {
            continue;
        };
        let rejected_at = rejection.hypothesis.range.start();
        let observed_since = query::last_before(&observe_starts, stated_at, |start| *start)
            .is_some_and(|&observed_at| observed_at > rejected_at);
        if observed_since {
            continue;
        }
        cx.report(
            hypothesis.id.range,
            format!(
                "{} is decided right after {} was rejected, without observing again",
                hypothesis.id.value, rejection.hypothesis.value
            ),
        )
        .label(rejection.head_range(), format!("{} rejected here", rejection.hypothesis.value))
        .help(format!(
            "go back to observing: the rejected idea means the picture was incomplete; start a new \
             `## Observe` section with what you look at next (`- O{next_observation}: …`), then orient and decide"
        ));
    }
}
