//! Timelines sorted by time: what `incident-lint fmt --unsafe` does, and the fix of the rule
//! that reports an entry out of order.

use std::collections::HashMap;

use incident_model::{EntryTime, Incident, TimelineEntry};
use incident_syntax::{Parse, SectionKind, SyntaxKind, SyntaxNode, TextRange, line_ending};
use jiff::{SignedDuration, Timestamp, ZonedDateTime};

/// A timeline entry whose valid time is earlier than `later`, the latest valid time above it in
/// the same section.
#[derive(Clone, Copy, Debug)]
pub struct OutOfOrder<'a> {
    /// The entry's time.
    pub time: &'a EntryTime,
    /// The instant of `time`.
    pub instant: &'a ZonedDateTime,
    /// The latest time above the entry.
    pub later: &'a EntryTime,
    /// The instant of `later`.
    pub later_instant: &'a ZonedDateTime,
}

impl OutOfOrder<'_> {
    /// Whether the entry is probably past midnight: a time without a date more than 12 hours
    /// before the time above it.
    pub fn is_past_midnight(&self) -> bool {
        let gap = self
            .later_instant
            .timestamp()
            .duration_since(self.instant.timestamp());
        !self.time.has_date && gap > SignedDuration::from_hours(12)
    }
}

/// The entries of the section `section_index` whose valid time is earlier than the latest valid
/// time above them.
pub fn out_of_order(incident: &Incident, section_index: usize) -> Vec<OutOfOrder<'_>> {
    let mut findings = Vec::new();
    let mut latest: Option<(&EntryTime, &ZonedDateTime)> = None;
    for entry in section_entries(incident, section_index) {
        let (Some(time), Some(instant)) = (&entry.time, entry.instant()) else {
            continue;
        };
        match latest {
            Some((later, later_instant)) if instant.timestamp() < later_instant.timestamp() => {
                findings.push(OutOfOrder {
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

/// The items of one timeline's list, sorted by time, to replace them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimelineSort {
    /// From the start of the list's first item to the end of its last.
    pub range: TextRange,
    /// The items in order of time, each with its nested items, and the gaps between items as
    /// written.
    pub sorted: String,
}

/// The sort of the Timeline section `section_index`, when its entries are out of order and form
/// one list. `None` when they are in order, spread over several lists, or one of them looks past
/// midnight: its missing date is then the likelier mistake, and sorting would hide it.
///
/// Entries without a valid time move with the entry above them.
pub fn timeline_sort(
    parse: &Parse,
    incident: &Incident,
    section_index: usize,
) -> Option<TimelineSort> {
    let findings = out_of_order(incident, section_index);
    if findings.is_empty() || findings.iter().any(OutOfOrder::is_past_midnight) {
        return None;
    }
    sorted_list(
        parse,
        section_index,
        &section_entries(incident, section_index),
    )
}

/// `parse`'s text with each timeline that [`timeline_sort`] sorts sorted by time, for
/// `incident-lint fmt --unsafe`; `incident` is the model of `parse`. `None` when nothing moves.
pub fn sort_timelines(parse: &Parse, incident: &Incident) -> Option<String> {
    let sorts: Vec<TimelineSort> = incident
        .sections_of(SectionKind::Timeline)
        .filter_map(|section| timeline_sort(parse, incident, section.index))
        .collect();
    if sorts.is_empty() {
        return None;
    }
    // Sections come in the order of the text and each sort stays inside its own, so the
    // replaced ranges are in order and apart.
    let text = parse.text();
    let mut sorted = String::with_capacity(text.len());
    let mut copied_up_to = 0;
    for sort in &sorts {
        sorted.push_str(text.get(copied_up_to..sort.range.start() as usize)?);
        sorted.push_str(&sort.sorted);
        copied_up_to = sort.range.end() as usize;
    }
    sorted.push_str(text.get(copied_up_to..)?);
    Some(sorted)
}

fn section_entries(incident: &Incident, section_index: usize) -> Vec<&TimelineEntry> {
    incident
        .timeline
        .iter()
        .filter(|entry| entry.section == section_index)
        .collect()
}

fn slice(parse: &Parse, range: TextRange) -> &str {
    parse.text().get(range.to_usize()).unwrap_or_default()
}

/// The list holding the section's entries, sorted by time, or `None` when the entries are
/// spread over several lists or already in order.
fn sorted_list(
    parse: &Parse,
    section_index: usize,
    entries: &[&TimelineEntry],
) -> Option<TimelineSort> {
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
    let eol = line_ending(parse.text());
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
    Some(TimelineSort {
        range: TextRange::new(first.range().start(), last.range().end()),
        sorted,
    })
}

/// The order of `items` sorted by time: each item with a valid time starts a group, and items
/// without one stay with the group above them. `None` when the order does not change.
fn sorted_order(items: &[SyntaxNode<'_>], entries: &[&TimelineEntry]) -> Option<Vec<usize>> {
    // Looked up by range once per item: a scan of `entries` per item is quadratic in the length
    // of the list. The first entry with a range wins, as a scan would find it.
    let mut instants: HashMap<TextRange, Option<Timestamp>> = HashMap::with_capacity(entries.len());
    for entry in entries {
        instants
            .entry(entry.range)
            .or_insert_with(|| entry.instant().map(ZonedDateTime::timestamp));
    }
    let mut groups: Vec<(Option<Timestamp>, Vec<usize>)> = Vec::new();
    for (item_idx, item) in items.iter().enumerate() {
        let key = instants.get(&item.range()).copied().flatten();
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

#[cfg(test)]
mod tests {
    use incident_model::ModelOptions;

    use super::*;

    fn sorted(text: &str) -> Option<String> {
        let parse = incident_syntax::parse(text);
        let incident = Incident::build(&parse, &ModelOptions::default());
        sort_timelines(&parse, &incident)
    }

    #[test]
    fn every_timeline_is_sorted_and_entries_move_with_their_nested_items() {
        let text = "---\nstarted: 2026-11-20 14:00\n---\n\n## Timeline\n\n- 14:30 b\n  - about b\n- 14:10 a\n- no time, stays after a\n\n## Timeline\n\n- 15:00 d\n- 14:50 c";
        assert_eq!(
            sorted(text).as_deref(),
            Some(
                "---\nstarted: 2026-11-20 14:00\n---\n\n## Timeline\n\n- 14:10 a\n- no time, stays after a\n- 14:30 b\n  - about b\n\n## Timeline\n\n- 14:50 c\n- 15:00 d"
            )
        );
    }

    #[test]
    fn timelines_in_order_or_past_midnight_stay_as_written() {
        let started = "---\nstarted: 2026-11-20 23:40\n---\n\n## Timeline\n\n";
        assert_eq!(sorted(&format!("{started}- 23:40 a\n- 23:50 b\n")), None);
        // Written without its date, 00:10 falls on the 20th, before 23:50: the date is missing.
        assert_eq!(sorted(&format!("{started}- 23:50 b\n- 00:10 c\n")), None);
    }
}
