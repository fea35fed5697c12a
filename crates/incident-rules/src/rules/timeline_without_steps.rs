//! `timeline-without-steps`: a timeline of milestones only, without the investigation.

use incident_syntax::{IdPrefix, SectionKind};

use crate::context::LintContext;
use crate::query;
use crate::rule::{Check, declare_rule};

declare_rule! {
    /// ## What it does
    /// Once the incident is over, reports a timeline none of whose entries is a step of the
    /// investigation: no entry cites an observation or a hypothesis (`O3`, `H1`), says a
    /// hypothesis was `confirmed` or `rejected`, or records an action taken (a word such as
    /// `restarted`, `rolled back`, `reverted`, `scaled`, `reloaded`).
    ///
    /// ## Why is this bad?
    /// A timeline of milestones (started, detected, resolved) gives the durations but hides
    /// how the time was spent.
    /// The post-mortem learns from the steps: when each hypothesis was tested, how long the
    /// wrong one held the team, and when the finding that mattered came.
    ///
    /// ## Example
    /// ```incident
    /// ---
    /// status: resolved
    /// ---
    ///
    /// ## Timeline
    ///
    /// - 16:05 wrong redirects [started]
    /// - 16:20 support ticket [detected]
    /// - 17:10 fixed [resolved]
    /// ```
    ///
    /// ## Use instead
    /// ```incident
    /// ---
    /// status: resolved
    /// ---
    ///
    /// ## Timeline
    ///
    /// - 16:05 wrong redirects [started]
    /// - 16:20 support ticket [detected]
    /// - 16:35 H1 rejected: the CDN is bypassed
    /// - 16:58 nginx started 3 days ago, before the configmap change (O3)
    /// - 17:08 restarted the edge-nginx pods
    /// - 17:10 new redirects served [resolved]
    /// ```
    code: "INC309",
    name: "timeline-without-steps",
    severity: Warning,
    group: Default,
    fix: None,
}

pub(crate) const CHECK: Check = Check::File(check);

/// Words that record an action taken during the incident.
const ACTION_WORDS: [&str; 20] = [
    "restarted",
    "rolled back",
    "reverted",
    "redeployed",
    "deployed",
    "scaled",
    "copied",
    "reloaded",
    "failed over",
    "disabled",
    "enabled",
    "drained",
    "rotated",
    "patched",
    "applied",
    "flushed",
    "purged",
    "removed",
    "increased",
    "paused",
];

fn check(cx: &mut LintContext<'_>) {
    let incident = cx.incident;
    if !cx.is_over() || incident.timeline.is_empty() {
        return;
    }
    let is_step = |entry: &incident_model::TimelineEntry| {
        let cites_id = query::within(&incident.references, entry.range, |reference| {
            reference.range.start()
        })
        .iter()
        .any(|reference| {
            matches!(
                reference.prefix,
                IdPrefix::Observation | IdPrefix::Hypothesis
            )
        });
        let text = entry
            .text
            .as_ref()
            .map(|text| text.value.to_lowercase())
            .unwrap_or_default();
        cites_id
            || text.contains("confirmed")
            || text.contains("rejected")
            || ACTION_WORDS.iter().any(|word| text.contains(word))
    };
    if incident.timeline.iter().any(is_step) {
        return;
    }
    let Some(section) = incident.sections_of(SectionKind::Timeline).next() else {
        return;
    };
    cx.report(
        section.name_range(),
        "the timeline lists milestones but no step of the investigation",
    )
    .help(
        "Timeline: add what was observed, tested and done, with its time, citing the IDs: \
             `- 14:20 H1 rejected: memory is normal`, `- 14:48 found the stale secret (O3)`, \
             `- 15:25 restarted checkout-api`",
    );
}
