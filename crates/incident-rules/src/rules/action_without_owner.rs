//! `action-without-owner`: a follow-up action that nobody owns.

use crate::context::LintContext;
use crate::rule::{Check, declare_rule};
use crate::rules::timeline_entry_without_time::first_line;
use crate::suggest::is_placeholder;

declare_rule! {
    /// ## What it does
    /// Reports an open action item of a finished post-mortem with no `owner:` in its trailing
    /// group, or with a placeholder owner such as `@TODO`.
    /// Done actions (`[x]`) are not reported.
    /// Owners written as older post-mortems write them count too: after a dash at the end,
    /// `- Rotate the credentials — Dana` or `- ... - @dana`, a handle in brackets, `[@dana]` or
    /// `(@dana)`, a group that holds other words, `(owner: SRE, P1)`, a nested `Owner: Dana`
    /// item, and the owner column of an action table.
    ///
    /// ## Why is this bad?
    /// An action that belongs to everybody is done by nobody.
    /// One owner, a team or a person, is who the follow-up meeting asks about it.
    ///
    /// ## Example
    /// ```incident
    /// ---
    /// status: resolved
    /// ---
    ///
    /// ## Actions
    ///
    /// - [ ] detect: alert on authentication failures from checkout-api (due: 2026-12-05)
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
    /// ```
    code: "INC402",
    name: "action-without-owner",
    severity: Warning,
    group: Default,
    fix: None,
}

pub(crate) const CHECK: Check = Check::File(check);

const HELP: &str =
    "every follow-up needs one owner, a team or a person: `(owner: @payments, due: 2026-12-15)`";

const TABLE_HELP: &str =
    "every follow-up needs one owner, a team or a person: write it in the row's owner column";

fn check(cx: &mut LintContext<'_>) {
    if !cx.is_over() {
        return;
    }
    for action in &cx.incident.actions {
        if action.done {
            continue;
        }
        match &action.owner {
            None => {
                let range = match (&action.text, &action.category) {
                    (Some(text), _) => first_line(cx.text(), text.range),
                    (None, Some(category)) => category.range,
                    (None, None) => first_line(cx.text(), action.range),
                };
                let help = if action.in_table { TABLE_HELP } else { HELP };
                cx.report(range, "action has no owner").help(help);
            }
            Some(owner) if is_placeholder(&owner.value) => {
                let message = format!("action has a placeholder owner, `{}`", owner.value);
                cx.report(owner.range, message).help(HELP);
            }
            Some(_) => {}
        }
    }
}
