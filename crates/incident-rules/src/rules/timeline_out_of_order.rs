//! `timeline-out-of-order`: a timeline entry earlier than an entry above it.

use incident_model::{EntryTime, Incident, TimelineEntry};
use incident_syntax::{Parse, SectionKind, SyntaxKind, SyntaxNode, TextRange};
use jiff::{SignedDuration, Timestamp, ZonedDateTime};

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

/// An entry whose time is earlier than `later`, the latest time above it.
struct Finding<'a> {
    time: &'a EntryTime,
    instant: &'a ZonedDateTime,
    later: &'a EntryTime,
    later_instant: &'a ZonedDateTime,
}

impl Finding<'_> {
    /// Whether the entry is probably past midnight: a time without a date more than 12 hours
    /// before the time above it.
    fn is_past_midnight(&self) -> bool {
        let gap = self
            .later_instant
            .timestamp()
            .duration_since(self.instant.timestamp());
        !self.time.has_date && gap > SignedDuration::from_hours(12)
    }

    /// The first day, in the entry's own zone, on which its time of day is not earlier than
    /// the time above it.
    fn intended_date(&self) -> Option<jiff::civil::Date> {
        let zone = self.instant.time_zone().clone();
        let day = self.later_instant.with_time_zone(zone).date();
        let candidate = self.instant.with().date(day).build().ok()?;
        if candidate.timestamp() < self.later_instant.timestamp() {
            day.tomorrow().ok()
        } else {
            Some(day)
        }
    }
}

fn check(cx: &mut LintContext<'_>) {
    let incident = cx.incident;
    for section in incident.sections_of(SectionKind::Timeline) {
        let entries: Vec<&TimelineEntry> = incident
            .timeline
            .iter()
            .filter(|entry| entry.section == section.index)
            .collect();
        let findings = out_of_order(&entries);
        let any_past_midnight = findings.iter().any(Finding::is_past_midnight);
        let mut sort_fix = if any_past_midnight {
            None
        } else {
            sort_fix(cx.parse, section.index, &entries)
        };
        for finding in &findings {
            let written = cx.slice(finding.time.range);
            let later = cx.slice(finding.later.range);
            let message = format!("`{written}` is listed after a later time, `{later}`");
            let report = cx
                .report(finding.time.range, message)
                .label(finding.later.range, "this time is later");
            if finding.is_past_midnight() {
                let Some(date) = finding.intended_date() else {
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

/// The entries with a valid time earlier than the latest valid time above them.
fn out_of_order<'a>(entries: &[&'a TimelineEntry]) -> Vec<Finding<'a>> {
    let mut findings = Vec::new();
    let mut latest: Option<(&EntryTime, &ZonedDateTime)> = None;
    for entry in entries {
        let (Some(time), Some(instant)) = (&entry.time, entry.instant()) else {
            continue;
        };
        match latest {
            Some((later, later_instant)) if instant.timestamp() < later_instant.timestamp() => {
                findings.push(Finding {
                    time,
                    instant,
                    later,
                    later_instant,
                });
            }
            _ => latest = Some((time, instant)),
        }
    }
    findings
}

/// The fixes that sort each Timeline section whose entries are out of order, for sections
/// where sorting is right (no entry past midnight written without its date). The formatter
/// applies them with `fmt --unsafe`.
pub(crate) fn timeline_sort_fixes(parse: &Parse, incident: &Incident) -> Vec<Fix> {
    incident
        .sections_of(SectionKind::Timeline)
        .filter_map(|section| {
            let entries: Vec<&TimelineEntry> = incident
                .timeline
                .iter()
                .filter(|entry| entry.section == section.index)
                .collect();
            let findings = out_of_order(&entries);
            if findings.is_empty() || findings.iter().any(Finding::is_past_midnight) {
                return None;
            }
            sort_fix(parse, section.index, &entries)
        })
        .collect()
}

fn slice(parse: &Parse, range: TextRange) -> &str {
    parse.text().get(range.to_usize()).unwrap_or_default()
}

/// A fix that sorts the list holding the section's entries by time, or `None` when the
/// entries are spread over several lists or already in order.
fn sort_fix(parse: &Parse, section_index: usize, entries: &[&TimelineEntry]) -> Option<Fix> {
    let (section_node, _) = parse.section(section_index)?;
    let mut lists = section_node.children_of(SyntaxKind::List).filter(|list| {
        entries
            .iter()
            .any(|entry| list.range().contains_range(entry.range))
    });
    let list = lists.next()?;
    if lists.next().is_some() {
        return None;
    }
    let items: Vec<SyntaxNode<'_>> = list.children_of(SyntaxKind::ListItem).collect();
    let order = sorted_order(&items, entries)?;
    let first = items.first()?;
    let last = items.last()?;
    let eol = incident_syntax::line_ending(parse.text());
    let gaps: Vec<&str> = items
        .windows(2)
        .filter_map(|pair| match pair {
            [before, after] => Some(slice(
                parse,
                TextRange::new(before.range().end(), after.range().start()),
            )),
            _ => None,
        })
        .collect();
    let mut sorted = String::new();
    for (position, item_idx) in order.iter().enumerate() {
        let item = slice(parse, items.get(*item_idx)?.range());
        sorted.push_str(item);
        if !ends_with_line_break(item) {
            sorted.push_str(eol);
        }
        if let Some(gap) = gaps.get(position) {
            sorted.push_str(gap);
        }
    }
    if !ends_with_line_break(slice(parse, last.range())) {
        sorted.truncate(sorted.trim_end_matches(['\n', '\r']).len());
    }
    Some(Fix {
        title: "sort the timeline by time".to_owned(),
        edits: vec![Edit::replace(
            TextRange::new(first.range().start(), last.range().end()),
            sorted,
        )],
        applicability: Applicability::Unsafe,
    })
}

/// The order of `items` sorted by time: each item with a valid time starts a group, and items
/// without one stay with the group above them. `None` when the order does not change.
fn sorted_order(items: &[SyntaxNode<'_>], entries: &[&TimelineEntry]) -> Option<Vec<usize>> {
    let mut groups: Vec<(Option<Timestamp>, Vec<usize>)> = Vec::new();
    for (item_idx, item) in items.iter().enumerate() {
        let key = entries
            .iter()
            .find(|entry| entry.range == item.range())
            .and_then(|entry| entry.instant())
            .map(ZonedDateTime::timestamp);
        match groups.last_mut() {
            Some((_, members)) if key.is_none() => members.push(item_idx),
            _ => groups.push((key, vec![item_idx])),
        }
    }
    // Only the first group can lack a time, and `None` sorts first, so it stays in place.
    groups.sort_by_key(|(key, _)| *key);
    let order: Vec<usize> = groups
        .into_iter()
        .flat_map(|(_, members)| members)
        .collect();
    let unchanged = order
        .iter()
        .enumerate()
        .all(|(position, item_idx)| position == *item_idx);
    (!unchanged).then_some(order)
}

fn ends_with_line_break(text: &str) -> bool {
    text.ends_with('\n') || text.ends_with('\r')
}
