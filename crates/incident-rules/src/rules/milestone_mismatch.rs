//! `milestone-mismatch`: a milestone tag whose time differs from the front matter's.

use jiff::ZonedDateTime;

use crate::context::LintContext;
use crate::rule::{Check, declare_rule};

declare_rule! {
    /// ## What it does
    /// Reports a milestone tag (`[started]`, `[detected]`, `[mitigated]`, `[resolved]`) on a
    /// timeline entry whose time differs from the front matter field of the same name.
    /// When one of the two times is written to the minute, they agree if they fall in the same
    /// minute.
    ///
    /// ## Why is this bad?
    /// Reports and dashboards read the front matter: the time to detect and the time to
    /// resolve of every incident come from it.
    /// When the timeline says otherwise, one of the two is wrong, and the measures the
    /// follow-up actions are judged by are off.
    ///
    /// ## Example
    /// ```incident
    /// ---
    /// started: 2026-11-20 14:02
    /// detected: 2026-11-20 14:09
    /// ---
    ///
    /// ## Timeline
    ///
    /// - 14:02 first 502s in the nginx access log [started]
    /// - 14:12 alert `CheckoutErrorRate` fires, on-call paged [detected]
    /// ```
    ///
    /// ## Use instead
    /// ```incident
    /// ---
    /// started: 2026-11-20 14:02
    /// detected: 2026-11-20 14:12
    /// ---
    ///
    /// ## Timeline
    ///
    /// - 14:02 first 502s in the nginx access log [started]
    /// - 14:12 alert `CheckoutErrorRate` fires, on-call paged [detected]
    /// ```
    code: "INC307",
    name: "milestone-mismatch",
    severity: Warning,
    group: Default,
    fix: None,
}

pub(crate) const CHECK: Check = Check::File(check);

fn check(cx: &mut LintContext<'_>) {
    let incident = cx.incident;
    for entry in &incident.timeline {
        let (Some(tag), Some(time), Some(instant)) =
            (&entry.milestone, &entry.time, entry.instant())
        else {
            continue;
        };
        let name = tag.value.name();
        let (Some(expected), Some(field)) = (
            incident.metadata.milestone(tag.value),
            incident.metadata.scalar(name),
        ) else {
            continue;
        };
        if agree(instant, expected) {
            continue;
        }
        let written = cx.slice(time.range);
        cx.report(
            tag.range,
            format!(
                "`[{name}]` is at `{written}`, but the front matter says `{name}: {}`",
                field.value
            ),
        )
        .label(field.range, format!("the front matter's `{name}` time"))
        .help("make them agree; the front matter is what reports and dashboards read");
    }
}

/// Whether two times are the same instant, or the same minute when one of them has no seconds.
fn agree(entry: &ZonedDateTime, front_matter: &ZonedDateTime) -> bool {
    let (entry_seconds, front_matter_seconds) = (
        entry.timestamp().as_second(),
        front_matter.timestamp().as_second(),
    );
    if entry.timestamp() == front_matter.timestamp() {
        return true;
    }
    let whole_minute = entry.second() == 0 || front_matter.second() == 0;
    whole_minute && entry_seconds.div_euclid(60) == front_matter_seconds.div_euclid(60)
}
