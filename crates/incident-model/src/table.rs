//! Markdown tables as older post-mortems write them: rows split into cells, the header and its
//! delimiter row told apart from the body, and, for a timeline, the columns of times and dates.
//!
//! The timeline reads its tables with this, and so does `incident-lint import` when it rewrites
//! a table into list items, so that both agree on what a row and a cell are.

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
}
