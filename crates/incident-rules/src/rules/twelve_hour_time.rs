//! `twelve-hour-time`: a timeline time on the 12-hour clock, or with a stray `am`/`pm`.

use crate::context::LintContext;
use crate::diagnostic::{Applicability, Edit, Fix};
use crate::rule::{Check, declare_rule};

declare_rule! {
    /// ## What it does
    /// Reports a timeline time written on the 12-hour clock, such as `2:14 PM`, and a time
    /// on the 24-hour clock followed by `am` or `pm`, such as `17:14pm`.
    /// The time is read as the 24-hour time the message names: `2:14 PM` is 14:14, and the
    /// `pm` of `17:14pm` is ignored.
    ///
    /// ## Why is this bad?
    /// A timeline is read across teams and zones, and sorted by time.
    /// `AM` and `PM` are easy to drop when an entry is copied, and `12:30 AM` is misread
    /// often; on the 24-hour clock, every time says the same thing to everyone.
    ///
    /// ## Example
    /// ```incident
    /// ---
    /// started: 2026-11-20 14:02
    /// ---
    ///
    /// ## Timeline
    ///
    /// - 2:14 PM export job fails [started]
    /// - 17:14pm retries stop
    /// ```
    ///
    /// ## Use instead
    /// ```incident
    /// ---
    /// started: 2026-11-20 14:02
    /// ---
    ///
    /// ## Timeline
    ///
    /// - 14:14 export job fails [started]
    /// - 17:14 retries stop
    /// ```
    code: "INC310",
    name: "twelve-hour-time",
    severity: Warning,
    group: Default,
    fix: Safe,
}

pub(crate) const CHECK: Check = Check::File(check);

fn check(cx: &mut LintContext<'_>) {
    let times = cx
        .incident
        .timeline
        .iter()
        .filter_map(|entry| entry.time.as_ref()?.twelve_hour.as_ref());
    for twelve_hour in times {
        let written = cx.slice(twelve_hour.range).to_owned();
        let on_24_hour_clock = &twelve_hour.on_24_hour_clock;
        let message = if twelve_hour.meridiem_ignored {
            format!(
                "`{written}` is on the 24-hour clock with a stray `am`/`pm`: it is read as `{on_24_hour_clock}`"
            )
        } else {
            format!("12-hour time `{written}` in the timeline: it is read as `{on_24_hour_clock}`")
        };
        cx.report(twelve_hour.range, message)
            .help(format!("write the time on the 24-hour clock, `{on_24_hour_clock}`, so that the timeline reads the same to everyone"))
            .fix(Fix {
                title: format!("write `{on_24_hour_clock}`"),
                edits: vec![Edit::replace(twelve_hour.range, on_24_hour_clock.clone())],
                applicability: Applicability::Safe,
            });
    }
}
