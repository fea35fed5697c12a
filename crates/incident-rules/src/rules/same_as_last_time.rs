//! `same-as-last-time`: a hypothesis that repeats an earlier cause without an observation
//! that shows it this time.

use incident_model::{Definition, Incident};
use incident_syntax::{IdPrefix, TextRange};

use crate::context::LintContext;
use crate::evidence::has_evidence;
use crate::query;
use crate::rule::{Check, declare_rule};

declare_rule! {
    /// ## What it does
    /// Reports a hypothesis that points at an earlier incident or a repeated cause (it cites
    /// an incident such as `INC-2026-031`, or says `again`, `last time`, `as before`,
    /// `as usual`, `known issue`, …) and cites no observation with evidence: none of the
    /// observations it cites quotes a log, a metric or a command's output.
    ///
    /// ## Why is this bad?
    /// Similar symptoms are the weakest evidence there is: the same alert fires for a new
    /// cause as easily as for the old one.
    /// "Same as last time" is the trap that costs the most time, because the team stops
    /// looking while it tests the familiar idea.
    /// Before deciding on a repeat, ask what would show it this time, look, and cite what you
    /// saw.
    ///
    /// ## Example
    /// ```incident
    /// ## Observe
    ///
    /// - O1: billing-worker is down
    ///
    /// ## Decide
    ///
    /// - H1: out of memory again, like INC-2026-031 [O1]
    /// ```
    ///
    /// ## Use instead
    /// ```incident
    /// ## Observe
    ///
    /// - O1: billing-worker is down
    /// - O2: `kubectl describe pod` shows the last state `OOMKilled`
    ///
    /// ## Decide
    ///
    /// - H1: out of memory again, like INC-2026-031 [O1, O2]
    /// ```
    code: "INC208",
    name: "same-as-last-time",
    severity: Warning,
    group: Default,
    fix: None,
}

pub(crate) const CHECK: Check = Check::File(check);

/// Phrases that say a cause is a repeat, compared in lowercase at word starts.
const REPEAT_PHRASES: [&str; 13] = [
    "again",
    "last time",
    "last week",
    "last month",
    "as before",
    "like before",
    "as usual",
    "same as",
    "known issue",
    "recurring",
    "previous incident",
    "once more",
    "happened before",
];

fn check(cx: &mut LintContext<'_>) {
    let incident = cx.incident;
    for hypothesis in incident.definitions_of(IdPrefix::Hypothesis) {
        let Some(marker) = repeat_marker(cx, hypothesis) else {
            continue;
        };
        if cites_evidence(incident, hypothesis) {
            continue;
        }
        let id = &hypothesis.id.value;
        cx.report(
            hypothesis.id.range,
            format!("{id} repeats an earlier cause without an observation that shows it this time"),
        )
        .label(marker, "points at an earlier cause")
        .help(format!(
            "Decide: similar symptoms often have a new cause; ask what would show it is the same \
             this time, look, and cite what you saw (`- O{}: kubectl describe pod shows \"OOMKilled\"`, \
             then `[O{0}]`)",
            crate::skeleton::next_id(incident, IdPrefix::Observation)
        ));
    }
}

/// Where `hypothesis` says its cause is a repeat: a cited incident, or a phrase such as
/// `again` or `as last time`.
pub(crate) fn repeat_marker(cx: &LintContext<'_>, hypothesis: &Definition) -> Option<TextRange> {
    let cited_incident = query::within(
        &cx.incident.incident_references,
        hypothesis.range,
        |reference| reference.range.start(),
    )
    .first()
    .map(|reference| reference.range);
    if cited_incident.is_some() {
        return cited_incident;
    }
    let text = hypothesis.text.as_ref()?;
    let source = cx.slice(text.range);
    let lower = source.to_lowercase();
    REPEAT_PHRASES.iter().find_map(|phrase| {
        let at = lower.match_indices(phrase).map(|(at, _)| at).find(|&at| {
            let before = lower.get(..at).and_then(|head| head.chars().next_back());
            let after = lower
                .get(at + phrase.len()..)
                .and_then(|tail| tail.chars().next());
            before.is_none_or(|c| !c.is_alphanumeric())
                && after.is_none_or(|c| !c.is_alphanumeric())
        })?;
        // Lowercasing can change the length of non-ASCII text; then point at the whole text.
        if lower.len() != source.len() {
            return Some(text.range);
        }
        let start = text.range.start() + at as u32;
        Some(TextRange::new(start, start + phrase.len() as u32))
    })
}

/// Whether `hypothesis` cites an observation that quotes a log, a metric or a command's output.
fn cites_evidence(incident: &Incident, hypothesis: &Definition) -> bool {
    query::within(&incident.references, hypothesis.range, |reference| {
        reference.range.start()
    })
    .iter()
    .filter(|reference| reference.prefix == IdPrefix::Observation)
    .filter_map(|reference| incident.definition(&reference.id))
    .any(|observation| {
        observation
            .text
            .as_ref()
            .is_some_and(|text| has_evidence(&text.value))
    })
}
