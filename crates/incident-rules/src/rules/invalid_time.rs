//! `invalid-time`: a timeline time that is well-formed but names no real instant.

use incident_model::{DateSource, EntryTime, Milestone};
use incident_syntax::{SyntaxKind, TextRange};
use jiff::civil::Date;

use crate::context::LintContext;
use crate::rule::{Check, declare_rule};

declare_rule! {
    /// ## What it does
    /// Reports a timeline time that is written correctly but cannot be placed in time: a time
    /// of day out of range (`25:00`, `14:61`), a date that is not in the calendar
    /// (`2026-02-30 10:00`), or a time without a date when nothing gives it a day: no date
    /// written above it in the timeline, no valid `started` or `date` in the front matter, and
    /// no date in the title or the file name.
    /// The last case is reported once per file, as "times without a date", on the first such
    /// entry.
    /// Malformed times such as `14h05` are syntax errors, not reported here.
    ///
    /// ## Why is this bad?
    /// A time that cannot be placed drops out of every measure taken from the timeline: the
    /// order of events, the time to detect, the time to resolve.
    /// Usually it is a typo, or an entry past midnight written as `24:15`.
    ///
    /// ## Example
    /// ```incident
    /// ---
    /// started: 2026-11-20 23:40
    /// ---
    ///
    /// ## Timeline
    ///
    /// - 23:40 deploy of checkout-api 4.2 starts [started]
    /// - 24:15 rollback finished [mitigated]
    /// ```
    ///
    /// ## Use instead
    /// ```incident
    /// ---
    /// started: 2026-11-20 23:40
    /// ---
    ///
    /// ## Timeline
    ///
    /// - 23:40 deploy of checkout-api 4.2 starts [started]
    /// - 2026-11-21 00:15 rollback finished [mitigated]
    /// ```
    code: "INC304",
    name: "invalid-time",
    severity: Error,
    group: Default,
    fix: None,
}

pub(crate) const CHECK: Check = Check::File(check);

const CHECK_THE_SOURCE: &str =
    "check it against the alert, log line or chat message that shows the event";

fn check(cx: &mut LintContext<'_>) {
    let incident = cx.incident;
    let invalid: Vec<&EntryTime> = incident
        .timeline
        .iter()
        .filter_map(|entry| entry.time.as_ref())
        .filter(|time| time.value.is_err() && !is_syntax_error(cx, time.range))
        .collect();
    let unanchored = invalid
        .iter()
        .filter(|time| time.date_source == DateSource::Missing)
        .count();
    let mut anchor_reported = false;
    for time in invalid {
        let Err(error) = &time.value else {
            continue;
        };
        if time.date_source == DateSource::Missing {
            if anchor_reported {
                continue;
            }
            anchor_reported = true;
            report_missing_anchor(cx, time, unanchored);
            continue;
        }
        let help = out_of_range_help(cx, time);
        cx.report(time.range, error.message.clone()).help(help);
    }
}

/// Whether the parser already reported the text at `range` as malformed.
fn is_syntax_error(cx: &LintContext<'_>, range: TextRange) -> bool {
    cx.parse
        .errors()
        .iter()
        .any(|error| error.range.start() < range.end() && range.start() < error.range.end())
}

fn report_missing_anchor(cx: &mut LintContext<'_>, time: &EntryTime, count: usize) {
    let written = cx.slice(time.range);
    let started = cx.incident.metadata.scalar(Milestone::Started.name());
    let suggested = suggested_started(cx).unwrap_or_else(|| "YYYY-MM-DD HH:MM".to_owned());
    let first = match started {
        Some(_) => format!("fix `started` in the front matter, `started: {suggested}`"),
        None => format!("add `started: {suggested}` to the front matter"),
    };
    let message = match count {
        0 | 1 => "time without a date: nothing in the file says which day it is on".to_owned(),
        _ => format!(
            "times without a date: nothing in the file says which day the {count} entries without one are on"
        ),
    };
    let help = format!(
        "{first}: times without a date fall on its day; or write the full date before the first time, `- YYYY-MM-DD {written} …`, and later times fall on the same day"
    );
    let report = cx.report(time.range, message).help(help);
    if let Some(started) = started {
        report.label(started.range, "`started` is not a valid date-time");
    }
}

/// The time of the `[started]` entry, when it has a full date, as a `started` value.
fn suggested_started(cx: &LintContext<'_>) -> Option<String> {
    let zone = cx.incident.timezone.zone.clone();
    cx.incident
        .timeline
        .iter()
        .filter(|entry| {
            entry
                .milestone
                .as_ref()
                .is_some_and(|tag| tag.value == Milestone::Started)
        })
        .find_map(|entry| entry.instant())
        .map(|instant| {
            instant
                .with_time_zone(zone)
                .strftime("%Y-%m-%d %H:%M")
                .to_string()
        })
}

/// Help for a time whose date or time of day does not exist.
fn out_of_range_help(cx: &LintContext<'_>, time: &EntryTime) -> String {
    let timestamp = cx
        .parse
        .root()
        .descendants()
        .find(|node| node.kind() == SyntaxKind::Timestamp && node.range() == time.range);
    let date_parts = timestamp
        .and_then(|timestamp| timestamp.child(SyntaxKind::Date))
        .and_then(|token| incident_syntax::parse_date(token.text()));
    let time_parts = timestamp
        .and_then(|timestamp| timestamp.child(SyntaxKind::Time))
        .and_then(|token| incident_syntax::parse_time(token.text()));
    let written_date = date_parts.map(|parts| {
        let year = i16::try_from(parts.year).unwrap_or(i16::MAX);
        (
            year,
            parts.month,
            Date::new(year, parts.month as i8, parts.day as i8),
        )
    });
    if let Some((year, month, Err(_))) = written_date {
        return match Date::new(year, month as i8, 1) {
            Ok(first_day) => format!(
                "{year:04}-{month:02} has {} days: {CHECK_THE_SOURCE}",
                first_day.days_in_month()
            ),
            Err(_) => format!("months run from 01 to 12: {CHECK_THE_SOURCE}"),
        };
    }
    let Some(parts) = time_parts else {
        return "write the time as `HH:MM`, in the incident's timezone or with an offset such as `+02:00`".to_owned();
    };
    let second = parts.second.unwrap_or(0);
    if parts.hour <= 23 && parts.minute <= 59 && second <= 59 {
        return "write the time in the incident's timezone, or with an offset such as `+02:00` that exists".to_owned();
    }
    if (24..=47).contains(&parts.hour) && parts.minute <= 59 && second <= 59 {
        let day = match written_date {
            Some((_, _, Ok(date))) => Some(date),
            _ => cx
                .incident
                .metadata
                .milestone(Milestone::Started)
                .map(|started| {
                    started
                        .with_time_zone(cx.incident.timezone.zone.clone())
                        .date()
                }),
        };
        let next_day = day
            .and_then(|day| day.tomorrow().ok())
            .map_or_else(|| "YYYY-MM-DD".to_owned(), |day| day.to_string());
        let seconds = parts
            .second
            .map(|second| format!(":{second:02}"))
            .unwrap_or_default();
        return format!(
            "a time of day runs from 00:00 to 23:59: past midnight, write the next day's date, `{next_day} {:02}:{:02}{seconds}`",
            parts.hour - 24,
            parts.minute
        );
    }
    format!("a time of day runs from 00:00 to 23:59: {CHECK_THE_SOURCE}")
}
