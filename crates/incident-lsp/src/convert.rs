//! Every conversion between the linter's types and LSP types: byte offsets and positions in
//! the negotiated encoding, diagnostics, and edits.
//!
//! Positions go through `incident_syntax::LineIndex`, which clamps what is out of range: a
//! column past the end of a line means the end of the line, a line past the end of the text
//! means the end of the text.

use incident_rules::{Diagnostic, Edit, Severity};
use incident_syntax::{ColumnUnit, LineCol, LineIndex, TextRange};
use tower_lsp::lsp_types::{
    self as lsp, ClientCapabilities, NumberOrString, Position, PositionEncodingKind, Range, Url,
};

use crate::client_support::ClientSupport;

/// The base of the rule pages that diagnostics link to.
pub const RULE_DOCS_BASE: &str =
    "https://github.com/incident-lint/incident-lint/blob/main/docs/rules/";

/// The source name shown with every diagnostic.
pub const SOURCE: &str = "incident-lint";

/// The unit that columns count in, agreed with the client at initialization.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum PositionEncoding {
    /// UTF-8 bytes, when the client offers `utf-8`.
    Utf8,
    /// UTF-16 code units, the protocol's default.
    #[default]
    Utf16,
}

impl PositionEncoding {
    /// Picks `utf-8` when the client lists it in `general.positionEncodings` (LSP 3.17), and
    /// UTF-16 otherwise.
    pub fn negotiate(capabilities: &ClientCapabilities) -> PositionEncoding {
        let offered = capabilities
            .general
            .as_ref()
            .and_then(|general| general.position_encodings.as_ref());
        match offered {
            Some(kinds) if kinds.contains(&PositionEncodingKind::UTF8) => PositionEncoding::Utf8,
            _ => PositionEncoding::Utf16,
        }
    }

    /// The name the server announces.
    pub fn kind(self) -> PositionEncodingKind {
        match self {
            PositionEncoding::Utf8 => PositionEncodingKind::UTF8,
            PositionEncoding::Utf16 => PositionEncodingKind::UTF16,
        }
    }

    fn unit(self) -> ColumnUnit {
        match self {
            PositionEncoding::Utf8 => ColumnUnit::Utf8,
            PositionEncoding::Utf16 => ColumnUnit::Utf16,
        }
    }
}

/// Converts offsets in one text to positions and back.
#[derive(Clone, Copy)]
pub struct Converter<'a> {
    text: &'a str,
    index: &'a LineIndex,
    encoding: PositionEncoding,
}

impl<'a> Converter<'a> {
    /// A converter for `text`, whose line index is `index`.
    pub fn new(text: &'a str, index: &'a LineIndex, encoding: PositionEncoding) -> Converter<'a> {
        Converter {
            text,
            index,
            encoding,
        }
    }

    /// The text.
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// The line index.
    pub fn index(&self) -> &'a LineIndex {
        self.index
    }

    /// The position of a byte offset (clamped to the text, moved back to a char boundary).
    pub fn position(&self, offset: u32) -> Position {
        let LineCol { line, col } = self.index.line_col(self.text, offset, self.encoding.unit());
        Position::new(line, col)
    }

    /// The byte offset of a position; positions past a line's end or past the text are clamped.
    pub fn offset(&self, position: Position) -> u32 {
        self.index.offset(
            self.text,
            LineCol {
                line: position.line,
                col: position.character,
            },
            self.encoding.unit(),
        )
    }

    /// The LSP range of a byte range.
    pub fn range(&self, range: TextRange) -> Range {
        Range::new(self.position(range.start()), self.position(range.end()))
    }

    /// The byte range of an LSP range, clamped to the text; `None` when the range ends before
    /// it starts.
    pub fn text_range(&self, range: Range) -> Option<TextRange> {
        let start = self.offset(range.start);
        let end = self.offset(range.end);
        (start <= end).then(|| TextRange::new(start, end))
    }

    /// The byte range of the whole line `line` without its line break.
    pub fn line_range(&self, line: u32) -> Option<TextRange> {
        let start = self.index.line_start(line)?;
        let end = self
            .index
            .line_start(line + 1)
            .unwrap_or(self.text.len() as u32);
        let line_text = self.text.get(start as usize..end as usize)?;
        let content = line_text.trim_end_matches(['\n', '\r']);
        Some(TextRange::new(start, start + content.len() as u32))
    }

    /// An LSP text edit for an edit of this text.
    pub fn text_edit(&self, edit: &Edit) -> lsp::TextEdit {
        lsp::TextEdit::new(self.range(edit.range), edit.replacement.clone())
    }

    /// The LSP form of a diagnostic: code, link to the rule page, source, related information
    /// from the labels, and the help line after the message.
    ///
    /// For a client without related information, each label becomes a line of the message
    /// (`file:line: label`); a client without `codeDescription` gets no link, which the hover
    /// of the diagnostic also shows.
    pub fn diagnostic(
        &self,
        uri: &Url,
        diagnostic: &Diagnostic,
        client: &ClientSupport,
    ) -> lsp::Diagnostic {
        let severity = match diagnostic.severity {
            Severity::Error => lsp::DiagnosticSeverity::ERROR,
            Severity::Warning => lsp::DiagnosticSeverity::WARNING,
            Severity::Info => lsp::DiagnosticSeverity::INFORMATION,
        };
        let mut message = diagnostic.message.clone();
        let mut related_information = Vec::new();
        for label in &diagnostic.labels {
            let range = self.range(label.range);
            if client.related_information {
                related_information.push(lsp::DiagnosticRelatedInformation {
                    location: lsp::Location::new(uri.clone(), range),
                    message: label.message.clone(),
                });
            } else {
                message.push_str(&format!(
                    "\n{}:{}: {}",
                    file_name(uri),
                    range.start.line + 1,
                    label.message
                ));
            }
        }
        if let Some(help) = &diagnostic.help {
            message.push_str("\nhelp: ");
            message.push_str(help);
        }
        let code_description = client
            .code_description
            .then(|| rule_url(diagnostic.code()))
            .flatten()
            .map(|href| lsp::CodeDescription { href });
        lsp::Diagnostic {
            range: self.range(diagnostic.range),
            severity: Some(severity),
            code: Some(NumberOrString::String(diagnostic.code().to_owned())),
            code_description,
            source: Some(SOURCE.to_owned()),
            message,
            related_information: (!related_information.is_empty()).then_some(related_information),
            tags: None,
            data: None,
        }
    }
}

/// The page that documents rule `code`.
pub fn rule_url(code: &str) -> Option<Url> {
    Url::parse(&format!("{RULE_DOCS_BASE}{code}.md")).ok()
}

/// The last segment of a URI's path, as messages name the file (the whole URI when it has no
/// path).
fn file_name(uri: &Url) -> String {
    uri.path_segments()
        .and_then(|mut segments| segments.next_back())
        .filter(|name| !name.is_empty())
        .map_or_else(|| uri.to_string(), str::to_owned)
}

/// The smallest edit that turns `old` into `new`: the differing middle, after the common
/// prefix and suffix. `None` when the texts are equal.
pub fn minimal_edit(old: &str, new: &str) -> Option<Edit> {
    if old == new {
        return None;
    }
    let mut prefix = old
        .bytes()
        .zip(new.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    while !old.is_char_boundary(prefix) || !new.is_char_boundary(prefix) {
        prefix -= 1;
    }
    let max_suffix = old.len().min(new.len()) - prefix;
    let mut suffix = old
        .bytes()
        .rev()
        .zip(new.bytes().rev())
        .take(max_suffix)
        .take_while(|(a, b)| a == b)
        .count();
    while !old.is_char_boundary(old.len() - suffix) || !new.is_char_boundary(new.len() - suffix) {
        suffix -= 1;
    }
    let replacement = new.get(prefix..new.len() - suffix)?.to_owned();
    Some(Edit::replace(
        TextRange::new(prefix as u32, (old.len() - suffix) as u32),
        replacement,
    ))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]

    use super::*;

    #[test]
    fn utf8_is_chosen_only_when_offered() {
        let mut capabilities = ClientCapabilities::default();
        assert_eq!(
            PositionEncoding::negotiate(&capabilities),
            PositionEncoding::Utf16
        );
        capabilities.general = Some(lsp::GeneralClientCapabilities {
            position_encodings: Some(vec![
                PositionEncodingKind::UTF16,
                PositionEncodingKind::UTF8,
            ]),
            ..Default::default()
        });
        assert_eq!(
            PositionEncoding::negotiate(&capabilities),
            PositionEncoding::Utf8
        );
    }

    #[test]
    fn positions_count_in_the_negotiated_unit() {
        let text = "- O1: 🔥 日本 שלום x\n";
        let index = LineIndex::new(text);
        let x = text.find('x').unwrap() as u32;
        let utf16 = Converter::new(text, &index, PositionEncoding::Utf16);
        let utf8 = Converter::new(text, &index, PositionEncoding::Utf8);
        assert_eq!(utf16.position(x), Position::new(0, 17));
        assert_eq!(utf8.position(x), Position::new(0, x));
        assert_eq!(utf16.offset(Position::new(0, 17)), x);
        assert_eq!(utf8.offset(Position::new(0, x)), x);
        // Past the end of a line or of the text, positions are clamped.
        assert_eq!(utf16.offset(Position::new(0, 999)), x + 1);
        assert_eq!(utf16.offset(Position::new(99, 0)), text.len() as u32);
    }

    #[test]
    fn minimal_edits_keep_the_common_ends() {
        let edit = minimal_edit("a 🔥 b", "a 🔥🔥 b").unwrap();
        let mut applied = "a 🔥 b".to_owned();
        applied.replace_range(edit.range.to_usize(), &edit.replacement);
        assert_eq!(applied, "a 🔥🔥 b");
        assert_eq!(minimal_edit("same", "same"), None);
        let edit = minimal_edit("é", "è").unwrap();
        assert_eq!(edit.replacement, "è");
    }
}
