//! An open document: its text, version and line index, and incremental changes to it.

use incident_syntax::LineIndex;
use tower_lsp::lsp_types::TextDocumentContentChangeEvent;

use crate::convert::{Converter, PositionEncoding};

/// The text of an open document, as the client last sent it.
///
/// Changes replace the text in place, so no earlier version is kept.
#[derive(Clone, Debug)]
pub struct Document {
    text: String,
    version: i32,
    index: LineIndex,
}

/// Why a change was not applied.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ChangeError {
    /// The range ends before it starts.
    ReversedRange,
}

impl std::fmt::Display for ChangeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ChangeError::ReversedRange => f.write_str("the change's range ends before it starts"),
        }
    }
}

impl Document {
    /// A document opened with `text` at `version`.
    pub fn new(text: String, version: i32) -> Document {
        let index = LineIndex::new(&text);
        Document {
            text,
            version,
            index,
        }
    }

    /// The current text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The version of the last change.
    pub fn version(&self) -> i32 {
        self.version
    }

    /// The line index of the current text.
    pub fn index(&self) -> &LineIndex {
        &self.index
    }

    /// A converter between offsets and positions in the current text.
    pub fn converter(&self, encoding: PositionEncoding) -> Converter<'_> {
        Converter::new(&self.text, &self.index, encoding)
    }

    /// Applies the changes of one `didChange` notification, in order, and takes `version`.
    ///
    /// A range past the end of a line or of the text is clamped, as LSP asks. A range that ends
    /// before it starts is skipped, and reported in the returned list; the other changes still
    /// apply.
    pub fn apply_changes(
        &mut self,
        changes: &[TextDocumentContentChangeEvent],
        version: i32,
        encoding: PositionEncoding,
    ) -> Vec<ChangeError> {
        let mut errors = Vec::new();
        for change in changes {
            if let Err(error) = self.apply_change(change, encoding) {
                errors.push(error);
            }
        }
        self.version = version;
        errors
    }

    /// Applies one change: a replacement of a range, or of the whole text when it has none.
    pub fn apply_change(
        &mut self,
        change: &TextDocumentContentChangeEvent,
        encoding: PositionEncoding,
    ) -> Result<(), ChangeError> {
        match change.range {
            None => {
                self.text.clear();
                self.text.push_str(&change.text);
            }
            Some(range) => {
                let range = self
                    .converter(encoding)
                    .text_range(range)
                    .ok_or(ChangeError::ReversedRange)?;
                self.text.replace_range(range.to_usize(), &change.text);
            }
        }
        self.index = LineIndex::new(&self.text);
        Ok(())
    }

    /// Releases memory that earlier, longer versions left behind.
    pub fn shrink(&mut self) {
        if self.text.capacity() > 2 * self.text.len() + 4096 {
            self.text.shrink_to_fit();
        }
    }
}

#[cfg(test)]
mod tests {
    use tower_lsp::lsp_types::{Position, Range};

    use super::*;

    fn change(start: (u32, u32), end: (u32, u32), text: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: Some(Range::new(
                Position::new(start.0, start.1),
                Position::new(end.0, end.1),
            )),
            range_length: None,
            text: text.to_owned(),
        }
    }

    #[test]
    fn changes_apply_in_order_and_clamp() {
        let mut document = Document::new("🔥 a\nb\n".to_owned(), 1);
        let errors = document.apply_changes(
            &[
                change((0, 3), (0, 4), "x"),
                change((1, 0), (1, 99), "yy"),
                change((9, 0), (9, 5), "end"),
            ],
            2,
            PositionEncoding::Utf16,
        );
        assert!(errors.is_empty());
        assert_eq!(document.text(), "🔥 x\nyy\nend");
        assert_eq!(document.version(), 2);
    }

    #[test]
    fn reversed_ranges_are_skipped() {
        let mut document = Document::new("abc".to_owned(), 1);
        let errors = document.apply_changes(
            &[change((0, 2), (0, 1), "x"), change((0, 0), (0, 0), "y")],
            2,
            PositionEncoding::Utf8,
        );
        assert_eq!(errors, vec![ChangeError::ReversedRange]);
        assert_eq!(document.text(), "yabc");
    }
}
