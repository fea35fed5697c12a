//! Helpers shared by the parser's integration tests.
#![allow(dead_code)] // Each test binary uses its own subset of these helpers.

use std::fmt::Write as _;

use incident_syntax::{ColumnUnit, LineIndex, Parse, SyntaxNode};

/// Asserts what every parse must satisfy: tokens tile the input, nodes contain their children,
/// every range lies in bounds on char boundaries, and errors point into the text.
pub fn assert_well_formed(text: &str, parse: &Parse) {
    let root = parse.root();
    assert_eq!(root.range().start(), 0);
    assert_eq!(
        root.range().end() as usize,
        text.len(),
        "root does not cover the text"
    );
    let mut rebuilt = String::with_capacity(text.len());
    let mut expected_start = 0;
    for token in root.tokens() {
        assert_eq!(
            token.range().start(),
            expected_start,
            "gap or overlap before {token:?}"
        );
        assert!(!token.range().is_empty(), "empty token {token:?}");
        expected_start = token.range().end();
        rebuilt.push_str(token.text());
    }
    assert_eq!(rebuilt, text, "tokens do not rebuild the text");
    for node in root.descendants() {
        let range = node.range();
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
    for error in parse.errors() {
        assert!(
            error.range.end() as usize <= text.len(),
            "error out of bounds: {error:?}"
        );
        assert!(text.is_char_boundary(error.range.start() as usize));
        assert!(text.is_char_boundary(error.range.end() as usize));
    }
}

/// The snapshot text of a parse: the tree (long tokens shortened) and the errors with positions.
pub fn render(parse: &Parse) -> String {
    let mut out = String::new();
    render_node(parse.root(), 0, &mut out);
    let index = LineIndex::new(parse.text());
    if !parse.errors().is_empty() {
        out.push_str("\nerrors:\n");
    }
    for error in parse.errors() {
        let position = index.line_col(parse.text(), error.range.start(), ColumnUnit::Utf32);
        let _ = writeln!(
            out,
            "  {}:{} {:?}: {}",
            position.line + 1,
            position.col + 1,
            error.range,
            error.message
        );
    }
    out
}

fn render_node(node: SyntaxNode<'_>, depth: usize, out: &mut String) {
    let range = node.range();
    let _ = write!(
        out,
        "{:indent$}{}@{:?}",
        "",
        node.kind(),
        range,
        indent = depth * 2
    );
    if node.is_token() {
        let text = node.text();
        if text.chars().count() > 80 {
            let head: String = text.chars().take(40).collect();
            let tail: String = text
                .chars()
                .rev()
                .take(20)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            let _ = write!(out, " {head:?}…{tail:?}");
        } else {
            let _ = write!(out, " {text:?}");
        }
    }
    out.push('\n');
    for child in node.children() {
        render_node(child, depth + 1, out);
    }
}
