//! `timeline-out-of-order`: a timeline entry earlier than an entry above it.

use incident_format::{OutOfOrder, out_of_order, timeline_sort};
use incident_syntax::SectionKind;

use crate::context::LintContext;
use crate::diagnostic::{Applicability, Edit, Fix};
use crate::rule::{Check, declare_rule};

declare_rule! {
    /// ## What it does
    /// Reports a timeline entry whose time is earlier than the latest time above it in the
    /// same Timeline section.
    /// When a time without a date is more than 12 hours earlier, the entry is probably past
    /// midnight, and the rule says so.
    ///
    /// ## Why is this bad?
    /// A timeline is read top to bottom as the story of the incident.
    /// An entry out of place tells the story wrong, and usually it hides a typo in the time or
    /// an entry past midnight that falls on the wrong day: times without a date are on the day
    /// of `started`.
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
    /// - 23:52 alert `CheckoutLatency` fires [detected]
    /// - 23:47 first customer reports in the support channel
    /// - 00:15 rollback finished [resolved]
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
    /// - 23:47 first customer reports in the support channel
    /// - 23:52 alert `CheckoutLatency` fires [detected]
    /// - 2026-11-21 00:15 rollback finished [resolved]
    /// ```
    ///
    /// ## Fix safety
    /// For an entry past midnight, the fix writes the next day's date before its time.
    /// Otherwise the fix sorts the whole timeline by time, moving each entry with its nested
    /// items; entries without a valid time move with the entry above them.
    /// It is offered only when the section's entries form one list and none of them looks past
    /// midnight.
    /// Both fixes change what the timeline says, so they are unsafe: check the times first.
    code: "INC305",
    name: "timeline-out-of-order",
    severity: Warning,
    group: Default,
    fix: Unsafe,
}

pub(crate) const CHECK: Check = Check::File(check);

fn check(cx: &mut LintContext<'_>) {
    let incident = cx.incident;
    for section in incident.sections_of(SectionKind::Timeline) {
        let findings = out_of_order(incident, section.index);
        if findings.is_empty() {
            continue;
        }
        let mut sort_fix = timeline_sort(cx.parse, incident, section.index).map(|sort| Fix {
            title: "sort the timeline by time".to_owned(),
            edits: vec![Edit::replace(sort.range, sort.sorted)],
            applicability: Applicability::Unsafe,
        });
        for finding in &findings {
            let written = cx.slice(finding.time.range);
            let later = cx.slice(finding.later.range);
            let message = format!("`{written}` is listed after a later time, `{later}`");
            let report = cx
                .report(finding.time.range, message)
                .label(finding.later.range, "this time is later");
            if finding.is_past_midnight() {
                let Some(date) = intended_date(finding) else {
                    report.help("entries past midnight need a full date: `YYYY-MM-DD 00:15`");
                    continue;
                };
                report
                    .help(format!(
                        "entries past midnight need a full date: `{date} {written}`"
                    ))
                    .fix(Fix {
                        title: format!("write the full date, `{date} {written}`"),
                        edits: vec![Edit::insert(finding.time.range.start(), format!("{date} "))],
                        applicability: Applicability::Unsafe,
                    });
            } else {
                let report = report.help("list entries in the order they happened, so the timeline tells the story; if this entry is in the right place, its time is wrong");
                // One fix sorts the whole list; it goes with the first finding.
                if let Some(fix) = sort_fix.take() {
                    report.fix(fix);
                }
            }
        }
    }
}

/// The first day, in the entry's own zone, on which its time of day is not earlier than the
/// time above it.
fn intended_date(finding: &OutOfOrder<'_>) -> Option<jiff::civil::Date> {
    let zone = finding.instant.time_zone().clone();
    let day = finding.later_instant.with_time_zone(zone).date();
    let candidate = finding.instant.with().date(day).build().ok()?;
    if candidate.timestamp() < finding.later_instant.timestamp() {
        day.tomorrow().ok()
    } else {
        Some(day)
    }
}
