//! `skipped-observe-after-rejection`: a new hypothesis decided right after a rejection.

use incident_model::{Definition, Incident, Outcome, Verdict};
use incident_syntax::IdPrefix;

use crate::context::LintContext;
use crate::query;
use crate::rule::{Check, declare_rule};
use crate::skeleton;

declare_rule! {
    /// ## What it does
    /// Reports a hypothesis pursued after another hypothesis was rejected without an
    /// observation made after the rejection.
    /// A hypothesis stated after a rejection must cite an observation made after the last
    /// rejection before it.
    /// A hypothesis stated before any rejection (ideas listed together) and tested after one
    /// must be tested after an observation made since the last rejection before its test, or
    /// cite one: hypotheses listed together and then rejected
    /// one after the other are caught as well as a hypothesis decided right after a rejection.
    /// An observation is made after the rejection when its `O<n>:` item comes after the
    /// verdict in the file, whatever the sections around it.
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
    ///
    /// Listing every idea at once does not escape it: here H2 is tested after H1 was
    /// rejected, on the same picture.
    /// ```incident
    /// ## Decide
    ///
    /// - H1: the pods run out of memory [O1]
    /// - H2: the liveness probe is too strict [O1]
    ///
    /// ## Act
    ///
    /// - H1 rejected: memory stays under 40% and there are no OOM kills
    /// - H2 confirmed: yes
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
    let observations: Vec<u32> = incident
        .definitions_of(IdPrefix::Observation)
        .map(|observation| observation.id.range.start())
        .collect();
    for hypothesis in incident.definitions_of(IdPrefix::Hypothesis) {
        let stated_at = hypothesis.id.range.start();
        if !in_loop(stated_at) {
            continue;
        }
        let id = hypothesis.id.value.as_str();
        let tested_at = incident
            .verdicts_on(id)
            .next()
            .map(|verdict| verdict.hypothesis.range.start());
        let pursued_at = tested_at.unwrap_or(stated_at).max(stated_at);
        let earlier_rejections: Vec<&Verdict> = rejections
            .iter()
            .copied()
            .filter(|rejection| rejection.hypothesis.value != id)
            .collect();
        // A hypothesis decided after a rejection answers to that rejection; one listed before
        // any rejection, to the last rejection before it is tested.
        let rejection_start = |rejection: &&Verdict| rejection.hypothesis.range.start();
        let Some(rejection) = query::last_before(&earlier_rejections, stated_at, rejection_start)
            .or_else(|| query::last_before(&earlier_rejections, pursued_at, rejection_start))
        else {
            continue;
        };
        let rejected_at = rejection.hypothesis.range.start();
        if cites_observation_after(incident, hypothesis, rejected_at) {
            continue;
        }
        let observed_before_test = stated_at < rejected_at
            && query::last_before(&observations, pursued_at, |start| *start)
                .is_some_and(|&observed_at| observed_at > rejected_at);
        if observed_before_test {
            continue;
        }
        let rejected = &rejection.hypothesis.value;
        let message = if stated_at > rejected_at {
            format!("{id} is decided after {rejected} was rejected, without observing again")
        } else {
            format!(
                "{id} is tested after {rejected} was rejected, on the observations made before it"
            )
        };
        cx.report(hypothesis.id.range, message)
            .label(rejection.head_range(), format!("{rejected} rejected here"))
            .help(format!(
                "Observe: the rejected idea means the picture was incomplete; start a new `## Observe` \
                 section after the verdict with what you look at next (`- O{next_observation}: …`), \
                 then orient, and cite it in {id}"
            ));
    }
}

/// Whether `hypothesis` cites an observation whose definition comes after `rejected_at`.
fn cites_observation_after(incident: &Incident, hypothesis: &Definition, rejected_at: u32) -> bool {
    query::within(&incident.references, hypothesis.range, |reference| {
        reference.range.start()
    })
    .iter()
    .filter(|reference| reference.prefix == IdPrefix::Observation)
    .filter_map(|reference| incident.definition(&reference.id))
    .any(|observation| observation.id.range.start() > rejected_at)
}
