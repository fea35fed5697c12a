//! `confirmed-without-action-taken`: a confirmed hypothesis with no record of what was done.

use incident_model::{Outcome, Section, Verdict};
use incident_syntax::SyntaxKind;

use crate::context::LintContext;
use crate::diagnostic::{Applicability, Fix};
use crate::rule::{Check, declare_rule};
use crate::skeleton;
use crate::suggest::is_placeholder;

declare_rule! {
    /// ## What it does
    /// Reports a verdict `H<n> confirmed` with no `action taken:` item: neither nested under
    /// the verdict nor at the top level of the same Act section.
    /// An `action taken:` item that only holds a placeholder such as `TODO` does not count.
    ///
    /// ## Why is this bad?
    /// A confirmed hypothesis is the moment the team acts on the cause, and during the
    /// incident it is exactly what people forget to write down: the rollback, the restart, the
    /// copied secret.
    /// Later, nobody can say what was changed in production, when, or what has to be undone,
    /// and the timeline and the follow-up actions have nothing to build on.
    /// If nothing was done yet, say so and why.
    ///
    /// ## Example
    /// ```incident
    /// ## Act
    ///
    /// - H2 confirmed: the errors stopped once the secret was copied into `prod`
    /// ```
    ///
    /// ## Use instead
    /// ```incident
    /// ## Act
    ///
    /// - H2 confirmed: the errors stopped once the secret was copied into `prod`
    ///   - action taken: copied secret `checkout-db` into namespace `prod`, restarted the deployment
    /// ```
    ///
    /// ## Fix safety
    /// The fix inserts a nested `- action taken: TODO` item under the verdict.
    /// The placeholder has to be filled in, so the fix is unsafe.
    code: "INC203",
    name: "confirmed-without-action-taken",
    severity: Warning,
    group: Default,
    fix: Unsafe,
}

pub(crate) const CHECK: Check = Check::File(check);

const ACTION_TAKEN: &str = "action taken";

const HELP: &str = "write down what was done about it, under the verdict: \
`- action taken: rolled back checkout-api to 4.1 at 15:20`; if nothing was done yet, say so and why";

fn check(cx: &mut LintContext<'_>) {
    for verdict in &cx.incident.verdicts {
        if verdict.outcome.value != Outcome::Confirmed {
            continue;
        }
        let nested: Vec<bool> = verdict
            .details
            .iter()
            .filter(|detail| detail.has_label(ACTION_TAKEN))
            .map(|detail| {
                detail
                    .text
                    .as_ref()
                    .is_some_and(|text| !is_placeholder(&text.value))
            })
            .collect();
        let section = verdict
            .section
            .and_then(|index| cx.incident.sections.get(index));
        let beside = section
            .map(|section| top_level_actions_taken(cx, section))
            .unwrap_or_default();
        if nested.iter().chain(&beside).any(|&recorded| recorded) {
            continue;
        }
        let id = &verdict.hypothesis.value;
        let has_placeholder = !nested.is_empty() || !beside.is_empty();
        let message = if has_placeholder {
            format!("{id} is confirmed with a placeholder instead of the action taken")
        } else {
            format!("{id} is confirmed but no action taken is recorded")
        };
        let fix = (!has_placeholder).then(|| action_taken_skeleton(cx.text(), verdict));
        let report = cx.report(verdict.head_range(), message).help(HELP);
        if let Some(fix) = fix {
            report.fix(fix);
        }
    }
}

/// For each top-level `action taken:` item of `section`, whether it has text that is not a
/// placeholder.
fn top_level_actions_taken(cx: &LintContext<'_>, section: &Section) -> Vec<bool> {
    let Some(node) = crate::query::section_node(cx.parse, section.index) else {
        return Vec::new();
    };
    node.children_of(SyntaxKind::List)
        .flat_map(|list| list.children_of(SyntaxKind::ListItem))
        .filter_map(|item| item.child(SyntaxKind::LabeledItem))
        .filter(|head| {
            head.child(SyntaxKind::Label).is_some_and(|label| {
                label
                    .text()
                    .split_whitespace()
                    .map(str::to_lowercase)
                    .eq(ACTION_TAKEN.split_whitespace().map(str::to_owned))
            })
        })
        .map(|head| {
            let after_label = head.text().split_once(':').map_or("", |(_, rest)| rest);
            !is_placeholder(after_label)
        })
        .collect()
}

/// Inserts `- action taken: TODO` as the verdict's last nested item, at its content column.
fn action_taken_skeleton(text: &str, verdict: &Verdict) -> Fix {
    let indent = " ".repeat(skeleton::column(text, verdict.hypothesis.range.start()));
    let eol = incident_syntax::line_ending(text);
    Fix {
        title: "add an `action taken` item to fill in".to_owned(),
        edits: vec![skeleton::insert_lines_at(
            text,
            verdict.range.end(),
            &format!("{indent}- action taken: TODO{eol}"),
        )],
        applicability: Applicability::Unsafe,
    }
}
