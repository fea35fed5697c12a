//! Property test of document synchronization: random incremental edits, sent as LSP ranges in
//! either position encoding, leave the server's text equal to the same edits applied to a
//! string, and its diagnostics equal to linting that string from scratch.

#![allow(missing_docs, clippy::unwrap_used, clippy::indexing_slicing)]

use std::sync::Arc;

use incident_lsp::analysis::Analysis;
use incident_lsp::client_support::ClientSupport;
use incident_lsp::convert::PositionEncoding;
use incident_lsp::document::Document;
use incident_rules::Settings;
use incident_syntax::LineIndex;
use proptest::prelude::*;
use tower_lsp::lsp_types::{Position, Range, TextDocumentContentChangeEvent, Url};

const FRAGMENTS: &[&str] = &[
    "a",
    " ",
    "\n",
    "\r\n",
    "\r",
    "é",
    "🔥",
    "日本",
    "שלום",
    "---\n",
    "id: INC-1\n",
    "started: 2026-11-20 14:02\n",
    "# Title\n",
    "## Observe\n",
    "## Orient\n",
    "## Decide\n",
    "## Act\n",
    "## Timeline\n",
    "- down: api\n",
    "- O1: x 🔥\n",
    "- H1: y [O1]\n",
    "- H1 rejected: z\n",
    "- 14:02 start [started]\n",
    "- 17:14pm\n",
];

fn text_strategy(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(FRAGMENTS), 0..max).prop_map(|parts| parts.concat())
}

/// An edit as fractions of the text, so it stays valid whatever the text has become.
#[derive(Clone, Debug)]
struct EditSpec {
    start: f64,
    length: f64,
    insert: String,
}

fn edit_strategy() -> impl Strategy<Value = EditSpec> {
    (0.0..=1.0f64, 0.0..0.3f64, text_strategy(3)).prop_map(|(start, length, insert)| EditSpec {
        start,
        length,
        insert,
    })
}

/// Offsets where an edit may start or end: char boundaries, not inside a CRLF.
fn boundaries(text: &str) -> Vec<usize> {
    (0..=text.len())
        .filter(|&offset| text.is_char_boundary(offset))
        .filter(|&offset| {
            !(offset > 0
                && text.as_bytes().get(offset - 1) == Some(&b'\r')
                && text.as_bytes().get(offset) == Some(&b'\n'))
        })
        .collect()
}

/// The position of `offset`, computed by a plain scan (lines end at LF, CRLF or a lone CR).
fn position_of(text: &str, offset: usize, utf16: bool) -> Position {
    let mut line = 0;
    let mut line_start = 0;
    let bytes = text.as_bytes();
    let mut index = 0;
    while index < offset {
        match bytes[index] {
            b'\n' => {
                line += 1;
                line_start = index + 1;
            }
            b'\r' if bytes.get(index + 1) != Some(&b'\n') => {
                line += 1;
                line_start = index + 1;
            }
            _ => {}
        }
        index += 1;
    }
    let prefix = &text[line_start..offset];
    let character = if utf16 {
        prefix.encode_utf16().count()
    } else {
        prefix.len()
    };
    Position::new(line, character as u32)
}

fn check_edits(initial: &str, edits: &[EditSpec], encoding: PositionEncoding) {
    let utf16 = encoding == PositionEncoding::Utf16;
    let mut expected = initial.to_owned();
    let mut document = Document::new(initial.to_owned(), 1);
    for (number, edit) in edits.iter().enumerate() {
        let offsets = boundaries(&expected);
        let start_idx = ((offsets.len() - 1) as f64 * edit.start) as usize;
        let end_idx = (start_idx + ((offsets.len() - 1) as f64 * edit.length) as usize)
            .min(offsets.len() - 1);
        let (start, end) = (offsets[start_idx], offsets[end_idx]);
        let change = TextDocumentContentChangeEvent {
            range: Some(Range::new(
                position_of(&expected, start, utf16),
                position_of(&expected, end, utf16),
            )),
            range_length: None,
            text: edit.insert.clone(),
        };
        let errors = document.apply_changes(&[change], number as i32 + 2, encoding);
        assert!(errors.is_empty());
        expected.replace_range(start..end, &edit.insert);
        assert_eq!(document.text(), expected, "after edit {number}: {edit:?}");
    }
    assert_eq!(document.index(), &LineIndex::new(&expected));

    let settings = Arc::new(Settings::default());
    let uri = Url::parse("file:///edited.incident").unwrap();
    let incremental = Analysis::new(document.text(), document.version(), settings.clone(), None);
    let from_scratch = incident_rules::check(&expected, &settings);
    assert_eq!(
        incremental.diagnostics(),
        from_scratch.diagnostics.as_slice()
    );
    let scratch_analysis = Analysis::new(&expected, 0, settings, None);
    let mut client = ClientSupport::default();
    client.encoding = encoding;
    client.related_information = true;
    assert_eq!(
        incremental.lsp_diagnostics(&uri, &client),
        scratch_analysis.lsp_diagnostics(&uri, &client)
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn incremental_edits_match_a_string_in_utf16(
        initial in text_strategy(12),
        edits in prop::collection::vec(edit_strategy(), 1..24),
    ) {
        check_edits(&initial, &edits, PositionEncoding::Utf16);
    }

    #[test]
    fn incremental_edits_match_a_string_in_utf8(
        initial in text_strategy(12),
        edits in prop::collection::vec(edit_strategy(), 1..24),
    ) {
        check_edits(&initial, &edits, PositionEncoding::Utf8);
    }
}
