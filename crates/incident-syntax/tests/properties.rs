//! Property tests: parsing any input never panics and always yields a well-formed, lossless tree.

#![allow(clippy::unwrap_used, clippy::indexing_slicing, missing_docs)]

mod support;

use proptest::prelude::*;

/// Pieces of lines that exercise the parser's constructs, glued together at random.
const FRAGMENTS: &[&str] = &[
    "---",
    "...",
    "id: INC-1",
    "services: [a, \"b",
    "tags: [x]",
    "  - nested",
    "# comment",
    "title: \"q",
    "## Observe",
    "## Timeline",
    "## Actions",
    "## Act",
    "# Title",
    "Heading",
    "===",
    "---",
    "- ",
    "* ",
    "1. ",
    "10) ",
    "  ",
    "\t",
    "    ",
    "O1: ",
    "H2: ",
    "H1 rejected: ",
    "H3 confirmed",
    "up: a, b",
    "action taken: x",
    "~",
    "14:02 ",
    "2026-11-20 23:59 ",
    "17:14pm",
    "--:--",
    "9.30",
    "[started]",
    "[resolved]",
    "[ ] ",
    "[x] ",
    "prevent: ",
    "(owner: @a, due: 2026-01-01)",
    "(owner:",
    "<!-- incident-lint disable INC001 -->",
    "<!-- incident-lint disbale -->",
    "<!--",
    "-->",
    "<div>",
    "```",
    "~~~",
    "> quote",
    "| a | b |",
    "`code",
    "`O1`",
    "INC-2026-",
    "[O1, O3]",
    "🔥",
    "日本語",
    "שלום",
    "\u{feff}",
    "\r\n",
    "\r",
    "\n",
    "\n\n",
    "text",
];

fn document() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(FRAGMENTS), 0..60).prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn arbitrary_text_parses_well_formed(text in any::<String>()) {
        let parse = incident_syntax::parse(&text);
        support::assert_well_formed(&text, &parse);
    }

    #[test]
    fn format_like_text_parses_well_formed(text in document()) {
        let parse = incident_syntax::parse(&text);
        support::assert_well_formed(&text, &parse);
    }

    #[test]
    fn line_index_round_trips(text in document(), offset in 0usize..2000) {
        use incident_syntax::{ColumnUnit, LineIndex};
        let index = LineIndex::new(&text);
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        for unit in [ColumnUnit::Utf8, ColumnUnit::Utf16, ColumnUnit::Utf32] {
            let position = index.line_col(&text, offset as u32, unit);
            let back = index.offset(&text, position, unit) as usize;
            // Inside a CRLF pair, the position is the end of the line's content.
            let expected = if text[..offset].ends_with('\r') && text[offset..].starts_with('\n') { offset - 1 } else { offset };
            prop_assert_eq!(back, expected);
        }
    }
}

/// An error in one section leaves the other sections' trees unchanged.
#[test]
fn errors_stay_in_their_section() {
    let clean = "## Observe\n\n- O1: logs\n\n## Timeline\n\n- 14:02 x [started]\n\n## Actions\n\n- [ ] detect: y\n";
    let broken = clean.replace("14:02 x", "14h02 x");
    let dump = |text: &str, nth: usize| {
        let parse = incident_syntax::parse(text);
        let section = parse
            .root()
            .children_of(incident_syntax::SyntaxKind::Section)
            .nth(nth)
            .unwrap();
        let offset = section.range().start();
        section
            .descendants()
            .map(|node| {
                format!(
                    "{} {} {:?}",
                    node.kind(),
                    node.range().start() - offset,
                    node.text()
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(dump(clean, 0), dump(&broken, 0));
    assert_eq!(dump(clean, 2), dump(&broken, 2));
    assert_ne!(dump(clean, 1), dump(&broken, 1));
    assert_eq!(incident_syntax::parse(&broken).errors().len(), 1);
}
