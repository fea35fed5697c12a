//! `unknown-section`: a level-2 heading that is not one of the method's sections.

use incident_syntax::SectionKind;

use crate::context::LintContext;
use crate::diagnostic::{Applicability, Edit, Fix};
use crate::rule::{Check, declare_rule};
use crate::suggest::{did_you_mean, section_kind_by_words};

declare_rule! {
    /// ## What it does
    /// Reports a `##` section whose heading is not a known section (Summary, Impact, Root cause,
    /// Observe, Orient, Decide, Act, Timeline, Actions, Lessons) or a configured alias.
    /// A heading close to a known one is probably a typo, and the rule offers the fix; otherwise
    /// the help names the kind the heading's words suggest.
    ///
    /// ## Why is this bad?
    /// A misspelled `## Timline` hides the timeline from every check, so a write-up can look
    /// complete while the tools see no timeline at all.
    /// If the heading is your team's name for a known section, map it with an alias in
    /// `incident-lint.toml`, for example `[sections] "Chronology" = "timeline"`; if it is a
    /// section the method does not check, such as a list of attendees, map it to `"other"`.
    /// A `preset` maps the headings of a common template at once.
    ///
    /// ## Example
    /// ```incident
    /// ## Timline
    ///
    /// - 14:02 first alert fires [started]
    /// ```
    ///
    /// ## Use instead
    /// ```incident
    /// ## Timeline
    ///
    /// - 14:02 first alert fires [started]
    /// ```
    code: "INC509",
    name: "unknown-section",
    severity: Warning,
    group: Default,
    fix: Sometimes,
}

pub(crate) const CHECK: Check = Check::File(check);

fn check(cx: &mut LintContext<'_>) {
    for section in &cx.incident.sections {
        if section.kind != SectionKind::Unknown {
            continue;
        }
        let Some(name) = &section.name else {
            continue;
        };
        let known = SectionKind::KNOWN.iter().map(|kind| kind.title());
        match did_you_mean(&name.value, known) {
            Some(suggestion) => {
                cx.report(name.range, format!("unknown section `{}`", name.value))
                    .help(format!("did you mean `{suggestion}`? Until it is spelled right, no check sees this section"))
                    .fix(Fix {
                        title: format!("rename to `{suggestion}`"),
                        edits: vec![Edit::replace(name.range, suggestion)],
                        applicability: Applicability::Safe,
                    });
            }
            None => {
                let help = match section_kind_by_words(&name.value) {
                    Some(kind) => format!(
                        "if this is your team's name for the {} section, say so in incident-lint.toml: `[sections] \"{}\" = \"{}\"`; if the method does not check it, map it to \"other\"",
                        kind.title(),
                        name.value,
                        kind.name()
                    ),
                    None => format!(
                        "if the method does not check this section, mark it known in incident-lint.toml: `[sections] \"{}\" = \"other\"`; if it is your name for a known section, map it to that one (\"timeline\", \"actions\", ...)",
                        name.value
                    ),
                };
                cx.report(name.range, format!("unknown section `{}`", name.value))
                    .help(help);
            }
        }
    }
}
