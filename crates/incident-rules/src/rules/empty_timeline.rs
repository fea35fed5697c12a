//! `empty-timeline`: a Timeline section without entries.

use incident_syntax::SectionKind;

use crate::context::LintContext;
use crate::diagnostic::{Applicability, Edit, Fix};
use crate::rule::{Check, declare_rule};
use crate::skeleton;

declare_rule! {
    /// ## What it does
    /// Reports a `## Timeline` section that has no entries: no list item, no table row, no
    /// heading and no paragraph line that starts with a time (§8.6 of the format).
    ///
    /// ## Why is this bad?
    /// An empty timeline is a missing timeline: nobody can say when the incident started,
    /// when it was noticed and when it was resolved.
    ///
    /// ## Example
    /// ```incident
    /// ## Timeline
    ///
    /// To be written.
    /// ```
    ///
    /// ## Use instead
    /// ```incident
    /// ## Timeline
    ///
    /// - 14:02 first 502s in the nginx access log [started]
    /// - 14:09 alert fires, on-call paged [detected]
    /// - 15:31 error rate back to baseline [resolved]
    /// ```
    ///
    /// ## Fix safety
    /// The fix inserts entries built from the front matter's milestone times, which the author
    /// has to check, so it is unsafe.
    code: "INC302",
    name: "empty-timeline",
    severity: Error,
    group: Default,
    fix: Unsafe,
}

pub(crate) const CHECK: Check = Check::File(check);

fn check(cx: &mut LintContext<'_>) {
    let incident = cx.incident;
    for section in incident.sections_of(SectionKind::Timeline) {
        if incident
            .timeline
            .iter()
            .any(|entry| entry.section == section.index)
        {
            continue;
        }
        let heading = section
            .name
            .as_ref()
            .map_or(section.heading_range, |name| name.range);
        let eol = incident_syntax::line_ending(cx.text());
        let entries = skeleton::lines(cx.text(), &skeleton::timeline_entries(incident));
        let edit = Edit::insert(section.heading_range.end(), format!("{eol}{entries}"));
        cx.report(heading, "the timeline has no entries")
            .help("write one list item per event, starting with its time: `- 14:02 first alert fires [detected]`")
            .fix(Fix {
                title: "add entries from the front matter times".to_owned(),
                edits: vec![edit],
                applicability: Applicability::Unsafe,
            });
    }
}
