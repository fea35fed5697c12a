//! `empty-section`: a section with nothing under its heading.

use incident_syntax::SectionKind;

use crate::context::LintContext;
use crate::rule::{Check, declare_rule};

declare_rule! {
    /// ## What it does
    /// Reports a known section with nothing but blank lines under its heading.
    /// Timeline sections are left to `empty-timeline`, and an empty Observe section followed
    /// by a Decide section in its loop is left to `decide-without-observe`.
    ///
    /// While the incident is not over (its status is not `resolved` or `closed`), nothing is
    /// reported: a template's sections are filled in as the incident goes, and
    /// `incident-lint next` coaches the next step instead.
    ///
    /// ## Why is this bad?
    /// An empty heading promises content that is not there: a reader jumps to `## Impact` and
    /// finds nothing, and a finished post-mortem with an empty `## Lessons` section looks as
    /// if the team learned nothing.
    /// Write the section, or remove the heading if it does not apply.
    ///
    /// ## Example
    /// ```incident
    /// ---
    /// status: closed
    /// ---
    ///
    /// ## Impact
    ///
    /// ## Lessons
    /// ```
    ///
    /// ## Use instead
    /// ```incident
    /// ---
    /// status: closed
    /// ---
    ///
    /// ## Impact
    ///
    /// About 4,100 checkout attempts failed over 89 minutes. No data was lost.
    ///
    /// ## Lessons
    ///
    /// The logs pointed at the credentials from the first minute.
    /// ```
    code: "INC511",
    name: "empty-section",
    severity: Warning,
    group: Default,
    fix: None,
}

pub(crate) const CHECK: Check = Check::File(check);

fn check(cx: &mut LintContext<'_>) {
    let incident = cx.incident;
    if !cx.is_over() {
        return;
    }
    for section in &incident.sections {
        if section.has_content
            || matches!(
                section.kind,
                SectionKind::Unknown | SectionKind::Other | SectionKind::Timeline
            )
        {
            continue;
        }
        if section.kind == SectionKind::Observe && decided_after(incident, section) {
            continue;
        }
        let heading = section
            .name
            .as_ref()
            .map_or(section.heading_range, |name| name.range);
        let title = section.kind.title();
        cx.report(heading, format!("the `{title}` section is empty"))
            .help(format!(
                "{}; if the section does not apply, remove the heading",
                what_goes_in(section.kind)
            ));
    }
}

/// Whether a Decide section follows `observe` in its loop, so `decide-without-observe` reports
/// the empty Observe section.
fn decided_after(incident: &incident_model::Incident, observe: &incident_model::Section) -> bool {
    let Some(ooda_loop) = observe
        .loop_index
        .and_then(|index| incident.loops.get(index))
    else {
        return false;
    };
    ooda_loop
        .sections
        .iter()
        .filter_map(|&index| incident.sections.get(index))
        .any(|section| section.kind == SectionKind::Decide && section.index > observe.index)
}

/// What a section of `kind` holds, as advice with an example.
fn what_goes_in(kind: SectionKind) -> &'static str {
    match kind {
        SectionKind::Summary => {
            "write what happened in two or three sentences: what broke, for how long, and what fixed it"
        }
        SectionKind::Impact => {
            "write who and what was affected, how much and for how long, such as `about 4,100 checkout attempts failed over 89 minutes`"
        }
        SectionKind::Observe => {
            "write what is up, what is down and what the logs say, before deciding anything: `- down: checkout-api`, `- O1: the log says ...`"
        }
        SectionKind::Orient => {
            "write what changed recently, what should have happened, and the story that connects the observations: `- changed: ...`, `- story: ...`"
        }
        SectionKind::Decide => {
            "write the hypothesis you are about to test and the observations it rests on: `- H1: ... [O1]`"
        }
        SectionKind::Act => {
            "write how the hypothesis was tested and the verdict: `- H1 confirmed: ...` or `- H1 rejected: ...` with the reason"
        }
        SectionKind::Actions => {
            "write the follow-up actions with an owner and a due date: `- [ ] prevent: ... (owner: @team, due: 2026-12-15)`"
        }
        SectionKind::Lessons => {
            "write what the team learned: what went well, what was hard, what surprised you"
        }
        SectionKind::Cause => {
            "write why it broke, as the investigation found it: the change or condition, and why nothing stopped it"
        }
        SectionKind::Timeline | SectionKind::Other | SectionKind::Unknown => "fill it in",
    }
}
