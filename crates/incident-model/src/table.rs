//! Markdown tables as older post-mortems write them: rows split into cells, the header and its
//! delimiter row told apart from the body, and what the columns hold: for a timeline, the times
//! and dates; for follow-up actions, the action, its owner, due date, category and status.
//!
//! The timeline and the actions read their tables with this, and so does `incident-lint import`
//! when it rewrites a table into list items, so that both agree on what a row, a cell and a
//! column are.

use incident_syntax::TextRange;

/// A row of a Markdown table: its line and its cells.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TableRow {
    /// The line, without its line ending and trailing whitespace.
    pub range: TextRange,
    /// The cells' contents without the surrounding spaces, in order.
    pub cells: Vec<TextRange>,
}

/// A table split into its header (when a delimiter row follows the first row) and its body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Table {
    /// The first row, when the second is a delimiter row (`|---|:---:|`).
    pub header: Option<TableRow>,
    /// The delimiter row, when there is a header.
    pub delimiter: Option<TableRow>,
    /// The other rows.
    pub body: Vec<TableRow>,
}

impl Table {
    /// Reads the table block at `range` of `text`.
    pub fn read(text: &str, range: TextRange) -> Table {
        let mut rows = table_rows(text, range).into_iter();
        let first = rows.next();
        let second = rows.next();
        let has_header = second.as_ref().is_some_and(|row| {
            row.cells
                .iter()
                .all(|cell| is_delimiter_cell(text.get(cell.to_usize()).unwrap_or_default()))
        });
        if has_header {
            Table {
                header: first,
                delimiter: second,
                body: rows.collect(),
            }
        } else {
            Table {
                header: None,
                delimiter: None,
                body: first.into_iter().chain(second).chain(rows).collect(),
            }
        }
    }

    /// The lowercase text of header cell `idx`, empty without a header.
    pub fn header_text(&self, text: &str, idx: usize) -> String {
        self.header
            .as_ref()
            .and_then(|row| row.cells.get(idx))
            .and_then(|cell| text.get(cell.to_usize()))
            .unwrap_or_default()
            .to_lowercase()
    }

    /// The number of columns the header names (1 without a header).
    pub fn n_columns(&self) -> usize {
        self.header.as_ref().map_or(1, |row| row.cells.len())
    }

    /// The column of a timeline's times: the first whose header says `time`, `when` or `utc`,
    /// else the first.
    pub fn time_column(&self, text: &str) -> usize {
        (0..self.n_columns())
            .find(|&idx| {
                let name = self.header_text(text, idx);
                name.contains("time") || name.contains("when") || name.contains("utc")
            })
            .unwrap_or(0)
    }

    /// The column of a timeline's dates, when another column than the times' says `date`.
    pub fn date_column(&self, text: &str) -> Option<usize> {
        let time_column = self.time_column(text);
        (0..self.n_columns())
            .find(|&idx| idx != time_column && self.header_text(text, idx).contains("date"))
    }
}

/// What a column of an action table holds, by its header.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ActionColumn {
    /// What is to be done.
    Action,
    /// Who does it.
    Owner,
    /// By when.
    Due,
    /// The category, such as `prevent` or `detect`.
    Category,
    /// Whether it is done: see [`is_done_word`].
    Status,
    /// Anything else, such as a ticket.
    Other,
}

impl ActionColumn {
    /// The column a header names, by its words (case-insensitive, a plural `s` allowed):
    /// `Owner`, `Assigned to` and `Who` are owners, `Due date`, `Deadline` and `ETA` due dates.
    /// A header that names none of them is `Other`; [`Table::action_columns`] picks the action.
    pub fn of(header: &str) -> ActionColumn {
        let lowercase = header.to_lowercase();
        let words: Vec<&str> = lowercase
            .split(|c: char| !c.is_alphanumeric())
            .filter(|word| !word.is_empty())
            .collect();
        let has = |names: &[&str]| {
            words.iter().any(|word| {
                names
                    .iter()
                    .any(|name| word == name || word.strip_suffix('s') == Some(name))
            })
        };
        if has(&["owner", "assignee", "assigned", "who", "responsible"]) {
            ActionColumn::Owner
        } else if has(&["due", "deadline", "eta", "date", "when", "target"]) {
            ActionColumn::Due
        } else if has(&["type", "category", "kind"]) {
            ActionColumn::Category
        } else if has(&["status", "state", "done"]) {
            ActionColumn::Status
        } else {
            ActionColumn::Other
        }
    }
}

/// Header words of the column that says what is to be done, when several are `Other`.
const ACTION_HEADER_WORDS: [&str; 7] = [
    "action",
    "item",
    "task",
    "issue",
    "description",
    "what",
    "title",
];

/// Status words of an action table's status column that mean the action is done.
pub const DONE_WORDS: [&str; 7] = [
    "done",
    "closed",
    "fixed",
    "complete",
    "completed",
    "resolved",
    "yes",
];

/// Whether a status cell says the action is done, such as `Done` or `closed`.
pub fn is_done_word(cell: &str) -> bool {
    DONE_WORDS
        .iter()
        .any(|word| word.eq_ignore_ascii_case(cell.trim()))
}

impl Table {
    /// What each column of an action table holds, one per header cell (one column without a
    /// header): exactly one is `Action`, the first `Other` column whose header says `action`,
    /// `item`, `task`, `issue`, `description`, `what` or `title`, else the first `Other`, else
    /// the first column.
    pub fn action_columns(&self, text: &str) -> Vec<ActionColumn> {
        let headers: Vec<String> = (0..self.n_columns())
            .map(|idx| self.header_text(text, idx))
            .collect();
        let mut columns: Vec<ActionColumn> = headers
            .iter()
            .map(|header| ActionColumn::of(header))
            .collect();
        let action_column = columns
            .iter()
            .zip(&headers)
            .position(|(column, header)| {
                *column == ActionColumn::Other
                    && ACTION_HEADER_WORDS.iter().any(|word| header.contains(word))
            })
            .or_else(|| {
                columns
                    .iter()
                    .position(|column| *column == ActionColumn::Other)
            })
            .unwrap_or(0);
        if let Some(column) = columns.get_mut(action_column) {
            *column = ActionColumn::Action;
        }
        columns
    }
}

/// The rows of the table at `range`, split at unescaped `|` outside code spans.
fn table_rows(text: &str, range: TextRange) -> Vec<TableRow> {
    lines_of(text, range)
        .into_iter()
        .map(|line| {
            let content = text.get(line.to_usize()).unwrap_or_default();
            let mut cells = Vec::new();
            let mut cell_start: Option<usize> = None;
            let mut in_code = false;
            let mut escaped = false;
            for (idx, c) in content.char_indices() {
                match c {
                    '\\' if !escaped => {
                        escaped = true;
                        continue;
                    }
                    '`' if !escaped => in_code = !in_code,
                    '|' if !escaped && !in_code => {
                        if let Some(start) = cell_start {
                            cells.push(trimmed_cell(content, line.start(), start, idx));
                        }
                        cell_start = Some(idx + 1);
                    }
                    _ => {}
                }
                escaped = false;
            }
            // A last cell without a closing `|`.
            if let Some(start) = cell_start {
                let rest = content.get(start..).unwrap_or_default();
                if !rest.trim().is_empty() {
                    cells.push(trimmed_cell(content, line.start(), start, content.len()));
                }
            }
            TableRow { range: line, cells }
        })
        .collect()
}

fn trimmed_cell(content: &str, base: u32, start: usize, end: usize) -> TextRange {
    let cell = content.get(start..end).unwrap_or_default();
    let leading = cell.len() - cell.trim_start().len();
    let trimmed_len = cell.trim().len();
    let cell_start = base + (start + leading) as u32;
    TextRange::new(cell_start, cell_start + trimmed_len as u32)
}

/// Whether a cell is the `---` or `:---:` of a table's delimiter row.
fn is_delimiter_cell(cell: &str) -> bool {
    cell.contains('-') && cell.chars().all(|c| matches!(c, '-' | ':' | ' '))
}

/// The lines in `range` of `text`, without their line endings and trailing whitespace, blank
/// ones left out.
pub fn lines_of(text: &str, range: TextRange) -> Vec<TextRange> {
    let block = text.get(range.to_usize()).unwrap_or_default();
    let mut lines = Vec::new();
    let mut offset = 0usize;
    for line in block.split_inclusive(['\n', '\r']) {
        let content = line.trim_end_matches(['\n', '\r']);
        let start = range.start() + offset as u32;
        if !content.trim().is_empty() {
            let trimmed = content.trim_end();
            lines.push(TextRange::new(start, start + trimmed.len() as u32));
        }
        offset += line.len();
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_delimiter_and_columns_are_told_apart() {
        let text =
            "| Date | Time (UTC) | Event |\n|---|:---:|---|\n| 2019-12-03 | 14:02 | a \\| b |\n";
        let table = Table::read(text, TextRange::new(0, text.len() as u32));
        let cell = |range: &TextRange| text.get(range.to_usize()).unwrap_or_default();
        assert!(table.header.is_some() && table.delimiter.is_some());
        assert_eq!(table.body.len(), 1);
        let cells: Vec<&str> = table
            .body
            .iter()
            .flat_map(|row| row.cells.iter())
            .map(cell)
            .collect();
        assert_eq!(cells, ["2019-12-03", "14:02", "a \\| b"]);
        assert_eq!(table.time_column(text), 1);
        assert_eq!(table.date_column(text), Some(0));
        let headless = "| 14:02 | paged |\n| 14:10 | fixed |\n";
        let table = Table::read(headless, TextRange::new(0, headless.len() as u32));
        assert_eq!((table.header, table.body.len()), (None, 2));
    }

    #[test]
    fn action_columns_are_read_by_the_words_of_their_headers() {
        assert_eq!(ActionColumn::of("Owner(s)"), ActionColumn::Owner);
        assert_eq!(ActionColumn::of("Assigned to"), ActionColumn::Owner);
        assert_eq!(ActionColumn::of("Due date"), ActionColumn::Due);
        assert_eq!(ActionColumn::of("Type"), ActionColumn::Category);
        assert_eq!(ActionColumn::of("Done?"), ActionColumn::Status);
        assert_eq!(ActionColumn::of("Update"), ActionColumn::Other);
        assert_eq!(ActionColumn::of("Bug"), ActionColumn::Other);
        let text =
            "| Bug | Action item | Owner | Status |\n|---|---|---|---|\n| B-1 | x | @a | Done |\n";
        let table = Table::read(text, TextRange::new(0, text.len() as u32));
        assert_eq!(
            table.action_columns(text),
            [
                ActionColumn::Other,
                ActionColumn::Action,
                ActionColumn::Owner,
                ActionColumn::Status
            ]
        );
        assert!(is_done_word(" done") && is_done_word("Closed") && !is_done_word("open"));
    }
}
