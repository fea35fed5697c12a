//! `duplicate-section`: a section that a write-up has once appears twice.

use incident_syntax::SectionKind;

use crate::context::LintContext;
use crate::rule::{Check, declare_rule};

declare_rule! {
    /// ## What it does
    /// Reports a second Summary, Impact, Timeline, Actions or Lessons section, aliases
    /// included (`## Action items` is an Actions section).
    /// Observe, Orient, Decide and Act repeat by design, once per investigation loop, and
    /// unknown sections are not compared.
    ///
    /// ## Why is this bad?
    /// Two timelines, or two lists of actions, split what belongs together: readers stop at
    /// the first one, and the checks of the second one are easy to miss.
    /// It usually comes from pasting a template twice or from two people writing the same
    /// section at once.
    ///
    /// ## Example
    /// ```incident
    /// ## Timeline
    ///
    /// - 14:02 first 502s in the nginx access log [started]
    ///
    /// ## Timeline
    ///
    /// - 15:31 error rate back to baseline [resolved]
    /// ```
    ///
    /// ## Use instead
    /// ```incident
    /// ## Timeline
    ///
    /// - 14:02 first 502s in the nginx access log [started]
    /// - 15:31 error rate back to baseline [resolved]
    /// ```
    code: "INC510",
    name: "duplicate-section",
    severity: Warning,
    group: Default,
    fix: None,
}

pub(crate) const CHECK: Check = Check::File(check);

fn check(cx: &mut LintContext<'_>) {
    let sections = &cx.incident.sections;
    for section in sections {
        if section.kind == SectionKind::Unknown || section.kind.is_loop_step() {
            continue;
        }
        let Some(first) = sections
            .iter()
            .take(section.index)
            .find(|earlier| earlier.kind == section.kind)
        else {
            continue;
        };
        let heading_of = |section: &incident_model::Section| {
            section
                .name
                .as_ref()
                .map_or(section.heading_range, |name| name.range)
        };
        let title = section.kind.title();
        let message = match &section.name {
            Some(name) if !name.value.eq_ignore_ascii_case(title) => {
                format!("`{}` is a second `{title}` section", name.value)
            }
            _ => format!("the write-up has a second `{title}` section"),
        };
        cx.report(heading_of(section), message)
            .label(
                heading_of(first),
                format!("the first `{title}` section is here"),
            )
            .help(format!(
                "keep one `## {title}` section and merge the content of both into it"
            ));
    }
}
