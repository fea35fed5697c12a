//! `invalid-datetime`: a front matter milestone time that is not a date-time.

use crate::context::LintContext;
use crate::rule::{Check, declare_rule};

declare_rule! {
    /// ## What it does
    /// Reports a `started`, `detected`, `mitigated` or `resolved` value in the front matter that
    /// is not a valid date-time: a value in another format (`yesterday`, `20.11.2026 14:02`),
    /// a date that is not in the calendar (`2026-02-30`), or a time of day out of range
    /// (`24:00`).
    ///
    /// ## Why is this bad?
    /// The milestones measure the incident: the time to detect is `detected` minus `started`,
    /// the time to resolve is `resolved` minus `started`.
    /// A value the tools cannot read drops out of those numbers, and the timeline's times
    /// written without a date have no day to fall on when `started` is unreadable.
    ///
    /// ## Example
    /// ```incident
    /// ---
    /// started: 2026-11-20 2:02pm
    /// resolved: 2026-02-30 10:00
    /// ---
    /// ```
    ///
    /// ## Use instead
    /// ```incident
    /// ---
    /// started: 2026-11-20 14:02
    /// resolved: 2026-11-20 15:31 +01:00
    /// ---
    /// ```
    code: "INC503",
    name: "invalid-datetime",
    severity: Error,
    group: Default,
    fix: None,
}

pub(crate) const CHECK: Check = Check::File(check);

fn check(cx: &mut LintContext<'_>) {
    for (milestone, written) in &cx.incident.metadata.milestones {
        let Err(error) = &written.value else {
            continue;
        };
        cx.report(written.range, error.message.clone()).help(format!(
            "a date-time is `YYYY-MM-DD HH:MM`, optionally with an offset: `{}: 2026-11-20 14:02` or `2026-11-20 14:02 +01:00`; without an offset, the time is read in the front matter's `timezone`",
            milestone.name()
        ));
    }
}
