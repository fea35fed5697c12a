//! `overdue-action`: an open follow-up action past its due date.

use crate::context::LintContext;
use crate::rule::{Check, declare_rule};

declare_rule! {
    /// ## What it does
    /// Reports an open action item (`- [ ]`) whose `due:` date is before today.
    /// "Today" is the configured `today`, or the date the linter runs.
    ///
    /// ## Why is this bad?
    /// An overdue action is either done and not ticked, or stuck: in both cases the
    /// post-mortem no longer tells the truth about what was followed up.
    ///
    /// ## Example
    /// ```incident
    /// ## Actions
    ///
    /// - [ ] detect: alert on authentication failures from checkout-api (owner: @sre, due: 2026-11-05)
    /// ```
    ///
    /// ## Use instead
    /// ```incident
    /// ## Actions
    ///
    /// - [x] detect: alert on authentication failures from checkout-api (owner: @sre, due: 2026-11-05)
    /// ```
    code: "INC405",
    name: "overdue-action",
    severity: Info,
    group: Default,
    fix: None,
}

pub(crate) const CHECK: Check = Check::File(check);

fn check(cx: &mut LintContext<'_>) {
    let Some(today) = cx.settings.today else {
        return;
    };
    for action in &cx.incident.actions {
        let Some(due) = &action.due else {
            continue;
        };
        let Ok(date) = due.value else {
            continue;
        };
        if action.done || date >= today {
            continue;
        }
        let days = date.until(today).map_or(0, |span| span.get_days());
        let message = if days == 1 {
            format!("action is 1 day overdue (due {date})")
        } else {
            format!("action is {days} days overdue (due {date})")
        };
        cx.report(due.range, message)
            .help("tick it, `- [x]`, if it is done; otherwise agree on a new due date with its owner and write it here");
    }
}
