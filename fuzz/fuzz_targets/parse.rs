//! Fuzz target: parsing any text yields a lossless tree with sane ranges, and the model builds.
//!
//! Invalid UTF-8 is replaced as a file reader would do, so every input reaches the parser.

#![no_main]

use incident_model::{Incident, ModelOptions};
use incident_syntax::{ColumnUnit, LineIndex, Parse, parse};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let parse = parse(&text);
    check_tree(&text, &parse);
    let incident = Incident::build(&parse, &ModelOptions::default());
    // Touch what the model computed, so that nothing is optimized away.
    std::hint::black_box(&incident);
});

fn check_tree(text: &str, parse: &Parse) {
    let root = parse.root();
    assert_eq!(root.text(), text, "the root does not cover the text");
    assert_eq!(root.range().start(), 0);
    assert_eq!(root.range().end() as usize, text.len());

    // Tokens tile the text: no gap, no overlap, no empty token.
    let mut expected_start = 0;
    for token in root.tokens() {
        let range = token.range();
        assert_eq!(
            range.start(),
            expected_start,
            "gap or overlap before {token:?}"
        );
        assert!(!range.is_empty(), "empty token {token:?}");
        expected_start = range.end();
    }
    assert_eq!(expected_start as usize, text.len(), "tokens stop early");
    let rebuilt: String = root.tokens().map(|token| token.text()).collect();
    assert_eq!(rebuilt, text, "tokens do not rebuild the text");

    // Every node lies in bounds, on char boundaries, inside its parent.
    for node in root.descendants() {
        let range = node.range();
        assert!(range.start() <= range.end(), "{node:?} is reversed");
        assert!(
            range.end() as usize <= text.len(),
            "{node:?} is out of bounds"
        );
        assert!(
            text.is_char_boundary(range.start() as usize),
            "{node:?} starts inside a char"
        );
        assert!(
            text.is_char_boundary(range.end() as usize),
            "{node:?} ends inside a char"
        );
        for child in node.children() {
            assert!(
                range.contains_range(child.range()),
                "{child:?} escapes {node:?}"
            );
        }
    }

    // Errors point into the text, and positions can be computed for them.
    let index = LineIndex::new(text);
    for error in parse.errors() {
        let range = error.range;
        assert!(
            range.end() as usize <= text.len(),
            "error out of bounds: {error:?}"
        );
        assert!(text.is_char_boundary(range.start() as usize), "{error:?}");
        assert!(text.is_char_boundary(range.end() as usize), "{error:?}");
        for unit in [ColumnUnit::Utf8, ColumnUnit::Utf16, ColumnUnit::Utf32] {
            let _ = index.line_col(text, range.start(), unit);
            let _ = index.line_col(text, range.end(), unit);
        }
    }
}
