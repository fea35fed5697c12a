//! `action-without-due-date`: an open follow-up action of a post-mortem with no due date.

use crate::context::LintContext;
use crate::rule::{Check, declare_rule};

declare_rule! {
    /// ## What it does
    /// Once the incident is over, reports each open action item (`- [ ]`, or a plain bullet
    /// of an Actions section) with no `due:` date.
    /// Done items (`- [x]`) need none.
    /// Due dates written as older post-mortems write them count too: a date after `due` or
    /// `by` in the text, `- Rotate the credentials by 2026-12-20` or `(due 2026-12-20)`, a
    /// nested `Due: 2026-12-20` item, and the due column of an action table.
    /// `by Friday` is not a date, and is reported.
    ///
    /// ## Why is this bad?
    /// An action without a date is a wish: it stays open until the same incident happens
    /// again.
    /// A due date lets the team track the follow-up, and lets `overdue-action` say when it
    /// slipped.
    ///
    /// ## Example
    /// ```incident
    /// ---
    /// status: resolved
    /// ---
    ///
    /// ## Actions
    ///
    /// - [ ] detect: alert on billing-worker restarts (owner: @billing)
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
    /// - [ ] detect: alert on billing-worker restarts (owner: @billing, due: 2026-12-11)
    /// ```
    code: "INC409",
    name: "action-without-due-date",
    severity: Warning,
    group: Default,
    fix: None,
}

pub(crate) const CHECK: Check = Check::File(check);

fn check(cx: &mut LintContext<'_>) {
    if !cx.is_over() {
        return;
    }
    for action in &cx.incident.actions {
        if action.done || action.due.is_some() {
            continue;
        }
        let range = action.text.as_ref().map_or(action.range, |text| text.range);
        let help = if action.in_table {
            "Actions: say by when it is done in the row's due date column, `2026-12-15`, so the follow-up is tracked"
        } else {
            "Actions: say by when it is done, `(owner: @team, due: 2026-12-15)`, so the follow-up is tracked"
        };
        cx.report(range, "open action has no due date").help(help);
    }
}
