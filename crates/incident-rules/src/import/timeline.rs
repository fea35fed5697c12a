//! Timelines: tables, time headings and time paragraphs rewritten into timeline list items,
//! list items freed of the bold or brackets around their times, and milestones guessed from
//! the words of the entries.
//!
//! Entries are the model's: their times, zones and texts are what the linter reads, and the
//! text around them comes from the syntax tree.

use std::collections::{BTreeMap, BTreeSet};

use incident_model::{
    EntryShape, Incident, Milestone, Table, TimelineEntry, inline_range, lines_of,
};
use incident_syntax::{SectionKind, SyntaxKind, SyntaxNode, TextRange, WrittenTime};

use super::{ImportContext, REVIEW_MARK, Unmapped};
use crate::diagnostic::Edit;

/// A milestone the import gives a timeline entry, and the word that suggested it (none for
/// `started`, given to the first entry).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Guess {
    pub milestone: Milestone,
    pub word: Option<&'static str>,
}

impl Guess {
    fn comment(&self) -> String {
        let because = match self.word {
            Some(word) => format!("guessed from \"{word}\""),
            None => "guessed: the first entry of the timeline".to_owned(),
        };
        format!("[{}] {because}; check it", self.milestone.name())
    }
}

/// Words that say an entry is the moment a milestone was reached, compared as whole words in
/// lowercase. Documented in `docs/adopting.md`.
pub(super) const MILESTONE_WORDS: [(Milestone, &[&str]); 3] = [
    (
        Milestone::Detected,
        &[
            "alert",
            "alerts",
            "alerted",
            "alarm",
            "paged",
            "pager",
            "page",
            "fires",
            "fired",
            "noticed",
            "notices",
            "reported",
            "reports",
            "detected",
            "discovered",
            "declared",
            "ticket",
        ],
    ),
    (
        Milestone::Mitigated,
        &[
            "mitigated",
            "rolled back",
            "rolls back",
            "rollback",
            "roll back",
            "reverted",
            "failover",
            "failed over",
            "paused",
            "stopped",
            "cancelled",
            "canceled",
            "disabled",
            "workaround",
            "restored",
            "downgraded",
        ],
    ),
    (
        Milestone::Resolved,
        &[
            "resolved",
            "recovered",
            "back to normal",
            "normal",
            "back to baseline",
            "caught up",
            "drained",
            "all clear",
            "again",
            "gone",
        ],
    ),
];

/// Guesses the milestones the timeline and the front matter do not give: `detected` at the
/// first entry whose words say so, `mitigated` at the first after it, `resolved` at the last
/// after those, and `started` at the first entry with a time when it is none of these.
/// Only entries with a time that can be placed get one, by their position in the timeline.
pub(super) fn guess_milestones(incident: &Incident) -> BTreeMap<usize, Guess> {
    let present: BTreeSet<Milestone> = incident
        .timeline
        .iter()
        .filter_map(|entry| entry.milestone.as_ref().map(|tag| tag.value))
        .chain(
            Milestone::ALL
                .into_iter()
                .filter(|milestone| incident.metadata.scalar(milestone.name()).is_some()),
        )
        .collect();
    let candidates: Vec<(usize, String)> = incident
        .timeline
        .iter()
        .enumerate()
        .filter(|(_, entry)| entry.instant().is_some() && entry.milestone.is_none())
        .map(|(idx, entry)| {
            let text = entry.text.as_ref().map_or("", |text| text.value.as_str());
            (idx, word_line(text))
        })
        .collect();
    let mut guesses = BTreeMap::new();
    let mut after = 0;
    for (milestone, words) in MILESTONE_WORDS {
        if present.contains(&milestone) {
            continue;
        }
        let mut matching = candidates.iter().filter(|(idx, line)| {
            *idx >= after && !guesses.contains_key(idx) && first_word_in(line, words).is_some()
        });
        let found = if milestone == Milestone::Resolved {
            matching.next_back()
        } else {
            matching.next()
        };
        if let Some((idx, line)) = found {
            let word = first_word_in(line, words);
            guesses.insert(*idx, Guess { milestone, word });
            after = idx + 1;
        }
    }
    let first_timed = incident
        .timeline
        .iter()
        .position(|entry| entry.instant().is_some());
    if let Some(first) = first_timed
        && !present.contains(&Milestone::Started)
        && !guesses.contains_key(&first)
        && candidates.iter().any(|(idx, _)| *idx == first)
    {
        guesses.insert(
            first,
            Guess {
                milestone: Milestone::Started,
                word: None,
            },
        );
    }
    guesses
}

/// `text` as lowercase words between single spaces, with a space at each end.
pub(super) fn word_line(text: &str) -> String {
    let mut line = String::from(" ");
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
    {
        line.push_str(&word.to_lowercase());
        line.push(' ');
    }
    line
}

fn first_word_in(line: &str, words: &[&'static str]) -> Option<&'static str> {
    words
        .iter()
        .find(|word| line.contains(&format!(" {word} ")))
        .copied()
}

/// A timeline entry whose time or milestone reads differently in the `.incident` text.
pub(super) struct Mismatch {
    /// Its position in the Markdown's timeline; `None` when the timelines differ in length.
    pub entry: Option<usize>,
    pub unmapped: Unmapped,
}

/// The entries of `imported` whose time or milestone is not that of the same entry of
/// `markdown` (with the guessed milestones).
pub(super) fn mismatches(
    markdown: &Incident,
    imported: &Incident,
    guesses: &BTreeMap<usize, Guess>,
) -> Vec<Mismatch> {
    let range = |entry: &TimelineEntry| entry.range;
    if markdown.timeline.len() != imported.timeline.len() {
        let whole = markdown
            .timeline
            .iter()
            .map(range)
            .reduce(TextRange::cover)
            .unwrap_or_default();
        return vec![Mismatch {
            entry: None,
            unmapped: Unmapped {
                range: whole,
                message: format!(
                    "the timeline has {} entries, and {} after the import: check the imported timeline",
                    markdown.timeline.len(),
                    imported.timeline.len()
                ),
            },
        }];
    }
    let same_instant =
        |before: &TimelineEntry, after: &TimelineEntry| match (before.instant(), after.instant()) {
            (Some(before), Some(after)) => {
                before.timestamp() == after.timestamp() && before.offset() == after.offset()
            }
            (None, None) => before.unknown_time.is_some() == after.unknown_time.is_some(),
            _ => false,
        };
    markdown
        .timeline
        .iter()
        .zip(&imported.timeline)
        .enumerate()
        .filter_map(|(idx, (before, after))| {
            let expected_milestone = before
                .milestone
                .as_ref()
                .map(|tag| tag.value)
                .or(guesses.get(&idx).map(|guess| guess.milestone));
            let milestone = after.milestone.as_ref().map(|tag| tag.value);
            let message = if !same_instant(before, after) {
                let shown = |entry: &TimelineEntry| {
                    entry.instant().map_or_else(
                        || "no time".to_owned(),
                        |instant| instant.strftime("%Y-%m-%d %H:%M:%S %:z").to_string(),
                    )
                };
                format!(
                    "this entry's time reads as {} after the import, not {}: check its date and zone",
                    shown(after),
                    shown(before)
                )
            } else if milestone != expected_milestone {
                "this entry's milestone tag was lost in the import: add it at the end of the entry's first line".to_owned()
            } else {
                return None;
            };
            Some(Mismatch {
                entry: Some(idx),
                unmapped: Unmapped {
                    range: before.range,
                    message,
                },
            })
        })
        .collect()
}

/// The edits that rewrite every Timeline section's entries into list items. Entries in
/// `explicit` are written with their full date and zone.
pub(super) fn edits(
    cx: &ImportContext<'_>,
    guesses: &BTreeMap<usize, Guess>,
    explicit: &BTreeSet<usize>,
    edits: &mut Vec<Edit>,
) {
    for (section_idx, (section, kind)) in cx.parse.sections().enumerate() {
        if kind != SectionKind::Timeline {
            continue;
        }
        let heading_range = cx
            .incident
            .sections
            .get(section_idx)
            .map(|section| section.heading_range)
            .unwrap_or_default();
        let entries: Vec<(usize, &TimelineEntry)> = cx
            .incident
            .timeline
            .iter()
            .enumerate()
            .filter(|(_, entry)| entry.section == section_idx)
            .collect();
        let writer = EntryWriter {
            cx,
            guesses,
            explicit,
            heading_range,
        };
        let mut covered_until = 0;
        for block in section.child_nodes().skip(1) {
            if block.range().start() < covered_until {
                continue;
            }
            let inside = |shape: EntryShape| {
                entries
                    .iter()
                    .filter(move |(_, entry)| {
                        entry.shape == shape && block.range().contains_range(entry.range)
                    })
                    .copied()
            };
            match block.kind() {
                SyntaxKind::List => {
                    for item in block.children_of(SyntaxKind::ListItem) {
                        if let Some(&(idx, entry)) = entries.iter().find(|(_, entry)| {
                            entry.shape == EntryShape::ListItem && entry.range == item.range()
                        }) {
                            writer.list_item_edits(idx, entry, item, edits);
                        }
                    }
                }
                SyntaxKind::Table if inside(EntryShape::TableRow).next().is_some() => {
                    let rows: Vec<(usize, &TimelineEntry)> = inside(EntryShape::TableRow).collect();
                    edits.push(Edit::replace(block.range(), writer.table(block, &rows)));
                }
                SyntaxKind::Heading => {
                    if let Some(&(idx, entry)) = entries.iter().find(|(_, entry)| {
                        entry.shape == EntryShape::Heading
                            && entry.range.start() == block.range().start()
                    }) && block.child(SyntaxKind::Hashes).is_some()
                    {
                        covered_until = entry.range.end();
                        edits.push(Edit::replace(
                            entry.range,
                            writer.heading(idx, entry, block, section),
                        ));
                    }
                }
                SyntaxKind::Paragraph if inside(EntryShape::Paragraph).next().is_some() => {
                    let lines: Vec<(usize, &TimelineEntry)> =
                        inside(EntryShape::Paragraph).collect();
                    edits.push(Edit::replace(
                        block.range(),
                        writer.paragraph(block, &lines),
                    ));
                }
                _ => {}
            }
        }
    }
}

/// A timeline list item to write.
#[derive(Default)]
struct Item {
    /// A review comment written above it.
    comment: Option<String>,
    /// The first line after the marker: time and text.
    head: String,
    /// The other lines of its first paragraph.
    lines: Vec<String>,
    /// The milestone tag, written at the end of its first paragraph.
    tag: Option<String>,
    /// The lines of the blocks under it, not yet indented; blank lines are empty.
    nested: Vec<String>,
}

/// What a rewritten timeline block is made of.
enum Piece {
    Item(Item),
    /// A paragraph kept between items, such as a date on its own line.
    Paragraph(String),
}

/// Writes the entries of one Timeline section.
struct EntryWriter<'a> {
    cx: &'a ImportContext<'a>,
    guesses: &'a BTreeMap<usize, Guess>,
    explicit: &'a BTreeSet<usize>,
    heading_range: TextRange,
}

impl EntryWriter<'_> {
    /// Edits of a list item that is already a timeline entry: the bold or brackets around its
    /// time removed, a full date and zone when needed, and a guessed milestone.
    fn list_item_edits(
        &self,
        idx: usize,
        entry: &TimelineEntry,
        item: SyntaxNode<'_>,
        edits: &mut Vec<Edit>,
    ) {
        let head = item
            .child_nodes()
            .next()
            .filter(|head| head.kind() == SyntaxKind::TimelineEntry);
        let written_start = head.and_then(|head| {
            head.children()
                .find(|child| !matches!(child.kind(), SyntaxKind::Tilde | SyntaxKind::Whitespace))
                .map(|child| child.range().start())
        });
        if let Some(start) = written_start
            && let Some(written) = self.written_at(start)
            && (written.open.is_some() || self.explicit.contains(&idx))
        {
            let end = start + written.end as u32;
            let inner_colon = if written.inner_colon.is_some() {
                ":"
            } else {
                ""
            };
            edits.push(Edit::replace(
                TextRange::new(start, end),
                format!("{}{inner_colon}", self.time_text(idx, entry, None)),
            ));
        }
        if let Some(guess) = self.guesses.get(&idx) {
            let end = entry
                .text
                .as_ref()
                .map(|text| text.range.end())
                .or(entry.time.as_ref().map(|time| time.range.end()));
            if let Some(end) = end {
                edits.push(Edit::insert(end, format!(" [{}]", guess.milestone.name())));
            }
            let line_start = self.cx.line_start(item.range().start());
            let indent = self
                .cx
                .slice(TextRange::new(line_start, item.range().start()));
            edits.push(Edit::insert(
                item.range().start(),
                format!(
                    "<!-- {REVIEW_MARK} {} -->{}{indent}",
                    guess.comment(),
                    self.cx.eol
                ),
            ));
        }
    }

    /// A table of entries as a list, after a comment that keeps its header.
    fn table(&self, table: SyntaxNode<'_>, rows: &[(usize, &TimelineEntry)]) -> String {
        let text = self.cx.text;
        let read = Table::read(text, table.range());
        let time_column = read.time_column(text);
        let date_column = read.date_column(text);
        let mut pieces = Vec::new();
        if let Some(header) = &read.header {
            pieces.push(Piece::Paragraph(format!(
                "<!-- {REVIEW_MARK} from a table with the columns {} -->",
                self.cx.slice(header.range)
            )));
        }
        for row in &read.body {
            let cell = |idx: usize| {
                row.cells
                    .get(idx)
                    .map(|cell| self.cx.slice(*cell))
                    .unwrap_or_default()
            };
            let Some(&(idx, entry)) = rows.iter().find(|(_, entry)| entry.range == row.range)
            else {
                let cells: Vec<&str> = row
                    .cells
                    .iter()
                    .map(|cell| self.cx.slice(*cell))
                    .filter(|cell| !cell.is_empty())
                    .collect();
                if cells.is_empty() {
                    continue;
                }
                let line = cells.join(" | ");
                // A date on its own row is the day of the rows below it, as a date line is.
                let is_date = incident_model::date_in_text(&line).is_some();
                match pieces.last_mut() {
                    Some(Piece::Item(item)) if !is_date => item.lines.push(line),
                    _ => pieces.push(Piece::Paragraph(line)),
                }
                continue;
            };
            let date_cell = date_column.map(cell).filter(|cell| !cell.is_empty());
            let time = self.time_text(idx, entry, date_cell);
            let mut head = format!("{}{time}", tilde(entry));
            if let Some(event) = &entry.text {
                head.push(' ');
                head.push_str(&event.value);
            }
            // A time cell the model could not read stays after the text, where it cannot be
            // taken for a malformed time.
            let time_cell = cell(time_column);
            if time.is_empty() && !time_cell.is_empty() {
                head.push_str(&format!(" ({time_cell})"));
            }
            let mut head = head.trim_start().to_owned();
            // A date cell that is not the date written with the time stays in the entry.
            if let Some(date_cell) = date_cell
                && !time.contains(date_cell)
            {
                head.push_str(&format!(" ({date_cell})"));
            }
            pieces.push(Piece::Item(self.item(idx, entry, head, Vec::new())));
        }
        self.render(&pieces, table.range())
    }

    /// A time heading and the blocks under it as one list item.
    fn heading(
        &self,
        idx: usize,
        entry: &TimelineEntry,
        heading: SyntaxNode<'_>,
        section: SyntaxNode<'_>,
    ) -> String {
        let text_range = inline_range(heading).unwrap_or(TextRange::empty(heading.range().end()));
        let time_start = text_range.start() + u32::from(self.cx.slice(text_range).starts_with('~'));
        let after_time = self
            .written_at(time_start)
            .map_or(text_range.end(), |written| {
                (time_start + written.end as u32).min(text_range.end())
            });
        let rest = self
            .cx
            .slice(TextRange::new(after_time, text_range.end()))
            .trim_end();
        let mut head = format!("{}{}{rest}", tilde(entry), self.time_text(idx, entry, None));
        let mut lines = Vec::new();
        let mut nested_start = heading.range().end();
        if rest.trim().is_empty() {
            let first_block = section.child_nodes().find(|block| {
                block.range().start() >= heading.range().end()
                    && entry.range.contains(block.range().start())
            });
            if let Some(paragraph) =
                first_block.filter(|block| block.kind() == SyntaxKind::Paragraph)
            {
                let mut paragraph_lines = lines_of(self.cx.text, paragraph.range())
                    .into_iter()
                    .map(|line| self.cx.slice(line).trim().to_owned());
                if let Some(first) = paragraph_lines.next() {
                    head = format!("{} {first}", head.trim_end());
                }
                lines.extend(paragraph_lines);
                nested_start = paragraph.range().end();
            }
        }
        let mut item = self.item(idx, entry, head, lines);
        item.nested = block_lines(self.cx.slice(TextRange::new(
            nested_start.min(entry.range.end()),
            entry.range.end(),
        )));
        self.render(&[Piece::Item(item)], entry.range)
    }

    /// A paragraph of time lines as a list, after the lines before the first time.
    fn paragraph(&self, paragraph: SyntaxNode<'_>, entries: &[(usize, &TimelineEntry)]) -> String {
        let mut pieces = Vec::new();
        let first_start = entries
            .first()
            .map_or(paragraph.range().end(), |(_, entry)| entry.range.start());
        let before = self
            .cx
            .slice(TextRange::new(paragraph.range().start(), first_start))
            .trim_end();
        if !before.is_empty() {
            pieces.push(Piece::Paragraph(before.to_owned()));
        }
        for &(idx, entry) in entries {
            let mut lines = lines_of(self.cx.text, entry.range).into_iter();
            let Some(first) = lines.next() else {
                continue;
            };
            let content = self.cx.slice(first);
            let indent = content.len() - content.trim_start().len();
            let start = first.start() + indent as u32;
            let time_start = start + u32::from(content.trim_start().starts_with('~'));
            let after_time = match self.written_at(time_start) {
                Some(written) => time_start + written.end as u32,
                None => entry
                    .unknown_time
                    .map_or(time_start, |unknown| unknown.end()),
            };
            // An existing tag moves to the end of the entry with the rest of its first line.
            let line_end = entry
                .milestone
                .as_ref()
                .map(|tag| tag.range.start())
                .filter(|tag_start| first.contains(*tag_start))
                .unwrap_or(first.end());
            let rest = self
                .cx
                .slice(TextRange::new(after_time.min(line_end), line_end))
                .trim_end();
            let head = format!("{}{}{rest}", tilde(entry), self.time_text(idx, entry, None));
            let continuation: Vec<String> = lines
                .map(|line| self.cx.slice(line).trim().to_owned())
                .collect();
            pieces.push(Piece::Item(self.item(idx, entry, head, continuation)));
        }
        self.render(&pieces, paragraph.range())
    }

    /// An item with the entry's milestone tag, as written or guessed.
    fn item(&self, idx: usize, entry: &TimelineEntry, head: String, lines: Vec<String>) -> Item {
        let guess = self.guesses.get(&idx);
        let tag = entry
            .milestone
            .as_ref()
            .map(|tag| self.cx.slice(tag.range).to_owned())
            .or(guess.map(|guess| format!("[{}]", guess.milestone.name())));
        Item {
            comment: guess.map(Guess::comment),
            head,
            lines,
            tag,
            nested: Vec::new(),
        }
    }

    /// The pieces as the text that replaces `replaced`, with its line break at the end.
    fn render(&self, pieces: &[Piece], replaced: TextRange) -> String {
        let eol = self.cx.eol;
        let mut blocks: Vec<String> = Vec::new();
        let mut list = String::new();
        for piece in pieces {
            match piece {
                Piece::Item(item) => {
                    if !list.is_empty() {
                        list.push_str(eol);
                    }
                    list.push_str(&render_item(item, eol));
                }
                Piece::Paragraph(paragraph) => {
                    if !list.is_empty() {
                        blocks.push(std::mem::take(&mut list));
                    }
                    blocks.push(paragraph.clone());
                }
            }
        }
        if !list.is_empty() {
            blocks.push(list);
        }
        let mut out = blocks.join(&format!("{eol}{eol}"));
        if self.cx.ends_with_line_break(replaced) {
            out.push_str(eol);
        }
        out
    }

    /// The time of an entry as the list item writes it: as written without bold or brackets,
    /// with the zone the table header or a heading gave it, and with the full date when the
    /// entry is in `explicit` or its date came from `date_cell`.
    fn time_text(&self, idx: usize, entry: &TimelineEntry, date_cell: Option<&str>) -> String {
        let Some(time) = &entry.time else {
            return entry
                .unknown_time
                .map(|unknown| self.cx.slice(unknown).to_owned())
                .unwrap_or_default();
        };
        let written_text = self.cx.slice(time.range);
        let Some(written) = incident_syntax::written_time(written_text) else {
            return written_text.to_owned();
        };
        let piece = |start: usize, end: usize| written_text.get(start..end).unwrap_or_default();
        let context_zone = time.zone.as_ref().filter(|zone| {
            !time.range.contains_range(zone.range) && !self.heading_range.contains_range(zone.range)
        });
        let full_date = (self.explicit.contains(&idx) || date_cell.is_some()) && !time.has_date;
        if context_zone.is_none() && !full_date {
            return written_text.to_owned();
        }
        let date = match (written.date, entry.instant()) {
            (Some(date), _) => Some(piece(date.start, written.time.start).to_owned()),
            (None, Some(instant)) if full_date => Some(format!("{} ", instant.date())),
            (None, _) => None,
        };
        let time_end = written
            .meridiem
            .map_or(written.time.end, |meridiem| meridiem.end);
        // A time written in full names its zone too: the offset it was read in, when it was
        // read in the incident's zone.
        let zone = match (written.zone, context_zone, entry.instant()) {
            (Some(zone), _, _) => format!(" {}", piece(zone.start, zone.end)),
            (None, Some(zone), _) => format!(" {}", zone.name),
            (None, None, Some(instant)) if self.explicit.contains(&idx) => {
                format!(" {}", instant.strftime("%:z"))
            }
            (None, None, _) => String::new(),
        };
        format!(
            "{}{}{zone}",
            date.unwrap_or_default(),
            piece(written.time.start, time_end)
        )
    }

    /// The written time at `offset`, with its wrappers, read as the model reads it.
    fn written_at(&self, offset: u32) -> Option<WrittenTime> {
        let line = self
            .cx
            .slice(TextRange::new(offset, self.cx.line_end(offset)));
        incident_syntax::written_time(line)
    }
}

fn tilde(entry: &TimelineEntry) -> &'static str {
    if entry.time.as_ref().is_some_and(|time| time.approximate) {
        "~"
    } else {
        ""
    }
}

fn render_item(item: &Item, eol: &str) -> String {
    let mut out = String::new();
    if let Some(comment) = &item.comment {
        out.push_str(&format!("<!-- {REVIEW_MARK} {comment} -->{eol}"));
    }
    let mut first_paragraph: Vec<String> = vec![format!("- {}", item.head.trim_end())];
    first_paragraph.extend(item.lines.iter().map(|line| format!("  {line}")));
    if let (Some(tag), Some(last)) = (&item.tag, first_paragraph.last_mut()) {
        last.push(' ');
        last.push_str(tag);
    }
    out.push_str(&first_paragraph.join(eol));
    if !item.nested.is_empty() {
        out.push_str(eol);
        for line in &item.nested {
            out.push_str(eol);
            if !line.is_empty() {
                out.push_str("  ");
                out.push_str(line);
            }
        }
    }
    out
}

/// The lines of `text` without their line breaks and trailing whitespace, blank lines empty,
/// without the blank lines at either end.
fn block_lines(text: &str) -> Vec<String> {
    let lines: Vec<String> = text
        .lines()
        .map(|line| line.trim_end().to_owned())
        .collect();
    let first = lines.iter().position(|line| !line.is_empty());
    let last = lines.iter().rposition(|line| !line.is_empty());
    match (first, last) {
        (Some(first), Some(last)) => lines.get(first..=last).unwrap_or_default().to_vec(),
        _ => Vec::new(),
    }
}
