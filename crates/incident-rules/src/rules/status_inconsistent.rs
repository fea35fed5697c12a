//! `status-inconsistent`: the status and the `resolved` time disagree.

use incident_model::Milestone;

use crate::context::LintContext;
use crate::rule::{Check, declare_rule};
use crate::suggest::code_list;

declare_rule! {
    /// ## What it does
    /// Reports a front matter `status` that says the incident is over (`resolved` or `closed`,
    /// or the configured `over-statuses`) when there is no `resolved` time, and a status that
    /// says it is still going on (`investigating`, `mitigated`) when there is a valid
    /// `resolved` time.
    ///
    /// ## Why is this bad?
    /// One of the two is out of date, and people and tools trust whichever they read first:
    /// an incident marked resolved without a time has no time to resolve, and an incident with
    /// a resolved time but an open status is counted as still running, and no post-mortem check
    /// runs on it.
    ///
    /// ## Example
    /// ```incident
    /// ---
    /// status: resolved
    /// started: 2026-11-20 14:02
    /// ---
    /// ```
    ///
    /// ## Use instead
    /// ```incident
    /// ---
    /// status: resolved
    /// started: 2026-11-20 14:02
    /// resolved: 2026-11-20 15:31
    /// ---
    /// ```
    code: "INC507",
    name: "status-inconsistent",
    severity: Warning,
    group: Default,
    fix: None,
}

pub(crate) const CHECK: Check = Check::File(check);

fn check(cx: &mut LintContext<'_>) {
    let metadata = &cx.incident.metadata;
    let Some(status) = metadata.scalar("status") else {
        return;
    };
    let value = status.value.trim();
    let resolved = metadata
        .milestones
        .iter()
        .find(|(milestone, _)| *milestone == Milestone::Resolved)
        .map(|(_, written)| written);
    if cx.is_over() {
        if resolved.is_some() {
            return;
        }
        let zone = &cx.incident.timezone.zone;
        let from_timeline = cx
            .incident
            .timeline
            .iter()
            .filter(|entry| {
                entry
                    .milestone
                    .as_ref()
                    .is_some_and(|tag| tag.value == Milestone::Resolved)
            })
            .find_map(|entry| entry.time.as_ref()?.value.as_ref().ok())
            .map(|at| {
                at.with_time_zone(zone.clone())
                    .strftime("%Y-%m-%d %H:%M")
                    .to_string()
            });
        let help = match from_timeline {
            Some(time) => format!("the timeline tags {time} as [resolved]: add `resolved: {time}` to the front matter"),
            None => "add `resolved: YYYY-MM-DD HH:MM` with the time the system was back to normal; if it is not back to normal yet, set the status back to `mitigated` or `investigating`".to_owned(),
        };
        cx.report(
            status.range,
            format!("the status is `{value}` but the front matter has no `resolved` time"),
        )
        .help(help);
        return;
    }
    let is_known = cx
        .settings
        .statuses
        .iter()
        .any(|known| known.eq_ignore_ascii_case(value));
    let Some(resolved) = resolved.filter(|written| written.value.is_ok()) else {
        return;
    };
    if !is_known {
        return;
    }
    let over = code_list(cx.settings.over_statuses.iter().map(String::as_str), "or");
    cx.report(status.range, format!("the status is `{value}` but the incident has a `resolved` time"))
        .label(resolved.range, "resolved at this time")
        .help(format!("if the system is back to normal, set the status to {over}; if it is not, remove the `resolved` time"));
}
