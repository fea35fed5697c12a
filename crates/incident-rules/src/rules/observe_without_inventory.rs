//! `observe-without-inventory`: the first Observe section does not say what is up and down.

use incident_model::{Incident, Section};
use incident_syntax::{SectionKind, SyntaxKind};

use crate::context::LintContext;
use crate::diagnostic::{Applicability, Edit, Fix};
use crate::rule::{Check, declare_rule};
use crate::skeleton;
use crate::suggest::is_placeholder;

declare_rule! {
    /// ## What it does
    /// Reports the first Observe section when it has no status line: no `up:`, `down:` or
    /// `degraded:` item that names a system.
    ///
    /// While the incident is not over, an Observe section with nothing written in it yet (a
    /// new file's template) is not reported: it is the next step.
    ///
    /// ## Why is this bad?
    /// The first look at an incident decides where everyone looks next.
    /// Taking stock of what is up and what is down draws the boundary of the problem: if
    /// checkout is down but search, which uses the same database, is up, the database is
    /// probably fine.
    /// Without the inventory, the team starts from the most visible symptom and often from the
    /// wrong place.
    ///
    /// ## Example
    /// ```incident
    /// ## Observe
    ///
    /// - O1: checkout-api answers 502 to every request
    /// ```
    ///
    /// ## Use instead
    /// ```incident
    /// ## Observe
    ///
    /// - up: nginx, postgres, search-api
    /// - down: checkout-api
    /// - O1: checkout-api answers 502 to every request
    /// ```
    ///
    /// ## Fix safety
    /// The fix inserts `- up: TODO` and `- down: TODO` at the start of the section's list.
    /// The placeholders have to be filled in, so the fix is unsafe.
    code: "INC105",
    name: "observe-without-inventory",
    severity: Warning,
    group: Pedantic,
    fix: Unsafe,
    scope: Investigation,
}

pub(crate) const CHECK: Check = Check::File(check);

fn check(cx: &mut LintContext<'_>) {
    let incident = cx.incident;
    let Some(observe) = incident.sections_of(SectionKind::Observe).next() else {
        return;
    };
    if takes_inventory(incident, observe) {
        return;
    }
    // While the incident goes on, an Observe section with nothing in it yet is the next step,
    // which `next_step` coaches, not a finding.
    if !cx.is_over() && !crate::query::section_says_something(cx, observe) {
        return;
    }
    let has_status_lines = incident
        .status_lines
        .iter()
        .any(|status| status.section == Some(observe.index));
    // Placeholder status lines are already there to fill in: no fix then.
    let (message, fix) = if has_status_lines {
        (
            "the first Observe section takes no inventory: its status lines name no system",
            None,
        )
    } else {
        (
            "the first Observe section takes no inventory: no `up:` or `down:` line",
            inventory_skeleton(cx, observe),
        )
    };
    let report = cx.report(observe.name_range(), message).help(
        "take stock of what is up and what is down before looking for a cause: \
             `- up: nginx, postgres` and `- down: checkout-api`",
    );
    if let Some(fix) = fix {
        report.fix(fix);
    }
}

/// Whether `observe` has a status line that names a system.
fn takes_inventory(incident: &Incident, observe: &Section) -> bool {
    incident.status_lines.iter().any(|status| {
        status.section == Some(observe.index)
            && status
                .systems
                .iter()
                .any(|system| !is_placeholder(&system.value))
    })
}

/// Inserts placeholder status lines before the first item of the section's first list, with
/// that item's indentation and marker, or after the heading when the section has no list.
fn inventory_skeleton(cx: &LintContext<'_>, observe: &Section) -> Option<Fix> {
    let text = cx.text();
    let eol = incident_syntax::line_ending(text);
    let node = crate::query::section_node(cx.parse, observe.index)?;
    let first_item = node
        .children_of(SyntaxKind::List)
        .next()
        .and_then(|list| list.children_of(SyntaxKind::ListItem).next());
    let edit = match first_item {
        Some(item) => {
            let line = skeleton::line_start(text, item.range().start());
            let indent = cx.slice(incident_syntax::TextRange::new(line, item.range().start()));
            if !indent.chars().all(|c| c == ' ' || c == '\t') {
                return None;
            }
            let marker = item.child(SyntaxKind::Marker)?.text();
            Edit::insert(
                line,
                format!("{indent}{marker} up: TODO{eol}{indent}{marker} down: TODO{eol}"),
            )
        }
        None => {
            let after_heading = observe.heading_range.end();
            let rest = text.get(after_heading as usize..).unwrap_or_default();
            let next_line_is_blank = rest
                .lines()
                .next()
                .is_none_or(|line| line.trim().is_empty());
            let blank_after = if next_line_is_blank { "" } else { eol };
            skeleton::insert_lines_at(
                text,
                after_heading,
                &format!("{eol}- up: TODO{eol}- down: TODO{eol}{blank_after}"),
            )
        }
    };
    Some(Fix {
        title: "insert `up:` and `down:` lines to fill in".to_owned(),
        edits: vec![edit],
        applicability: Applicability::Unsafe,
    })
}
