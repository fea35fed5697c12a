//! Timeline entries with their times resolved to instants.
//!
//! A Timeline section holds entries in any of the shapes people write them: list items, rows
//! of a Markdown table, one heading per time, and paragraph lines that start with a time.
//! Each time is placed on a day and in a zone from the nearest place that names one: the
//! entry itself, then the table header, the heading above it and the section heading, then
//! the front matter; the day comes from the entry, an earlier entry, the front matter, the
//! title, or the file name.

use incident_syntax::{Parse, SectionKind, SyntaxKind, SyntaxNode, TextRange, WrittenTime};
use jiff::ZonedDateTime;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use serde::Serialize;

use crate::investigation::item_head;
use crate::table::{Table, TableRow, lines_of};
use crate::text::{collapse_whitespace, inline_text};
use crate::time::{self, Milestone, ReadZone};
use crate::{Incident, Spanned, ValueError};

/// One event of a Timeline section.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TimelineEntry {
    /// The time the entry starts with, if any.
    pub time: Option<EntryTime>,
    /// A placeholder for a time nobody knows, such as `--:--`, written instead of a time.
    pub unknown_time: Option<TextRange>,
    /// What happened.
    pub text: Option<Spanned<String>>,
    /// The milestone tag at the end, if any.
    pub milestone: Option<Spanned<Milestone>>,
    /// The whole entry: a list item, a table row, a heading with the blocks under it, or the
    /// lines of a paragraph.
    pub range: TextRange,
    /// How it is written.
    pub shape: EntryShape,
    /// The section it is in.
    pub section: usize,
}

/// How a timeline entry is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum EntryShape {
    /// A top-level list item.
    ListItem,
    /// A row of a Markdown table.
    TableRow,
    /// A heading that starts with the time, with the blocks under it.
    Heading,
    /// A line of a paragraph that starts with the time, with the lines after it.
    Paragraph,
}

/// The time of a timeline entry.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EntryTime {
    /// The time as written (date, time, `AM`/`PM` and zone), without `~` or emphasis.
    pub range: TextRange,
    /// Whether it was marked approximate with `~`.
    pub approximate: bool,
    /// Whether a date was written with the time.
    pub has_date: bool,
    /// Where its day comes from.
    pub date_source: DateSource,
    /// The zone written for it (next to it, in the table header or in a heading), if any;
    /// otherwise the incident's timezone applies.
    pub zone: Option<WrittenZone>,
    /// A time written on the 12-hour clock, or with a stray `am`/`pm`.
    pub twelve_hour: Option<TwelveHourTime>,
    /// The instant, or why it cannot be known.
    pub value: Result<ZonedDateTime, ValueError>,
}

/// Where the day of a timeline time comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DateSource {
    /// The date written with the time.
    Entry,
    /// The last date written above it in the timeline: an entry, a heading or a row.
    Earlier,
    /// The `started` field of the front matter.
    Started,
    /// The `date` field of the front matter, as Jekyll writes it.
    FrontMatterDate,
    /// A date in the title.
    Title,
    /// A date in the file name.
    FileName,
    /// No date anywhere: the time cannot be placed.
    Missing,
}

/// A zone written for a time, and what it says.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct WrittenZone {
    /// The zone as written: `UTC`, `CET`, `+02:00`, `Europe/Berlin`.
    pub name: String,
    /// Where it is written: next to the time, in a table header or in a heading.
    pub range: TextRange,
    /// Why the reading is uncertain, if it is: an ambiguous abbreviation, or a standard-time
    /// abbreviation written for a day of summer time (or the reverse).
    pub doubt: Option<String>,
}

/// A time on the 12-hour clock, and the same time on the 24-hour clock.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TwelveHourTime {
    /// The time with its `AM`/`PM`.
    pub range: TextRange,
    /// The same time on the 24-hour clock, as it should be written.
    pub on_24_hour_clock: String,
    /// Whether the `AM`/`PM` contradicts the hour (`17:14pm`) and was ignored.
    pub meridiem_ignored: bool,
}

impl TimelineEntry {
    /// The instant of the entry's time, when it has one that is valid: `None` for an entry
    /// without a time, with a malformed time, or with a time that cannot be placed.
    pub fn instant(&self) -> Option<&ZonedDateTime> {
        self.time.as_ref().and_then(|time| time.value.as_ref().ok())
    }
}

/// What every time of the file falls back on.
pub(crate) struct DocumentDates {
    /// The day of `started`.
    pub started: Option<Date>,
    /// The day of the front matter `date` field.
    pub front_matter_date: Option<Date>,
    /// A date in the title.
    pub title: Option<Date>,
    /// A date in the file name.
    pub file_name: Option<Date>,
}

impl DocumentDates {
    fn day(&self) -> (Option<Date>, DateSource) {
        [
            (self.started, DateSource::Started),
            (self.front_matter_date, DateSource::FrontMatterDate),
            (self.title, DateSource::Title),
            (self.file_name, DateSource::FileName),
        ]
        .into_iter()
        .find(|(day, _)| day.is_some())
        .unwrap_or((None, DateSource::Missing))
    }
}

/// A zone that applies to the entries below where it is written.
#[derive(Clone)]
struct ContextZone {
    written: WrittenZone,
    read: Result<ReadZone, ValueError>,
}

/// The state carried from one entry to the next while reading the timeline in order.
struct Reader<'a> {
    text: &'a str,
    document: DocumentDates,
    default_zone: TimeZone,
    /// The last date written above, and where the current section's zone comes from.
    running_date: Option<Date>,
    section_zone: Option<ContextZone>,
    heading_zone: Option<ContextZone>,
    /// The index of the entry of the time heading the blocks now read are under, if any.
    under_time_heading: Option<usize>,
    entries: Vec<TimelineEntry>,
}

pub(crate) fn read(parse: &Parse, incident: &mut Incident, document: DocumentDates) {
    let mut reader = Reader {
        text: parse.text(),
        document,
        default_zone: incident.timezone.zone.clone(),
        running_date: None,
        section_zone: None,
        heading_zone: None,
        under_time_heading: None,
        entries: Vec::new(),
    };
    for (section_idx, (section, kind)) in parse.sections().enumerate() {
        if kind != SectionKind::Timeline {
            continue;
        }
        reader.read_section(section, section_idx);
    }
    incident.timeline = reader.entries;
}

impl Reader<'_> {
    fn read_section(&mut self, section: SyntaxNode<'_>, section_idx: usize) {
        self.heading_zone = None;
        self.under_time_heading = None;
        let mut children = section.child_nodes();
        let heading = children.next();
        self.section_zone = heading.and_then(|heading| self.zone_mentioned(heading.range()));
        for block in children {
            match block.kind() {
                SyntaxKind::List => {
                    for item in block.children_of(SyntaxKind::ListItem) {
                        self.read_list_item(item, section_idx);
                    }
                }
                SyntaxKind::Table => self.read_table(block, section_idx),
                SyntaxKind::Heading => self.read_heading(block, section_idx),
                SyntaxKind::Paragraph => self.read_paragraph(block, section_idx),
                _ => self.extend_heading_entry(block.range()),
            }
        }
    }

    fn read_list_item(&mut self, item: SyntaxNode<'_>, section_idx: usize) {
        let Some(entry) = item_head(item).filter(|head| head.kind() == SyntaxKind::TimelineEntry)
        else {
            self.extend_heading_entry(item.range());
            return;
        };
        let text = inline_text(entry);
        let unknown_time = text.as_ref().and_then(|text| {
            let len = incident_syntax::time_placeholder_len(&text.value)?;
            Some(TextRange::new(
                text.range.start(),
                text.range.start() + len as u32,
            ))
        });
        let text = match (text, unknown_time) {
            (Some(text), Some(placeholder)) => {
                self.text_between(placeholder.end(), text.range.end())
            }
            (text, _) => text,
        };
        let time = match entry.child(SyntaxKind::Timestamp) {
            Some(timestamp) => Some(self.list_item_time(entry, timestamp)),
            None => entry.child(SyntaxKind::Error).map(malformed_time),
        };
        if time.is_none() && unknown_time.is_none() && self.under_time_heading.is_some() {
            // A list under `### 14:02` tells what happened at that time: it is not an entry.
            self.extend_heading_entry(item.range());
            return;
        }
        let milestone = entry.child(SyntaxKind::MilestoneTag).and_then(|tag| {
            let name = tag.child(SyntaxKind::Text)?;
            Some(Spanned::new(
                Milestone::from_name(name.text())?,
                tag.range(),
            ))
        });
        self.under_time_heading = None;
        self.entries.push(TimelineEntry {
            time,
            unknown_time,
            text,
            milestone,
            range: item.range(),
            shape: EntryShape::ListItem,
            section: section_idx,
        });
    }

    fn list_item_time(&mut self, entry: SyntaxNode<'_>, timestamp: SyntaxNode<'_>) -> EntryTime {
        // The list item's own text, from the timestamp on, says the rest: read it again with
        // the same lexeme the parser used, for the pieces and their values.
        // The written time starts at its opening `**` or `[`, if any, before the timestamp.
        let start = entry
            .children()
            .find(|child| !matches!(child.kind(), SyntaxKind::Tilde | SyntaxKind::Whitespace))
            .map_or(timestamp.range().start(), |child| child.range().start());
        let line = self.line_from(start);
        let written = incident_syntax::written_time(line);
        let approximate = entry.child(SyntaxKind::Tilde).is_some();
        match written {
            Some(written) => self.resolve(&written, start, approximate, None),
            None => malformed_time(timestamp),
        }
    }

    fn read_table(&mut self, table: SyntaxNode<'_>, section_idx: usize) {
        self.under_time_heading = None;
        let table = Table::read(self.text, table.range());
        let time_column = table.time_column(self.text);
        let date_column = table.date_column(self.text);
        let column_zone = table.header.as_ref().and_then(|row| {
            [Some(time_column), date_column]
                .into_iter()
                .flatten()
                .filter_map(|idx| row.cells.get(idx))
                .find_map(|cell| self.zone_mentioned(*cell))
        });
        for row in &table.body {
            self.read_table_row(
                row,
                time_column,
                date_column,
                column_zone.as_ref(),
                section_idx,
            );
        }
    }

    fn read_table_row(
        &mut self,
        row: &TableRow,
        time_column: usize,
        date_column: Option<usize>,
        column_zone: Option<&ContextZone>,
        section_idx: usize,
    ) {
        let Some(time_cell) = row.cells.get(time_column) else {
            return;
        };
        if let Some(date_cell) = date_column.and_then(|idx| row.cells.get(idx)) {
            self.read_date_only(*date_cell);
        }
        let cell_text = self.slice(*time_cell);
        if cell_text.is_empty() {
            return;
        }
        let approximate = cell_text.starts_with('~');
        let time_start = time_cell.start() + u32::from(approximate);
        let written = incident_syntax::written_time(self.line_from(time_start));
        let unknown_time = incident_syntax::time_placeholder_len(self.line_from(time_start))
            .map(|len| TextRange::new(time_start, time_start + len as u32));
        let time = match written {
            Some(written) => Some(self.resolve(&written, time_start, approximate, column_zone)),
            None if unknown_time.is_none() && self.read_date_only(*time_cell) => return,
            None => None,
        };
        let event_cells: Vec<TextRange> = row
            .cells
            .iter()
            .enumerate()
            .filter(|(idx, cell)| {
                *idx != time_column && Some(*idx) != date_column && !cell.is_empty()
            })
            .map(|(_, cell)| *cell)
            .collect();
        let mut text_range = event_cells.iter().copied().reduce(TextRange::cover);
        let mut milestone = None;
        if let Some(last) = event_cells.last()
            && let Some((start, end)) = incident_syntax::trailing_milestone(self.slice(*last))
        {
            let tag = TextRange::new(last.start() + start, last.start() + end);
            milestone = self.milestone_at(tag);
            if milestone.is_some() {
                let before = self
                    .slice(TextRange::new(last.start(), tag.start()))
                    .trim_end();
                text_range = text_range
                    .map(|range| TextRange::new(range.start(), last.start() + before.len() as u32));
            }
        }
        let text = text_range.and_then(|range| {
            let joined = event_cells
                .iter()
                .filter(|cell| range.contains_range(**cell) || cell.start() < range.end())
                .map(|cell| {
                    self.slice(TextRange::new(cell.start(), cell.end().min(range.end())))
                        .trim()
                })
                .filter(|cell| !cell.is_empty())
                .collect::<Vec<_>>()
                .join(" | ");
            (!joined.is_empty()).then(|| Spanned::new(collapse_whitespace(&joined), range))
        });
        self.entries.push(TimelineEntry {
            time,
            unknown_time,
            text,
            milestone,
            range: row.range,
            shape: EntryShape::TableRow,
            section: section_idx,
        });
    }

    fn read_heading(&mut self, heading: SyntaxNode<'_>, section_idx: usize) {
        self.under_time_heading = None;
        self.heading_zone = self.zone_mentioned(heading.range());
        let Some(heading_text) = inline_text(heading) else {
            return;
        };
        let start = heading_text.range.start();
        let approximate = heading_text.value.starts_with('~');
        let time_start = start + u32::from(approximate);
        let line = self.line_from(time_start);
        if let Some(written) = incident_syntax::written_time(line) {
            // The zone of a time heading is its own; it does not carry to the next heading.
            self.heading_zone = None;
            let time = self.resolve(&written, time_start, approximate, None);
            let text = self
                .text_after_separator(time_start + written.end as u32, heading_text.range.end());
            self.under_time_heading = Some(self.entries.len());
            self.entries.push(TimelineEntry {
                time: Some(time),
                unknown_time: None,
                text,
                milestone: None,
                range: heading.range(),
                shape: EntryShape::Heading,
                section: section_idx,
            });
        } else {
            self.read_date_only(heading_text.range);
        }
    }

    fn read_paragraph(&mut self, paragraph: SyntaxNode<'_>, section_idx: usize) {
        let mut current: Option<usize> = None;
        for line in lines_of(self.text, paragraph.range()) {
            let content = self.slice(line);
            let indent = content.len() - content.trim_start().len();
            let start = line.start() + indent as u32;
            let approximate = content.trim_start().starts_with('~');
            let time_start = start + u32::from(approximate);
            let rest = self.line_from(time_start);
            let written = incident_syntax::written_time(rest);
            let unknown_time = incident_syntax::time_placeholder_len(rest)
                .map(|len| TextRange::new(time_start, time_start + len as u32));
            if written.is_none() && unknown_time.is_none() {
                let source = self.text;
                if let Some(entry) = current.and_then(|idx| self.entries.get_mut(idx)) {
                    entry.range = entry.range.cover(line);
                    if let Some(text) = &mut entry.text {
                        text.range = text.range.cover(TextRange::new(start, line.end()));
                        text.value = collapse_whitespace(
                            source.get(text.range.to_usize()).unwrap_or_default(),
                        );
                    }
                    continue;
                }
                if let Some(zone) = self.zone_note(line) {
                    self.section_zone = Some(zone);
                }
                if !self.read_date_only(TextRange::new(start, line.end())) {
                    self.extend_heading_entry(line);
                }
                continue;
            }
            let (time, text_start) = match written {
                Some(written) => (
                    Some(self.resolve(&written, time_start, approximate, None)),
                    time_start + written.end as u32,
                ),
                None => (None, unknown_time.map_or(time_start, TextRange::end)),
            };
            let mut text_end = line.end();
            let mut milestone = None;
            if let Some((tag_start, tag_end)) =
                incident_syntax::trailing_milestone(self.slice(line))
            {
                let tag = TextRange::new(line.start() + tag_start, line.start() + tag_end);
                milestone = self.milestone_at(tag);
                if milestone.is_some() {
                    text_end = tag.start();
                }
            }
            let text = self.text_after_separator(text_start, text_end);
            self.under_time_heading = None;
            current = Some(self.entries.len());
            self.entries.push(TimelineEntry {
                time,
                unknown_time,
                text,
                milestone,
                range: line,
                shape: EntryShape::Paragraph,
                section: section_idx,
            });
        }
    }

    /// Adds a block under a time heading to that heading's entry: its text when the heading
    /// has none, and its range.
    fn extend_heading_entry(&mut self, range: TextRange) {
        let Some(entry) = self
            .under_time_heading
            .and_then(|idx| self.entries.get_mut(idx))
        else {
            return;
        };
        entry.range = entry.range.cover(range);
        if entry.text.is_none() {
            let written = self.text.get(range.to_usize()).unwrap_or_default();
            let trimmed = written
                .trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '-' | '*' | '+'));
            let start = range.end() - trimmed.len() as u32;
            let value = collapse_whitespace(trimmed);
            if !value.is_empty() {
                entry.text = Some(Spanned::new(value, TextRange::new(start, range.end())));
            }
        }
    }

    /// Reads a date written alone (a date heading, a date row, a date paragraph line): it
    /// becomes the day of the times below it. Returns whether there was one.
    fn read_date_only(&mut self, range: TextRange) -> bool {
        let written = self.slice(range);
        let bare = written.trim_matches(|c: char| {
            c.is_whitespace() || matches!(c, '*' | '_' | '[' | ']' | '`' | ':')
        });
        if bare.is_empty() || bare.len() > 40 {
            return false;
        }
        let Some(date) = time::date_in_text(bare) else {
            return false;
        };
        // Only a line that is the date, perhaps with a weekday and a zone note, sets the day.
        let has_time = incident_syntax::written_time(bare).is_some();
        if has_time {
            return false;
        }
        self.running_date = Some(date);
        true
    }

    /// Places a written time on its day and in its zone.
    fn resolve(
        &mut self,
        written: &WrittenTime,
        base: u32,
        approximate: bool,
        column_zone: Option<&ContextZone>,
    ) -> EntryTime {
        let at = |offset: usize| base + offset as u32;
        let range = TextRange::new(at(written.timestamp_start()), at(written.timestamp_end()));
        let own_zone = written.zone.map(|piece| {
            let zone_range = TextRange::new(at(piece.start), at(piece.end));
            let name = self.slice(zone_range).to_owned();
            ContextZone {
                read: time::read_zone_word(&name),
                written: WrittenZone {
                    name,
                    range: zone_range,
                    doubt: None,
                },
            }
        });
        let zone = own_zone
            .or_else(|| column_zone.cloned())
            .or_else(|| self.heading_zone.clone())
            .or_else(|| self.section_zone.clone());
        let written_date = written.date.map(|piece| time::civil_date(piece.value));
        let (day, date_source) = match written_date {
            Some(Ok(date)) => {
                self.running_date = Some(date);
                (Ok(date), DateSource::Entry)
            }
            Some(Err(error)) => (Err(error), DateSource::Entry),
            None => match self.running_date {
                Some(date) => (Ok(date), DateSource::Earlier),
                None => match self.document.day() {
                    (Some(date), source) => (Ok(date), source),
                    (None, source) => (
                        Err(ValueError::new(
                            "times without a date: no date in the entries, the front matter, the title or the file name",
                        )),
                        source,
                    ),
                },
            },
        };
        let time_of_day = written.on_24_hour_clock();
        let value = match (&zone, day) {
            (_, Err(error)) => Err(error),
            (
                Some(ContextZone {
                    read: Err(error), ..
                }),
                _,
            ) => Err(error.clone()),
            (Some(ContextZone { read: Ok(read), .. }), Ok(day)) => {
                time::resolve(day, time_of_day, None, &read.zone)
            }
            (None, Ok(day)) => time::resolve(day, time_of_day, None, &self.default_zone),
        };
        let zone = zone.map(|context| {
            let mut written_zone = context.written;
            if let (Ok(read), Ok(instant)) = (&context.read, &value) {
                written_zone.doubt = doubt(&written_zone.name, read, instant);
            }
            written_zone
        });
        let twelve_hour = written.meridiem.map(|meridiem| {
            let seconds = time_of_day
                .second
                .map(|second| format!(":{second:02}"))
                .unwrap_or_default();
            TwelveHourTime {
                range: TextRange::new(at(written.time.start), at(meridiem.end)),
                on_24_hour_clock: format!(
                    "{:02}:{:02}{seconds}",
                    time_of_day.hour, time_of_day.minute
                ),
                meridiem_ignored: written.meridiem_contradicts_hour(),
            }
        });
        EntryTime {
            range,
            approximate,
            has_date: written.date.is_some(),
            date_source,
            zone,
            twelve_hour,
            value,
        }
    }

    /// The zone named in the text of `range`, such as `CET` in `Timeline (all times CET)` or
    /// `UTC` in `Time (UTC)`.
    fn zone_mentioned(&self, range: TextRange) -> Option<ContextZone> {
        let text = self.slice(range);
        text.char_indices().find_map(|(idx, c)| {
            let before = text.get(..idx)?.chars().next_back();
            if before.is_some_and(|before| before.is_ascii_alphanumeric())
                || !(c.is_ascii_uppercase() || c == '+' || c == '-')
            {
                return None;
            }
            let word = text.get(idx..)?;
            let len = incident_syntax::zone_word_len(word)?;
            let name = word.get(..len)?;
            if name.starts_with(['+', '-']) && !name.contains(':') {
                return None;
            }
            let zone_range = TextRange::new(
                range.start() + idx as u32,
                range.start() + (idx + len) as u32,
            );
            Some(ContextZone {
                read: time::read_zone_word(name),
                written: WrittenZone {
                    name: name.to_owned(),
                    range: zone_range,
                    doubt: None,
                },
            })
        })
    }

    /// A line such as `All times are UTC.` that names the zone of the timeline.
    fn zone_note(&self, line: TextRange) -> Option<ContextZone> {
        let lower = self.slice(line).to_lowercase();
        (lower.contains("time") || lower.contains("zone"))
            .then(|| self.zone_mentioned(line))
            .flatten()
    }

    fn milestone_at(&self, tag: TextRange) -> Option<Spanned<Milestone>> {
        let inner = self
            .slice(tag)
            .trim_start_matches('[')
            .trim_end_matches(']');
        Some(Spanned::new(Milestone::from_name(inner)?, tag))
    }

    /// The text from `start` to `end` after a separator (`-`, `–`, `—`, `:`, `|`).
    fn text_after_separator(&self, start: u32, end: u32) -> Option<Spanned<String>> {
        let written = self.text.get(start as usize..end.max(start) as usize)?;
        let after = written.trim_start();
        let after = ["-", "–", "—", ":", "|"]
            .iter()
            .find_map(|separator| after.strip_prefix(separator))
            .unwrap_or(after);
        let after_start = end - after.len() as u32;
        self.text_between(after_start, end)
    }

    fn text_between(&self, start: u32, end: u32) -> Option<Spanned<String>> {
        let written = self.text.get(start as usize..end.max(start) as usize)?;
        let trimmed = written.trim_start();
        let trimmed_start = end - trimmed.len() as u32;
        let trimmed = trimmed.trim_end();
        (!trimmed.is_empty()).then(|| {
            Spanned::new(
                collapse_whitespace(trimmed),
                TextRange::new(trimmed_start, trimmed_start + trimmed.len() as u32),
            )
        })
    }

    fn slice(&self, range: TextRange) -> &str {
        self.text.get(range.to_usize()).unwrap_or_default()
    }

    /// The text from `start` to the end of its line.
    fn line_from(&self, start: u32) -> &str {
        let rest = self.text.get(start as usize..).unwrap_or_default();
        let end = rest.find(['\n', '\r']).unwrap_or(rest.len());
        rest.get(..end).unwrap_or_default()
    }
}

/// Why a zone word may not mean what it is read as, for the instant it placed.
fn doubt(name: &str, read: &ReadZone, instant: &ZonedDateTime) -> Option<String> {
    let bare = name.trim_start_matches('(').trim_end_matches(')');
    if !read.also_means.is_empty() {
        return Some(format!(
            "`{bare}` is read as UTC{}, but it also names {}",
            offset_text(instant.offset()),
            read.also_means
        ));
    }
    let region = read.region.as_ref()?;
    let local = instant.with_time_zone(region.clone());
    let (written, actual) = (instant.offset(), local.offset());
    (written != actual).then(|| {
        format!(
            "`{bare}` is UTC{}, but on {} {} was at UTC{}",
            offset_text(written),
            local.date(),
            region.iana_name().unwrap_or("its region"),
            offset_text(actual),
        )
    })
}

/// An offset as `+05:30` or `-08:00`.
fn offset_text(offset: jiff::tz::Offset) -> String {
    let seconds = offset.seconds();
    let sign = if seconds < 0 { '-' } else { '+' };
    let minutes = seconds.unsigned_abs() / 60;
    format!("{sign}{:02}:{:02}", minutes / 60, minutes % 60)
}

fn malformed_time(malformed: SyntaxNode<'_>) -> EntryTime {
    EntryTime {
        range: malformed.range(),
        approximate: false,
        has_date: false,
        date_source: DateSource::Entry,
        zone: None,
        twelve_hour: None,
        value: Err(ValueError::new(format!(
            "`{}` is not a time: write `HH:MM` or `YYYY-MM-DD HH:MM`",
            malformed.text()
        ))),
    }
}

#[cfg(test)]
mod tests {
    use crate::{Incident, ModelOptions};

    fn instants(text: &str) -> Vec<Option<String>> {
        let parse = incident_syntax::parse(text);
        let incident = Incident::build(&parse, &ModelOptions::default());
        incident
            .timeline
            .iter()
            .map(|entry| {
                entry
                    .instant()
                    .map(|instant| instant.timestamp().to_string())
            })
            .collect()
    }

    #[test]
    fn only_valid_times_have_an_instant() {
        let text = "---\nstarted: 2026-11-20 14:02\n---\n\n## Timeline\n\n\
                    - 14:02 first errors\n- 25:00 out of range\n- no time at all\n";
        assert_eq!(
            instants(text),
            vec![Some("2026-11-20T14:02:00Z".to_owned()), None, None]
        );
    }

    #[test]
    fn a_zone_next_to_a_time_wins_over_the_front_matter() {
        let text = "---\ntimezone: Europe/Berlin\nstarted: 2026-11-20 14:02\n---\n\n## Timeline\n\n\
                    - 16:58 UTC first errors\n- 17:10 CET paged\n- 17:20 in Berlin\n";
        assert_eq!(
            instants(text),
            vec![
                Some("2026-11-20T16:58:00Z".to_owned()),
                Some("2026-11-20T16:10:00Z".to_owned()),
                Some("2026-11-20T16:20:00Z".to_owned()),
            ]
        );
    }

    #[test]
    fn tables_headings_and_paragraphs_are_entries() {
        let text = "# Outage on 2019-12-03\n\n## Timeline (all times PST)\n\n\
                    | Date and time (UTC) | Event |\n|---|---|\n| 2019-12-04 01:00 | paged |\n| 01:30 | fixed [resolved] |\n\n\
                    ### 02:00\n\nall clear\n\n\
                    **02:10** review booked  \n[02:20] notes shared\n\n\
                    ### 2019-12-05\n\n- 09:00 report published\n";
        assert_eq!(
            instants(text),
            vec![
                Some("2019-12-04T01:00:00Z".to_owned()),
                Some("2019-12-04T01:30:00Z".to_owned()),
                Some("2019-12-04T10:00:00Z".to_owned()),
                Some("2019-12-04T10:10:00Z".to_owned()),
                Some("2019-12-04T10:20:00Z".to_owned()),
                Some("2019-12-05T17:00:00Z".to_owned()),
            ]
        );
    }
}
