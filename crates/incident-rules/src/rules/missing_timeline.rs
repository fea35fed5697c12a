//! `missing-timeline`: the write-up has no Timeline section.

use incident_syntax::SectionKind;

use crate::context::LintContext;
use crate::diagnostic::{Applicability, Fix};
use crate::query;
use crate::rule::{Check, declare_rule};
use crate::skeleton;

declare_rule! {
    /// ## What it does
    /// Reports a write-up without a `## Timeline` section.
    ///
    /// ## Why is this bad?
    /// Afterwards, nobody can say when anything happened: when it started, when it was noticed,
    /// what was done, when it was resolved.
    /// The time to detect and the time to resolve are what the follow-up actions must improve,
    /// and they come from the timeline.
    /// Start it during the incident: a line per event, with the time.
    ///
    /// ## Example
    /// ```incident
    /// ## Summary
    ///
    /// Search was down for a while in the evening.
    /// ```
    ///
    /// ## Use instead
    /// ```incident
    /// ## Summary
    ///
    /// Search was down for 38 minutes in the evening.
    ///
    /// ## Timeline
    ///
    /// - 21:40 first errors from search-api [started]
    /// - 21:52 support reports failing searches [detected]
    /// - 22:18 search-api restarted on all nodes [resolved]
    /// ```
    ///
    /// ## Fix safety
    /// The fix inserts a Timeline built from the front matter's `started`, `detected`,
    /// `mitigated` and `resolved` times. It adds text the author has to check, so it is unsafe.
    code: "INC301",
    name: "missing-timeline",
    severity: Error,
    group: Default,
    fix: Unsafe,
}

pub(crate) const CHECK: Check = Check::File(check);

fn check(cx: &mut LintContext<'_>) {
    let incident = cx.incident;
    if incident.sections_of(SectionKind::Timeline).next().is_some() {
        return;
    }
    let mut block = vec!["## Timeline".to_owned(), String::new()];
    block.extend(skeleton::timeline_entries(incident));
    let block = skeleton::lines(cx.text(), &block);
    let edit = skeleton::insert_section(
        cx.text(),
        incident,
        &block,
        &skeleton::sections_after(SectionKind::Timeline),
    );
    cx.report(query::document_anchor(cx), "the write-up has no timeline")
        .help("add a `## Timeline` with one line per event: `- 14:02 what happened`, and tag when it [started], was [detected] and was [resolved]")
        .fix(Fix {
            title: "insert a Timeline from the front matter times".to_owned(),
            edits: vec![edit],
            applicability: Applicability::Unsafe,
        });
}
