//! The lossless syntax tree: a flat, pre-order arena of nodes and tokens.

use std::fmt::{self, Write as _};

use serde::Serialize;
use serde::ser::{SerializeStruct, Serializer};

use crate::{SyntaxKind, TextRange};

/// A parsed document: the source text and the tree over it.
///
/// Elements are stored in pre-order in one vector, so walking the tree touches memory in order.
/// The tokens, read in order, cover the source text exactly once: the tree is lossless.
#[derive(Clone, PartialEq, Eq)]
pub struct SyntaxTree {
    text: Box<str>,
    elements: Vec<Element>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
struct Element {
    kind: SyntaxKind,
    range: TextRange,
    /// Index one past the element's last descendant, which is also its next sibling's index.
    subtree_end: u32,
}

const DETACHED: Element = Element {
    kind: SyntaxKind::Error,
    range: TextRange::new_const(0, 0),
    subtree_end: 0,
};

impl SyntaxTree {
    /// The source text the tree covers.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The root `DOCUMENT` node.
    pub fn root(&self) -> SyntaxNode<'_> {
        SyntaxNode { tree: self, idx: 0 }
    }

    /// The element at `idx`, as recorded while building.
    pub(crate) fn node_at(&self, idx: u32) -> Option<SyntaxNode<'_>> {
        ((idx as usize) < self.elements.len()).then_some(SyntaxNode { tree: self, idx })
    }

    fn element(&self, idx: u32) -> &Element {
        self.elements.get(idx as usize).unwrap_or(&DETACHED)
    }

    /// The number of nodes and tokens in the tree.
    pub fn len(&self) -> usize {
        self.elements.len()
    }

    /// Whether the tree has no elements (it always has at least the root).
    pub fn is_empty(&self) -> bool {
        self.elements.is_empty()
    }
}

/// A node or token in a [`SyntaxTree`]: a cheap, copyable handle.
///
/// Tokens are the leaves (their kind answers [`SyntaxKind::is_token`]); nodes group them.
#[derive(Clone, Copy)]
pub struct SyntaxNode<'a> {
    tree: &'a SyntaxTree,
    idx: u32,
}

impl<'a> SyntaxNode<'a> {
    /// The node's kind.
    pub fn kind(self) -> SyntaxKind {
        self.tree.element(self.idx).kind
    }

    /// The byte range the node covers.
    pub fn range(self) -> TextRange {
        self.tree.element(self.idx).range
    }

    /// The source text the node covers.
    pub fn text(self) -> &'a str {
        self.tree
            .text
            .get(self.range().to_usize())
            .unwrap_or_default()
    }

    /// Whether this is a token (a leaf).
    pub fn is_token(self) -> bool {
        self.kind().is_token()
    }

    /// The direct children, nodes and tokens, in source order.
    pub fn children(self) -> Children<'a> {
        let element = self.tree.element(self.idx);
        Children {
            tree: self.tree,
            next: self.idx + 1,
            end: element.subtree_end,
        }
    }

    /// The direct children that are nodes (not tokens).
    pub fn child_nodes(self) -> impl Iterator<Item = SyntaxNode<'a>> {
        self.children().filter(|child| !child.is_token())
    }

    /// The first direct child of `kind`.
    pub fn child(self, kind: SyntaxKind) -> Option<SyntaxNode<'a>> {
        self.children().find(|child| child.kind() == kind)
    }

    /// The direct children of `kind`.
    pub fn children_of(self, kind: SyntaxKind) -> impl Iterator<Item = SyntaxNode<'a>> {
        self.children().filter(move |child| child.kind() == kind)
    }

    /// The node itself and all its descendants, in pre-order.
    pub fn descendants(self) -> impl Iterator<Item = SyntaxNode<'a>> {
        let tree = self.tree;
        let end = tree.element(self.idx).subtree_end;
        (self.idx..end).map(move |idx| SyntaxNode { tree, idx })
    }

    /// The tokens under this node, in source order.
    pub fn tokens(self) -> impl Iterator<Item = SyntaxNode<'a>> {
        self.descendants().filter(|element| element.is_token())
    }

    /// The deepest element whose range contains `offset`, preferring the one that starts there.
    pub fn covering_element(self, offset: u32) -> SyntaxNode<'a> {
        let mut current = self;
        'descend: loop {
            for child in current.children() {
                let range = child.range();
                if range.start() <= offset && offset < range.end() {
                    current = child;
                    continue 'descend;
                }
            }
            return current;
        }
    }

    /// An indented dump of the subtree: one line per element with its kind and range, tokens with their text.
    pub fn debug_dump(self) -> String {
        let mut out = String::new();
        self.dump_into(&mut out, 0);
        out
    }

    fn dump_into(self, out: &mut String, depth: usize) {
        for _ in 0..depth {
            out.push_str("  ");
        }
        let range = self.range();
        let _ = write!(out, "{}@{}..{}", self.kind(), range.start(), range.end());
        if self.is_token() {
            let _ = write!(out, " {:?}", self.text());
        }
        out.push('\n');
        for child in self.children() {
            child.dump_into(out, depth + 1);
        }
    }
}

impl fmt::Debug for SyntaxNode<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}@{:?}", self.kind(), self.range())
    }
}

impl PartialEq for SyntaxNode<'_> {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.tree, other.tree) && self.idx == other.idx
    }
}

impl Eq for SyntaxNode<'_> {}

impl Serialize for SyntaxNode<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut state = serializer.serialize_struct("SyntaxNode", 3)?;
        state.serialize_field("kind", &self.kind())?;
        state.serialize_field("range", &[self.range().start(), self.range().end()])?;
        if self.is_token() {
            state.serialize_field("text", self.text())?;
        } else {
            let children: Vec<SyntaxNode<'_>> = self.children().collect();
            state.serialize_field("children", &children)?;
        }
        state.end()
    }
}

/// The direct children of a node.
#[derive(Clone)]
pub struct Children<'a> {
    tree: &'a SyntaxTree,
    next: u32,
    end: u32,
}

impl<'a> Iterator for Children<'a> {
    type Item = SyntaxNode<'a>;

    fn next(&mut self) -> Option<SyntaxNode<'a>> {
        if self.next >= self.end {
            return None;
        }
        let child = SyntaxNode {
            tree: self.tree,
            idx: self.next,
        };
        // A detached element has subtree_end 0; stop rather than loop.
        self.next = self.tree.element(self.next).subtree_end.max(self.next + 1);
        Some(child)
    }
}

/// Builds a [`SyntaxTree`] from start/token/finish events.
///
/// Tokens take the text from the current position up to the offset they are given, so the
/// tree cannot skip or repeat a byte: losslessness holds by construction.
pub(crate) struct TreeBuilder<'t> {
    text: &'t str,
    elements: Vec<Element>,
    open: Vec<u32>,
    pos: u32,
}

impl<'t> TreeBuilder<'t> {
    pub(crate) fn new(text: &'t str) -> TreeBuilder<'t> {
        let mut builder = TreeBuilder {
            text,
            // Realistic files need about one element per six bytes; one allocation holds them.
            elements: Vec::with_capacity(text.len() / 6 + 4),
            open: Vec::new(),
            pos: 0,
        };
        builder.start(SyntaxKind::Document);
        builder
    }

    /// The index the next started node or token will have.
    pub(crate) fn next_index(&self) -> u32 {
        self.elements.len() as u32
    }

    /// The offset up to which text has been consumed by tokens.
    pub(crate) fn pos(&self) -> u32 {
        self.pos
    }

    /// Opens a node of `kind` at the current position.
    pub(crate) fn start(&mut self, kind: SyntaxKind) {
        debug_assert!(!kind.is_token(), "{kind} is a token kind");
        self.open.push(self.elements.len() as u32);
        self.elements.push(Element {
            kind,
            range: TextRange::empty(self.pos),
            subtree_end: 0,
        });
    }

    /// Adds a token of `kind` covering the text from the current position to `end`.
    /// Does nothing when `end` is not past the current position.
    pub(crate) fn token(&mut self, kind: SyntaxKind, end: u32) {
        debug_assert!(kind.is_token(), "{kind} is a node kind");
        let end = end.min(self.text.len() as u32);
        if end <= self.pos {
            return;
        }
        let idx = self.elements.len() as u32;
        self.elements.push(Element {
            kind,
            range: TextRange::new(self.pos, end),
            subtree_end: idx + 1,
        });
        self.pos = end;
    }

    /// Adds a whitespace token up to `end`, if there is any text before it.
    pub(crate) fn whitespace(&mut self, end: u32) {
        self.token(SyntaxKind::Whitespace, end);
    }

    /// Closes the innermost open node.
    pub(crate) fn finish(&mut self) {
        if self.open.len() <= 1 {
            debug_assert!(false, "finish without a matching start");
            return;
        }
        self.close_innermost();
    }

    fn close_innermost(&mut self) {
        if let Some(idx) = self.open.pop() {
            let subtree_end = self.elements.len() as u32;
            let pos = self.pos;
            if let Some(element) = self.elements.get_mut(idx as usize) {
                element.range = TextRange::new(element.range.start(), pos);
                element.subtree_end = subtree_end;
            }
        }
    }

    /// Closes the document. Text no token took (a parser bug) becomes an `ERROR` node so that
    /// the tree stays lossless.
    pub(crate) fn finish_tree(mut self) -> SyntaxTree {
        debug_assert_eq!(
            self.open.len(),
            1,
            "unclosed nodes at the end of the document"
        );
        let len = self.text.len() as u32;
        debug_assert_eq!(self.pos, len, "text left over at the end of the document");
        if self.pos < len {
            self.start(SyntaxKind::Error);
            self.token(SyntaxKind::Text, len);
            self.close_innermost();
        }
        while !self.open.is_empty() {
            self.close_innermost();
        }
        SyntaxTree {
            text: self.text.into(),
            elements: self.elements,
        }
    }
}
