//! The resilient parser: a hand-written loop over lines and blocks, with nom for the small pieces.
//!
//! Parsing never fails. A malformed piece becomes an `ERROR` node with a [`SyntaxError`], and
//! parsing goes on at the next line, so one mistake leaves the rest of the tree unchanged.

mod blocks;
mod front_matter;
mod inline;
mod items;
mod lines;

use serde::Serialize;

use crate::section::{SectionKind, SectionTable};
use crate::tree::{SyntaxTree, TreeBuilder};
use crate::{SyntaxKind, SyntaxNode, TextRange};

pub use self::items::trailing_milestone;
use self::lines::Line;

/// The result of parsing: the lossless tree and the syntax errors found on the way.
#[derive(Clone)]
pub struct Parse {
    tree: SyntaxTree,
    errors: Vec<SyntaxError>,
    /// Each section's element index in the tree and its kind, in source order.
    sections: Vec<(u32, SectionKind)>,
}

impl Parse {
    /// The syntax tree.
    pub fn tree(&self) -> &SyntaxTree {
        &self.tree
    }

    /// The root `DOCUMENT` node.
    pub fn root(&self) -> SyntaxNode<'_> {
        self.tree.root()
    }

    /// The source text.
    pub fn text(&self) -> &str {
        self.tree.text()
    }

    /// The syntax errors, in source order.
    pub fn errors(&self) -> &[SyntaxError] {
        &self.errors
    }

    /// The first broken invariant of the tree, or `None` when all hold: the tokens tile the
    /// text with no gap, overlap or empty token; every node lies in bounds, on char
    /// boundaries, inside its parent; every error points into the text. The property tests
    /// and the fuzz target check every parse with it.
    pub fn invariant_violation(&self) -> Option<String> {
        let text = self.text();
        let root = self.root();
        if root.range().start() != 0 || root.range().end() as usize != text.len() {
            return Some(format!(
                "the root {root:?} does not cover the text ({} bytes)",
                text.len()
            ));
        }
        let mut expected_start = 0;
        for token in root.tokens() {
            if token.range().start() != expected_start {
                return Some(format!("gap or overlap before {token:?}"));
            }
            if token.range().is_empty() {
                return Some(format!("empty token {token:?}"));
            }
            expected_start = token.range().end();
        }
        if expected_start as usize != text.len() {
            return Some(format!("tokens stop at {expected_start}"));
        }
        for node in root.descendants() {
            let range = node.range();
            if !text.is_char_boundary(range.start() as usize)
                || !text.is_char_boundary(range.end() as usize)
            {
                return Some(format!("{node:?} does not lie on char boundaries"));
            }
            if let Some(child) = node
                .children()
                .find(|child| !range.contains_range(child.range()))
            {
                return Some(format!("{child:?} escapes {node:?}"));
            }
        }
        self.errors
            .iter()
            .find(|error| {
                error.range.end() as usize > text.len()
                    || !text.is_char_boundary(error.range.start() as usize)
                    || !text.is_char_boundary(error.range.end() as usize)
            })
            .map(|error| format!("error out of bounds: {error:?}"))
    }

    /// The `SECTION` nodes with the kind the section table gave each, in source order.
    pub fn sections(&self) -> impl Iterator<Item = (SyntaxNode<'_>, SectionKind)> {
        self.sections
            .iter()
            .filter_map(|&(idx, kind)| Some((self.tree.node_at(idx)?, kind)))
    }

    /// The section at position `index` among the sections, and its kind.
    pub fn section(&self, index: usize) -> Option<(SyntaxNode<'_>, SectionKind)> {
        let &(idx, kind) = self.sections.get(index)?;
        Some((self.tree.node_at(idx)?, kind))
    }
}

/// A malformed piece of the input: what is wrong and where.
#[derive(Clone, PartialEq, Eq, Debug, Serialize)]
pub struct SyntaxError {
    /// What is wrong and how to write it instead, lowercase, without a trailing period.
    pub message: String,
    /// The malformed text.
    pub range: TextRange,
}

/// Parses `text` with the default section names.
pub fn parse(text: &str) -> Parse {
    parse_with(text, &SectionTable::default())
}

/// Parses `text`, naming sections through `sections` (which may carry a team's aliases).
pub fn parse_with(text: &str, sections: &SectionTable) -> Parse {
    // Offsets are u32. Larger inputs are refused at the file boundary; here the tail is dropped
    // from parsing rather than overflowing, so this function still cannot fail.
    let text = truncate_to_u32(text);
    let mut parser = Parser {
        text,
        lines: lines::split_lines(text),
        builder: TreeBuilder::new(text),
        errors: Vec::new(),
        section_table: sections,
        sections: Vec::new(),
    };
    parser.document();
    Parse {
        tree: parser.builder.finish_tree(),
        errors: parser.errors,
        sections: parser.sections,
    }
}

fn truncate_to_u32(text: &str) -> &str {
    let max = u32::MAX as usize;
    if text.len() <= max {
        return text;
    }
    let boundary = crate::line_index::floor_char_boundary(text, u32::MAX) as usize;
    text.get(..boundary).unwrap_or_default()
}

/// A line as a container sees it: `start` is where the container's content begins, after the
/// indentation that nested list items strip.
#[derive(Clone, Copy, Debug)]
struct View {
    line: usize,
    start: u32,
    /// The column at `start`, for tab stops.
    col: usize,
}

/// Where a block sits, which decides how its list items read.
#[derive(Clone, Copy, Debug)]
struct Context {
    section: Option<SectionKind>,
    list_depth: u32,
}

struct Parser<'t> {
    text: &'t str,
    lines: Vec<Line>,
    builder: TreeBuilder<'t>,
    errors: Vec<SyntaxError>,
    section_table: &'t SectionTable,
    sections: Vec<(u32, SectionKind)>,
}

impl<'t> Parser<'t> {
    fn document(&mut self) {
        if self.text.starts_with('\u{feff}') {
            self.builder.token(SyntaxKind::Bom, 3);
        }
        let first_line = if self.starts_with_front_matter() {
            self.front_matter()
        } else {
            0
        };
        let views: Vec<View> = (first_line..self.lines.len())
            .map(|line_idx| View {
                line: line_idx,
                start: self.line(line_idx).start.max(self.builder.pos()),
                col: 0,
            })
            .collect();
        self.sections_and_preamble(&views);
    }

    fn line(&self, line_idx: usize) -> Line {
        self.lines.get(line_idx).copied().unwrap_or(Line {
            start: self.text.len() as u32,
            content_end: self.text.len() as u32,
            end: self.text.len() as u32,
        })
    }

    fn slice(&self, start: u32, end: u32) -> &'t str {
        self.text
            .get(start as usize..end as usize)
            .unwrap_or_default()
    }

    /// The indentation of a view: its width in columns and its length in bytes.
    fn indent(&self, view: View) -> (usize, usize) {
        lines::indentation_at(self.content(view), view.col)
    }

    /// The text of a view, without its line break.
    fn content(&self, view: View) -> &'t str {
        let line = self.line(view.line);
        self.slice(view.start, line.content_end)
    }

    fn error(&mut self, range: TextRange, message: impl Into<String>) {
        self.errors.push(SyntaxError {
            message: message.into(),
            range,
        });
    }

    /// Emits the line break of `line`.
    fn newline(&mut self, line_idx: usize) {
        let line = self.line(line_idx);
        self.builder.whitespace(line.content_end);
        self.builder.token(SyntaxKind::Newline, line.end);
    }

    /// Emits a whole line as one token of `kind` (after the container's indentation), then its break.
    fn plain_line(&mut self, view: View, kind: SyntaxKind) {
        let line = self.line(view.line);
        self.builder.whitespace(view.start);
        self.builder.token(kind, line.content_end);
        self.newline(view.line);
    }

    /// Emits a line whose text is inline content: leading whitespace, inline tokens, trailing whitespace.
    fn inline_line(&mut self, view: View) {
        let content = self.content(view);
        let trimmed = content.trim_matches([' ', '\t']);
        let leading = content.len() - content.trim_start_matches([' ', '\t']).len();
        let text_start = view.start + leading as u32;
        self.builder.whitespace(text_start);
        self.inline(text_start, text_start + trimmed.len() as u32);
        self.newline(view.line);
    }
}

/// The fixed words of the grammar.
pub(crate) mod vocabulary {
    pub use super::items::{DIRECTIVE_VERBS, ITEM_LABELS, MILESTONES, VERDICT_WORDS};
}
