//! Helpers shared by the parser's integration tests.
#![allow(dead_code)] // Each test binary uses its own subset of these helpers.

use std::fmt::Write as _;

use incident_syntax::{ColumnUnit, LineIndex, Parse, SyntaxNode};

/// Asserts what every parse must satisfy (`Parse::invariant_violation`), and that the tree
/// is the text it was parsed from.
pub fn assert_well_formed(text: &str, parse: &Parse) {
    assert_eq!(parse.text(), text, "the tree holds other text");
    assert_eq!(parse.invariant_violation(), None);
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
