//! `missing-actions`: a post-mortem without follow-up actions.

use incident_model::ActionCategory;
use incident_syntax::{SectionKind, SyntaxKind};

use crate::context::LintContext;
use crate::diagnostic::{Applicability, Fix};
use crate::query::document_anchor;
use crate::rule::{Check, declare_rule};
use crate::skeleton;

declare_rule! {
    /// ## What it does
    /// Reports a write-up of an incident that is over (its `status` is `resolved` or `closed`)
    /// with no Actions section, or with no action items in it: top-level items, with a task box
    /// (`- [ ]`) or as plain bullets.
    /// Nested items are details of the item above them, and an item that ends with a colon
    /// (`- Next quarter:`) introduces the items under it: neither is an action.
    ///
    /// ## Why is this bad?
    /// A post-mortem without follow-up actions changes nothing: the same incident can happen
    /// again, and be noticed just as late.
    /// Each action needs a category, one owner and a due date, so that someone follows it up.
    ///
    /// ## Example
    /// ```incident
    /// ---
    /// status: resolved
    /// ---
    ///
    /// ## Lessons
    ///
    /// We should alert on authentication failures.
    /// ```
    ///
    /// ## Use instead
    /// ```incident
    /// ---
    /// status: resolved
    /// ---
    ///
    /// ## Actions
    ///
    /// - [ ] detect: alert on authentication failures from checkout-api (owner: @sre, due: 2026-12-05)
    ///
    /// ## Lessons
    ///
    /// We should alert on authentication failures.
    /// ```
    ///
    /// ## Fix safety
    /// The fix inserts one placeholder action per category (prevent, detect, clarify,
    /// automate), such as `- [ ] prevent: TODO (owner: @TODO, due: YYYY-MM-DD)`, in a new
    /// Actions section or under an empty one.
    /// The placeholders parse as actions without syntax errors, but they are visibly unfinished:
    /// `action-without-owner` reports the `@TODO` owners, and `YYYY-MM-DD` is not a due date,
    /// until the team fills them in.
    /// A made-up date would look finished, so the skeleton does not invent one.
    /// An Actions section that holds a list without action items gets no fix: write the
    /// follow-ups as top-level items.
    /// The fix is unsafe because it adds text to fill in.
    code: "INC401",
    name: "missing-actions",
    severity: Error,
    group: Default,
    fix: Unsafe,
}

pub(crate) const CHECK: Check = Check::File(check);

const HELP: &str = "write each follow-up as a task with a category, one owner and a due date: `- [ ] detect: alert on login failures (owner: @sre, due: 2026-12-05)`";

/// The categories the skeleton proposes, in the order people usually discuss them.
const SKELETON_CATEGORIES: [ActionCategory; 4] = [
    ActionCategory::Prevent,
    ActionCategory::Detect,
    ActionCategory::Clarify,
    ActionCategory::Automate,
];

fn check(cx: &mut LintContext<'_>) {
    let incident = cx.incident;
    if !cx.is_over() || !incident.actions.is_empty() {
        return;
    }
    let items: Vec<String> = SKELETON_CATEGORIES
        .iter()
        .map(|category| {
            format!(
                "- [ ] {}: TODO (owner: @TODO, due: YYYY-MM-DD)",
                category.name()
            )
        })
        .collect();
    let Some(section) = incident.sections_of(SectionKind::Actions).next() else {
        let edit =
            skeleton::insert_missing_section(cx.text(), incident, SectionKind::Actions, &items);
        cx.report(
            document_anchor(cx),
            "the post-mortem has no follow-up actions",
        )
        .help(HELP)
        .fix(Fix {
            title: "insert an Actions section to fill in".to_owned(),
            edits: vec![edit],
            applicability: Applicability::Unsafe,
        });
        return;
    };
    let heading = section
        .name
        .as_ref()
        .map_or(section.heading_range, |name| name.range);
    let has_list = cx
        .parse
        .sections()
        .nth(section.index)
        .is_some_and(|(node, _)| node.child(SyntaxKind::List).is_some());
    if has_list {
        cx.report(heading, "the Actions section has no action items")
            .help("nested items are details of the item above them: write each follow-up as a top-level task with a category, `- [ ] detect: alert on login failures (owner: @sre, due: 2026-12-05)`");
        return;
    }
    let edit = skeleton::insert_after_heading(cx.text(), section, &items);
    cx.report(heading, "the Actions section has no action items")
        .help(HELP)
        .fix(Fix {
            title: "add action items to fill in".to_owned(),
            edits: vec![edit],
            applicability: Applicability::Unsafe,
        });
}
