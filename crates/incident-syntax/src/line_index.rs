//! Maps byte offsets to line and column, in UTF-8 bytes or UTF-16 code units, and back, and
//! tells which line ending a text uses.

use crate::TextRange;

/// A zero-based line and column.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug, Default)]
pub struct LineCol {
    /// Zero-based line number.
    pub line: u32,
    /// Zero-based column, in the unit the position was asked in.
    pub col: u32,
}

/// The unit a column counts in.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ColumnUnit {
    /// UTF-8 bytes (LSP `utf-8`, and what codespan-reporting shows as a byte column).
    Utf8,
    /// UTF-16 code units (LSP's default `utf-16`).
    Utf16,
    /// Unicode scalar values (LSP `utf-32`, and what people count as characters).
    Utf32,
}

/// The line ending `text` uses: `\r\n` if any line ends with it, `\r` in a file of old Mac
/// line endings, else `\n`. Text written into a file uses it, so the file keeps its endings.
pub fn line_ending(text: &str) -> &'static str {
    if text.contains("\r\n") {
        "\r\n"
    } else if text.contains('\r') && !text.contains('\n') {
        "\r"
    } else {
        "\n"
    }
}

/// Line start offsets of a text, for converting between offsets and positions.
///
/// Lines end at `\n`, `\r\n` or a lone `\r`, as in CommonMark and LSP.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineIndex {
    line_starts: Vec<u32>,
    len: u32,
}

impl LineIndex {
    /// Indexes the line starts of `text`.
    pub fn new(text: &str) -> LineIndex {
        let bytes = text.as_bytes();
        let mut line_starts = vec![0];
        for pos in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            let is_crlf_first_half =
                bytes.get(pos) == Some(&b'\r') && bytes.get(pos + 1) == Some(&b'\n');
            if !is_crlf_first_half {
                line_starts.push(pos as u32 + 1);
            }
        }
        LineIndex {
            line_starts,
            len: text.len() as u32,
        }
    }

    /// The number of lines (an empty text has one empty line).
    pub fn line_count(&self) -> u32 {
        self.line_starts.len() as u32
    }

    /// The byte offset where `line` starts, if the line exists.
    pub fn line_start(&self, line: u32) -> Option<u32> {
        self.line_starts.get(line as usize).copied()
    }

    /// The zero-based line containing `offset` (offsets past the end are on the last line).
    pub fn line_of(&self, offset: u32) -> u32 {
        let offset = offset.min(self.len);
        (self.line_starts.partition_point(|&start| start <= offset) as u32).saturating_sub(1)
    }

    /// The line and column of `offset` in `text` (which must be the indexed text), counting columns in `unit`.
    /// An offset inside a multi-byte character is moved back to the character's start.
    pub fn line_col(&self, text: &str, offset: u32, unit: ColumnUnit) -> LineCol {
        let offset = floor_char_boundary(text, offset.min(self.len));
        let line = self.line_of(offset);
        let line_start = self.line_start(line).unwrap_or(0);
        let prefix = text
            .get(line_start as usize..offset as usize)
            .unwrap_or_default();
        LineCol {
            line,
            col: measure(prefix, unit),
        }
    }

    /// The byte offset of a line and column counted in `unit`.
    ///
    /// Positions are clamped as LSP asks: a column past the line's end means the end of the line
    /// (before its line break), a line past the last means the end of the text, and a column inside a
    /// UTF-16 surrogate pair means the character's start.
    pub fn offset(&self, text: &str, position: LineCol, unit: ColumnUnit) -> u32 {
        let Some(line_start) = self.line_start(position.line) else {
            return self.len;
        };
        let line_end = self.line_start(position.line + 1).unwrap_or(self.len);
        let line_text = text
            .get(line_start as usize..line_end as usize)
            .unwrap_or_default();
        let content = line_text.trim_end_matches(['\n', '\r']);
        let mut counted = 0;
        for (byte_idx, ch) in content.char_indices() {
            let width = match unit {
                ColumnUnit::Utf8 => ch.len_utf8() as u32,
                ColumnUnit::Utf16 => ch.len_utf16() as u32,
                ColumnUnit::Utf32 => 1,
            };
            if counted + width > position.col {
                return line_start + byte_idx as u32;
            }
            counted += width;
        }
        line_start + content.len() as u32
    }

    /// The start and end positions of `range`.
    pub fn range_line_cols(
        &self,
        text: &str,
        range: TextRange,
        unit: ColumnUnit,
    ) -> (LineCol, LineCol) {
        (
            self.line_col(text, range.start(), unit),
            self.line_col(text, range.end(), unit),
        )
    }
}

fn measure(prefix: &str, unit: ColumnUnit) -> u32 {
    match unit {
        ColumnUnit::Utf8 => prefix.len() as u32,
        ColumnUnit::Utf16 => prefix.chars().map(|ch| ch.len_utf16() as u32).sum(),
        ColumnUnit::Utf32 => prefix.chars().count() as u32,
    }
}

/// The largest char boundary at or before `offset`.
pub(crate) fn floor_char_boundary(text: &str, offset: u32) -> u32 {
    let mut offset = (offset as usize).min(text.len());
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_ending_is_the_one_the_text_uses() {
        assert_eq!(line_ending("a\nb\n"), "\n");
        assert_eq!(line_ending("a\r\nb\n"), "\r\n");
        assert_eq!(line_ending("a\rb\r"), "\r");
        assert_eq!(line_ending("a\rb\n"), "\n");
        assert_eq!(line_ending(""), "\n");
    }

    fn check_round_trip(text: &str) {
        let index = LineIndex::new(text);
        for (offset, _) in text
            .char_indices()
            .chain(std::iter::once((text.len(), ' ')))
        {
            for unit in [ColumnUnit::Utf8, ColumnUnit::Utf16, ColumnUnit::Utf32] {
                let position = index.line_col(text, offset as u32, unit);
                let back = index.offset(text, position, unit);
                // The second half of a CRLF maps to the end of the line's content.
                let expected = if text.as_bytes().get(offset.wrapping_sub(1)) == Some(&b'\r')
                    && text.as_bytes().get(offset) == Some(&b'\n')
                {
                    offset as u32 - 1
                } else {
                    offset as u32
                };
                assert_eq!(
                    back, expected,
                    "{unit:?} round trip of {offset} in {text:?} via {position:?}"
                );
            }
        }
    }

    #[test]
    fn columns_count_in_the_requested_unit() {
        let text = "- O1: 🔥 down\n- 日本 x";
        let index = LineIndex::new(text);
        let d_offset = text.find("down").unwrap_or_default() as u32;
        assert_eq!(
            index.line_col(text, d_offset, ColumnUnit::Utf8),
            LineCol { line: 0, col: 11 }
        );
        assert_eq!(
            index.line_col(text, d_offset, ColumnUnit::Utf16),
            LineCol { line: 0, col: 9 }
        );
        assert_eq!(
            index.line_col(text, d_offset, ColumnUnit::Utf32),
            LineCol { line: 0, col: 8 }
        );
        let x_offset = text.rfind('x').unwrap_or_default() as u32;
        assert_eq!(
            index.line_col(text, x_offset, ColumnUnit::Utf16),
            LineCol { line: 1, col: 5 }
        );
        assert_eq!(
            index.line_col(text, x_offset, ColumnUnit::Utf8),
            LineCol { line: 1, col: 9 }
        );
    }

    #[test]
    fn every_line_ending_starts_a_line() {
        let text = "a\nb\r\nc\rd";
        let index = LineIndex::new(text);
        assert_eq!(index.line_count(), 4);
        assert_eq!(
            index.line_col(text, 7, ColumnUnit::Utf8),
            LineCol { line: 3, col: 0 }
        );
        assert_eq!(
            index.line_col(text, 3, ColumnUnit::Utf8),
            LineCol { line: 1, col: 1 }
        );
    }

    #[test]
    fn positions_round_trip() {
        check_round_trip("");
        check_round_trip("\u{feff}---\r\nid: x\r\n");
        check_round_trip("שלום עולם 🙂\nمرحبا\r\n漢字\rend");
    }

    #[test]
    fn out_of_range_positions_are_clamped() {
        let text = "ab\r\ncd";
        let index = LineIndex::new(text);
        assert_eq!(
            index.offset(text, LineCol { line: 0, col: 99 }, ColumnUnit::Utf16),
            2
        );
        assert_eq!(
            index.offset(text, LineCol { line: 7, col: 0 }, ColumnUnit::Utf16),
            6
        );
        let emoji = "🙂x";
        let emoji_index = LineIndex::new(emoji);
        assert_eq!(
            emoji_index.offset(emoji, LineCol { line: 0, col: 1 }, ColumnUnit::Utf16),
            0
        );
        assert_eq!(
            emoji_index.line_col(emoji, 2, ColumnUnit::Utf8),
            LineCol { line: 0, col: 0 }
        );
    }
}
