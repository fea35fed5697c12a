//! Reading text out of syntax nodes.

use incident_syntax::{SyntaxNode, TextRange};

use crate::Spanned;

/// The range of the inline content among a node's direct children, from the first piece to
/// the last. `None` when the node has no inline content.
pub fn inline_range(node: SyntaxNode<'_>) -> Option<TextRange> {
    node.children()
        .filter(|child| child.kind().is_inline())
        .map(|child| child.range())
        .reduce(TextRange::cover)
}

/// The source text of `range`, which lies within `node`.
pub(crate) fn slice_of(node: SyntaxNode<'_>, range: TextRange) -> &str {
    let offset = node.range().start();
    node.text()
        .get((range.start() - offset) as usize..(range.end() - offset) as usize)
        .unwrap_or_default()
}

/// The inline text among a node's direct children, whitespace collapsed, with its range.
pub(crate) fn inline_text(node: SyntaxNode<'_>) -> Option<Spanned<String>> {
    let range = inline_range(node)?;
    Some(Spanned::new(
        collapse_whitespace(slice_of(node, range)),
        range,
    ))
}

/// The text of a heading without its markers.
pub(crate) fn heading_text(heading: SyntaxNode<'_>) -> Option<Spanned<String>> {
    inline_text(heading)
}

/// Joins the words of `text` with single spaces.
pub(crate) fn collapse_whitespace(text: &str) -> String {
    let mut collapsed = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !collapsed.is_empty() {
            collapsed.push(' ');
        }
        collapsed.push_str(word);
    }
    collapsed
}

/// A token's text with its range.
pub(crate) fn token_text(token: SyntaxNode<'_>) -> Spanned<String> {
    Spanned::new(token.text().to_owned(), token.range())
}
