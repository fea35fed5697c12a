//! `missing-milestone`: the timeline does not mark when the incident was detected or resolved.

use incident_model::{Milestone, TimelineEntry};
use incident_syntax::SectionKind;

use crate::context::LintContext;
use crate::diagnostic::{Applicability, Edit, Fix};
use crate::rule::{Check, declare_rule};

declare_rule! {
    /// ## What it does
    /// Reports a timeline with no entry tagged `[detected]`, and, once the incident is over, no
    /// entry tagged `[resolved]`.
    /// Missing and empty timelines are reported by `missing-timeline` and `empty-timeline`.
    ///
    /// ## Why is this bad?
    /// The milestones turn a list of events into measures: the time to detect runs from
    /// `[started]` to `[detected]`, the time to resolve from `[started]` to `[resolved]`.
    /// They are what the follow-up actions must improve, and without the tags nobody can say
    /// by how much they did.
    ///
    /// ## Example
    /// ```incident
    /// ---
    /// status: resolved
    /// ---
    ///
    /// ## Timeline
    ///
    /// - 14:02 first 502s in the nginx access log [started]
    /// - 14:09 alert `CheckoutErrorRate` fires, on-call paged
    /// - 15:31 error rate back to baseline
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
    /// - 14:02 first 502s in the nginx access log [started]
    /// - 14:09 alert `CheckoutErrorRate` fires, on-call paged [detected]
    /// - 15:31 error rate back to baseline [resolved]
    /// ```
    ///
    /// ## Fix safety
    /// When the front matter records the milestone's time and an untagged entry has exactly
    /// that time, the fix tags that entry.
    /// Which event counts as the milestone is the author's call, so the fix is unsafe.
    code: "INC306",
    name: "missing-milestone",
    severity: Warning,
    group: Default,
    fix: Unsafe,
}

pub(crate) const CHECK: Check = Check::File(check);

const HELP: &str = "tag the entry when the problem was noticed, `[detected]`, and when it was resolved, `[resolved]`: time to detect and time to resolve are what the follow-up actions must improve";

fn check(cx: &mut LintContext<'_>) {
    let incident = cx.incident;
    let Some(section) = incident.sections_of(SectionKind::Timeline).find(|section| {
        incident
            .timeline
            .iter()
            .any(|entry| entry.section == section.index)
    }) else {
        return;
    };
    let heading = section
        .name
        .as_ref()
        .map_or(section.heading_range, |name| name.range);
    let mut wanted = vec![Milestone::Detected];
    if cx.is_over() {
        wanted.push(Milestone::Resolved);
    }
    for milestone in wanted {
        let tagged = incident.timeline.iter().any(|entry| {
            entry
                .milestone
                .as_ref()
                .is_some_and(|tag| tag.value == milestone)
        });
        if tagged {
            continue;
        }
        let name = milestone.name();
        let fix = tag_fix(cx, milestone);
        let report = cx
            .report(heading, format!("the timeline has no `[{name}]` entry"))
            .help(HELP);
        if let Some(fix) = fix {
            report.fix(fix);
        }
    }
}

/// Tags the first untagged entry whose time is the front matter's time of `milestone`.
fn tag_fix(cx: &LintContext<'_>, milestone: Milestone) -> Option<Fix> {
    let at = cx.incident.metadata.milestone(milestone)?.timestamp();
    let entry: &TimelineEntry = cx.incident.timeline.iter().find(|entry| {
        entry.milestone.is_none()
            && entry
                .instant()
                .is_some_and(|instant| instant.timestamp() == at)
    })?;
    let end = match (&entry.text, &entry.time) {
        (Some(text), _) => text.range.end(),
        (None, Some(time)) => time.range.end(),
        (None, None) => return None,
    };
    let time = entry.time.as_ref().map_or("", |time| cx.slice(time.range));
    let name = milestone.name();
    Some(Fix {
        title: format!("tag the `{time}` entry `[{name}]`"),
        edits: vec![Edit::insert(end, format!(" [{name}]"))],
        applicability: Applicability::Unsafe,
    })
}
