//! `action-without-task-box`: a follow-up action written as a plain bullet.

use crate::context::LintContext;
use crate::diagnostic::{Applicability, Edit, Fix};
use crate::rule::{Check, declare_rule};
use crate::rules::timeline_entry_without_time::first_line;

declare_rule! {
    /// ## What it does
    /// Once the incident is over, reports each action of an Actions section written as a plain
    /// bullet, `- alert on queue depth`, without a task box.
    /// Such items count as open actions: the owner, category and due date rules read them as
    /// they read task items.
    /// Nested items (details of an action) and an item ending with a colon, which introduces
    /// the items under it, are not actions.
    /// Rows of an action table are read as actions too, but are not reported: a table has no
    /// place for a box, and `incident-lint import` rewrites it into task items.
    ///
    /// ## Why is this bad?
    /// The box is the action's state: `[ ]` while it is open, `[x]` once it is done.
    /// Without it, nobody can tell a finished follow-up from a forgotten one, and `stats` and
    /// the report count every such action as open, and as overdue once its due date passes.
    ///
    /// ## Example
    /// ```incident
    /// ---
    /// status: resolved
    /// ---
    ///
    /// ## Action items
    ///
    /// - detect: alert on queue depth (owner: @sam, due: 2026-12-20)
    /// ```
    ///
    /// ## Use instead
    /// ```incident
    /// ---
    /// status: resolved
    /// ---
    ///
    /// ## Action items
    ///
    /// - [ ] detect: alert on queue depth (owner: @sam, due: 2026-12-20)
    /// ```
    ///
    /// The fix inserts `[ ] ` after the list marker and keeps the marker and the text as
    /// written: the action stays open until someone ticks it.
    code: "INC411",
    name: "action-without-task-box",
    severity: Warning,
    group: Default,
    fix: Safe,
}

pub(crate) const CHECK: Check = Check::File(check);

fn check(cx: &mut LintContext<'_>) {
    if !cx.is_over() {
        return;
    }
    for action in &cx.incident.actions {
        if action.has_task_box || action.in_table {
            continue;
        }
        cx.report(first_line(cx.text(), action.head), "action has no task box")
            .help("start it with a task box, `- [ ] ...`: the box says whether the follow-up is open or done, which `stats` and the report count; tick it, `[x]`, when it is done")
            .fix(Fix {
                title: "insert an open task box".to_owned(),
                edits: vec![Edit::insert(action.head.start(), "[ ] ")],
                applicability: Applicability::Safe,
            });
    }
}
