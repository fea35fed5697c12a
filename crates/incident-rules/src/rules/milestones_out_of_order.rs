//! `milestones-out-of-order`: front matter milestones whose times go backwards.

use incident_model::{Milestone, Spanned, ValueError};
use jiff::ZonedDateTime;

use crate::context::LintContext;
use crate::rule::{Check, declare_rule};

declare_rule! {
    /// ## What it does
    /// Reports a front matter milestone that is earlier than a milestone that must come before
    /// it: an incident is `started`, then `detected`, then `mitigated`, then `resolved`.
    /// Times are compared as instants, offsets and the front matter's `timezone` included.
    /// Missing and unreadable times are left out.
    ///
    /// ## Why is this bad?
    /// The time to detect and the time to resolve are computed from these times; one of them
    /// is wrong, and the numbers the follow-up actions should improve come out negative.
    /// The usual causes are a time past midnight written with the day before, a 12-hour
    /// time, or an offset that differs from the other times.
    ///
    /// ## Example
    /// ```incident
    /// ---
    /// started: 2026-12-08 21:40
    /// detected: 2026-12-08 21:52
    /// resolved: 2026-12-08 00:18
    /// ---
    /// ```
    ///
    /// ## Use instead
    /// ```incident
    /// ---
    /// started: 2026-12-08 21:40
    /// detected: 2026-12-08 21:52
    /// resolved: 2026-12-09 00:18
    /// ---
    /// ```
    code: "INC506",
    name: "milestones-out-of-order",
    severity: Error,
    group: Default,
    fix: None,
}

pub(crate) const CHECK: Check = Check::File(check);

type Written = Spanned<Result<ZonedDateTime, ValueError>>;

fn check(cx: &mut LintContext<'_>) {
    let valid: Vec<(Milestone, &Written, &ZonedDateTime)> = cx
        .incident
        .metadata
        .milestones
        .iter()
        .filter_map(|(milestone, written)| {
            Some((*milestone, written, written.value.as_ref().ok()?))
        })
        .collect();
    for (index, (milestone, written, time)) in valid.iter().enumerate() {
        // The latest of the milestones that must come before this one.
        let latest_before = valid
            .iter()
            .take(index)
            .filter(|(earlier, ..)| earlier < milestone)
            .max_by_key(|(_, _, earlier_time)| earlier_time.timestamp());
        let Some((earlier, earlier_written, earlier_time)) = latest_before else {
            continue;
        };
        if time.timestamp() >= earlier_time.timestamp() {
            continue;
        }
        let (name, earlier_name) = (milestone.name(), earlier.name());
        let shown = |written: &Written| written_text(cx.slice(written.range));
        cx.report(written.range, format!("`{name}` ({}) is before `{earlier_name}` ({})", shown(written), shown(earlier_written)))
            .label(earlier_written.range, format!("`{earlier_name}` is later"))
            .help(
                "milestones come in order: `started`, `detected`, `mitigated`, `resolved`; check the date, time and offset of both (a time after midnight needs the next day's date)",
            );
    }
}

/// A written value without quotes.
fn written_text(text: &str) -> &str {
    text.trim_matches(['"', '\''])
}
