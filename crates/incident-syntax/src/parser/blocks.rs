//! Block structure: sections, headings, paragraphs, lists, code, HTML, quotes and tables.
//!
//! Blocks are found in two passes over a run of lines: `scan` decides where each block starts
//! and ends without emitting anything, then `emit_block` builds its nodes. Lists recurse: an
//! item's lines, with its indentation stripped, are scanned and emitted the same way.

use std::ops::Range;

use crate::SyntaxKind;

use super::lines::{
    ListMarker, MarkerKind, atx_level, ends_lazy_continuation, fence_open, indentation,
    indentation_at, interrupts_paragraph, is_blank, is_fence_close, is_html_start,
    is_thematic_break, list_marker, setext_level, strip_columns_at,
};
use super::{Context, Parser, View};

/// How deep lists nest before deeper lines are kept as plain text. Real write-ups stay far
/// below; the limit bounds recursion and rescanning on adversarial input.
const MAX_LIST_DEPTH: u32 = 16;

#[derive(Clone, Debug)]
pub(super) enum BlockKind {
    Blank,
    AtxHeading { level: u8 },
    SetextHeading { level: u8 },
    Paragraph,
    FencedCode { fence_char: u8, fence_len: usize },
    IndentedCode,
    HtmlComment,
    Html,
    Directive,
    ThematicBreak,
    BlockQuote,
    Table,
    List { items: Vec<Range<usize>> },
}

/// A block: its kind and the range of views (indices into the scanned slice) it covers.
#[derive(Clone, Debug)]
pub(super) struct Block {
    pub(super) kind: BlockKind,
    pub(super) views: Range<usize>,
}

impl Block {
    fn heading_level(&self) -> Option<u8> {
        match self.kind {
            BlockKind::AtxHeading { level } | BlockKind::SetextHeading { level } => Some(level),
            _ => None,
        }
    }
}

impl Parser<'_> {
    /// Splits the document body into a preamble and level-2 sections, and emits them.
    pub(super) fn sections_and_preamble(&mut self, views: &[View]) {
        let blocks = self.scan(views);
        let section_starts: Vec<usize> = blocks
            .iter()
            .enumerate()
            .filter(|(_, block)| block.heading_level() == Some(2))
            .map(|(block_idx, _)| block_idx)
            .collect();
        let preamble_end = section_starts.first().copied().unwrap_or(blocks.len());
        let outside = Context {
            section: None,
            list_depth: 0,
        };
        if preamble_end > 0 {
            self.builder.start(SyntaxKind::Preamble);
            for block in blocks.get(..preamble_end).unwrap_or_default() {
                self.emit_block(views, block, outside);
            }
            self.builder.finish();
        }
        for (nth, &start) in section_starts.iter().enumerate() {
            let end = section_starts.get(nth + 1).copied().unwrap_or(blocks.len());
            let section_blocks = blocks.get(start..end).unwrap_or_default();
            let Some(heading) = section_blocks.first() else {
                continue;
            };
            let kind = self
                .section_table
                .kind_of(&self.heading_name(views, heading));
            self.sections.push((self.builder.next_index(), kind));
            let inside = Context {
                section: Some(kind),
                list_depth: 0,
            };
            self.builder.start(SyntaxKind::Section);
            for block in section_blocks {
                self.emit_block(views, block, inside);
            }
            self.builder.finish();
        }
    }

    /// The text of a heading block without markers, lines joined by a space.
    fn heading_name(&self, views: &[View], heading: &Block) -> String {
        let heading_views = views.get(heading.views.clone()).unwrap_or_default();
        match heading.kind {
            BlockKind::AtxHeading { .. } => heading_views
                .first()
                .map(|&view| {
                    let (start, end) = atx_text_range(self.content(view));
                    self.content(view)
                        .get(start..end)
                        .unwrap_or_default()
                        .to_owned()
                })
                .unwrap_or_default(),
            _ => {
                let text_lines = heading_views.len().saturating_sub(1);
                let names: Vec<&str> = heading_views
                    .iter()
                    .take(text_lines)
                    .map(|&view| self.content(view).trim())
                    .collect();
                names.join(" ")
            }
        }
    }

    /// Finds the blocks in a run of views.
    pub(super) fn scan(&self, views: &[View]) -> Vec<Block> {
        let mut blocks = Vec::new();
        let mut view_idx = 0;
        while view_idx < views.len() {
            let block = self.scan_one(views, view_idx);
            debug_assert!(block.views.end > view_idx, "block scan made no progress");
            view_idx = block.views.end.max(view_idx + 1);
            blocks.push(block);
        }
        blocks
    }

    fn scan_one(&self, views: &[View], first: usize) -> Block {
        let block = |kind, end| Block {
            kind,
            views: first..end,
        };
        let content = self.view_content(views, first);
        let (indent_cols, indent_bytes) = self.view_indent(views, first);
        let trimmed = content.get(indent_bytes..).unwrap_or_default();
        if trimmed.is_empty() {
            return block(BlockKind::Blank, first + 1);
        }
        if indent_cols >= 4 {
            let mut last = first;
            for view_idx in first + 1..views.len() {
                let line = self.view_content(views, view_idx);
                if is_blank(line) {
                    continue;
                }
                if self.view_indent(views, view_idx).0 < 4 {
                    break;
                }
                last = view_idx;
            }
            return block(BlockKind::IndentedCode, last + 1);
        }
        if let Some((fence_char, fence_len)) = fence_open(trimmed) {
            let mut end = views.len();
            for view_idx in first + 1..views.len() {
                let line = self.view_content(views, view_idx);
                let (cols, bytes) = self.view_indent(views, view_idx);
                if cols < 4
                    && is_fence_close(line.get(bytes..).unwrap_or_default(), fence_char, fence_len)
                {
                    end = view_idx + 1;
                    break;
                }
            }
            return block(
                BlockKind::FencedCode {
                    fence_char,
                    fence_len,
                },
                end,
            );
        }
        if let Some(level) = atx_level(trimmed) {
            return block(BlockKind::AtxHeading { level }, first + 1);
        }
        if let Some(after_open) = trimmed.strip_prefix("<!--") {
            let end = if after_open.contains("-->") {
                first + 1
            } else {
                (first + 1..views.len())
                    .find(|&view_idx| self.view_content(views, view_idx).contains("-->"))
                    .map_or(views.len(), |closing| closing + 1)
            };
            let last_line = self.view_content(views, end - 1).trim();
            let is_directive = if end == first + 1 {
                super::items::is_directive(trimmed)
            } else {
                super::items::opens_directive(trimmed)
                    && !after_open.contains("-->")
                    && super::items::closes_directive(last_line)
            };
            let kind = if is_directive {
                BlockKind::Directive
            } else {
                BlockKind::HtmlComment
            };
            return block(kind, end);
        }
        if is_html_start(trimmed) {
            return block(BlockKind::Html, self.end_at_blank(views, first));
        }
        if is_thematic_break(trimmed) {
            return block(BlockKind::ThematicBreak, first + 1);
        }
        if trimmed.starts_with('>') {
            // Lines starting with `>` and lazy continuation lines; another block ends the quote.
            let mut end = first + 1;
            while end < views.len() {
                let line = self.view_content(views, end);
                let (cols, bytes) = self.view_indent(views, end);
                let line_trimmed = line.get(bytes..).unwrap_or_default();
                let continues = line_trimmed.starts_with('>')
                    || (!line_trimmed.is_empty() && !interrupts_paragraph(cols, line_trimmed));
                if !continues {
                    break;
                }
                end += 1;
            }
            return block(BlockKind::BlockQuote, end);
        }
        if trimmed.starts_with('|') {
            let mut end = first + 1;
            while end < views.len() && self.view_content(views, end).trim_start().starts_with('|') {
                end += 1;
            }
            return block(BlockKind::Table, end);
        }
        if let Some(marker) = list_marker(trimmed) {
            return self.scan_list(views, first, marker);
        }
        let mut end = first + 1;
        while end < views.len() {
            let line = self.view_content(views, end);
            let (cols, bytes) = self.view_indent(views, end);
            let line_trimmed = line.get(bytes..).unwrap_or_default();
            if line_trimmed.is_empty() {
                break;
            }
            if cols < 4 {
                if let Some(level) = setext_level(line_trimmed) {
                    return block(BlockKind::SetextHeading { level }, end + 1);
                }
            }
            if interrupts_paragraph(cols, line_trimmed) {
                break;
            }
            end += 1;
        }
        block(BlockKind::Paragraph, end)
    }

    /// The column where an item's content starts (counted from the line start): after the
    /// marker and one to four spaces, or one column after the marker when more follow.
    fn item_content_column(&self, view: Option<View>, marker: ListMarker) -> usize {
        let Some(view) = view else {
            return marker.len + 1;
        };
        let line = self.content(view);
        let (indent_cols, indent_bytes) = self.indent(view);
        let marker_end = view.col + indent_cols + marker.len;
        let after_marker = line.get(indent_bytes + marker.len..).unwrap_or_default();
        let (space_cols, _) = indentation_at(after_marker, marker_end);
        if is_blank(after_marker) || space_cols > 4 {
            marker_end + 1
        } else {
            marker_end + space_cols
        }
    }

    fn view_col(&self, views: &[View], view_idx: usize) -> usize {
        views.get(view_idx).map_or(0, |view| view.col)
    }

    fn view_indent(&self, views: &[View], view_idx: usize) -> (usize, usize) {
        views
            .get(view_idx)
            .map_or((0, 0), |&view| self.indent(view))
    }

    fn view_content(&self, views: &[View], view_idx: usize) -> &str {
        views
            .get(view_idx)
            .map(|&view| self.content(view))
            .unwrap_or_default()
    }

    /// The end of a block that runs until a blank line.
    fn end_at_blank(&self, views: &[View], first: usize) -> usize {
        let mut end = first + 1;
        while end < views.len() && !is_blank(self.view_content(views, end)) {
            end += 1;
        }
        end
    }

    fn scan_list(&self, views: &[View], first: usize, first_marker: ListMarker) -> Block {
        let mut items = Vec::new();
        let mut item_start = first;
        let mut marker = first_marker;
        loop {
            let content_col = self.item_content_column(views.get(item_start).copied(), marker);
            let mut last = item_start;
            let mut view_idx = item_start + 1;
            // A fence open inside the item: its lines are code, never lazy continuations.
            let mut open_fence: Option<(u8, usize)> = None;
            while view_idx < views.len() {
                let line = self.view_content(views, view_idx);
                let (cols, bytes) = self.view_indent(views, view_idx);
                let line_trimmed = line.get(bytes..).unwrap_or_default();
                let belongs = if line_trimmed.is_empty() {
                    view_idx += 1;
                    continue;
                } else if self.view_col(views, view_idx) + cols >= content_col {
                    true
                } else {
                    view_idx == last + 1
                        && open_fence.is_none()
                        && !ends_lazy_continuation(cols, line_trimmed)
                };
                if !belongs {
                    break;
                }
                open_fence = match open_fence {
                    Some((fence_char, fence_len)) => {
                        (!is_fence_close(line_trimmed, fence_char, fence_len))
                            .then_some((fence_char, fence_len))
                    }
                    None => fence_open(line_trimmed),
                };
                last = view_idx;
                view_idx += 1;
            }
            items.push(item_start..last + 1);
            let mut next = last + 1;
            while next < views.len() && is_blank(self.view_content(views, next)) {
                next += 1;
            }
            let next_line = self.view_content(views, next);
            let (cols, bytes) = self.view_indent(views, next);
            let sibling =
                (next < views.len() && cols < 4 && self.view_col(views, next) + cols < content_col)
                    .then(|| list_marker(next_line.get(bytes..).unwrap_or_default()))
                    .flatten()
                    .filter(|next_marker| same_list(next_marker.kind, marker.kind));
            match sibling {
                Some(next_marker) => {
                    item_start = next;
                    marker = next_marker;
                }
                None => break,
            }
        }
        let end = items.last().map_or(first + 1, |item| item.end);
        Block {
            kind: BlockKind::List { items },
            views: first..end,
        }
    }

    /// Emits the blocks of a run of views.
    pub(super) fn emit_blocks(&mut self, views: &[View], cx: Context) {
        for block in self.scan(views) {
            self.emit_block(views, &block, cx);
        }
    }

    fn emit_block(&mut self, views: &[View], block: &Block, cx: Context) {
        let block_views = views.get(block.views.clone()).unwrap_or_default();
        let Some(&first) = block_views.first() else {
            return;
        };
        // The container's indentation before a block stays outside the block's node.
        self.builder.whitespace(first.start);
        match &block.kind {
            BlockKind::Blank => self.plain_line(first, SyntaxKind::Whitespace),
            BlockKind::AtxHeading { .. } => self.atx_heading(first),
            BlockKind::SetextHeading { .. } => {
                self.builder.start(SyntaxKind::Heading);
                let (underline, text_lines) = block_views.split_last().unwrap_or((&first, &[]));
                for &view in text_lines {
                    self.inline_line(view);
                }
                let content = self.content(*underline);
                let (_, indent) = indentation(content);
                let marker_end = underline.start + content.trim_end().len() as u32;
                self.builder.whitespace(underline.start + indent as u32);
                self.builder.token(SyntaxKind::Punct, marker_end);
                self.newline(underline.line);
                self.builder.finish();
            }
            BlockKind::Paragraph => {
                self.builder.start(SyntaxKind::Paragraph);
                for &view in block_views {
                    self.inline_line(view);
                }
                self.builder.finish();
            }
            BlockKind::FencedCode {
                fence_char,
                fence_len,
            } => self.fenced_code(block_views, *fence_char, *fence_len),
            BlockKind::IndentedCode => self.lines_node(SyntaxKind::CodeBlock, block_views),
            BlockKind::HtmlComment | BlockKind::Html => {
                self.lines_node(SyntaxKind::HtmlBlock, block_views)
            }
            BlockKind::Directive => {
                let last = block_views.last().copied().unwrap_or(first);
                self.directive(first, last)
            }
            BlockKind::ThematicBreak => {
                self.builder.start(SyntaxKind::ThematicBreak);
                self.plain_line(first, SyntaxKind::Punct);
                self.builder.finish();
            }
            BlockKind::BlockQuote => self.lines_node(SyntaxKind::BlockQuote, block_views),
            BlockKind::Table => self.lines_node(SyntaxKind::Table, block_views),
            BlockKind::List { items } => {
                self.builder.start(SyntaxKind::List);
                let mut previous_end = block.views.start;
                for item in items {
                    // Blank lines between items belong to the list, not to an item.
                    for &view in views.get(previous_end..item.start).unwrap_or_default() {
                        self.plain_line(view, SyntaxKind::Whitespace);
                    }
                    self.list_item(views.get(item.clone()).unwrap_or_default(), cx);
                    previous_end = item.end;
                }
                self.builder.finish();
            }
        }
    }

    /// A node whose lines are each one `TEXT` token.
    fn lines_node(&mut self, kind: SyntaxKind, block_views: &[View]) {
        self.builder.start(kind);
        for &view in block_views {
            self.plain_line(view, SyntaxKind::Text);
        }
        self.builder.finish();
    }

    fn atx_heading(&mut self, view: View) {
        let content = self.content(view);
        let (_, indent) = indentation(content);
        let (text_start, text_end) = atx_text_range(content);
        let hashes_end = indent
            + content
                .get(indent..)
                .unwrap_or_default()
                .bytes()
                .take_while(|&b| b == b'#')
                .count();
        self.builder.start(SyntaxKind::Heading);
        self.builder.whitespace(view.start + indent as u32);
        self.builder
            .token(SyntaxKind::Hashes, view.start + hashes_end as u32);
        self.builder
            .whitespace(view.start + text_start.max(hashes_end) as u32);
        if text_end > text_start {
            self.inline(view.start + text_start as u32, view.start + text_end as u32);
        }
        let trimmed_len = content.trim_end().len();
        let text_end = text_end.max(hashes_end);
        if trimmed_len > text_end {
            let closing = content.get(text_end..trimmed_len).unwrap_or_default();
            let closing_start = text_end + (closing.len() - closing.trim_start().len());
            self.builder.whitespace(view.start + closing_start as u32);
            self.builder
                .token(SyntaxKind::Hashes, view.start + trimmed_len as u32);
        }
        self.newline(view.line);
        self.builder.finish();
    }

    fn fenced_code(&mut self, block_views: &[View], fence_char: u8, fence_len: usize) {
        self.builder.start(SyntaxKind::CodeBlock);
        for (nth, &view) in block_views.iter().enumerate() {
            let content = self.content(view);
            let (cols, indent) = self.indent(view);
            let trimmed = content.get(indent..).unwrap_or_default();
            let is_opener = nth == 0;
            let is_closer = nth > 0 && cols < 4 && is_fence_close(trimmed, fence_char, fence_len);
            if is_opener || is_closer {
                let run = trimmed.bytes().take_while(|&b| b == fence_char).count();
                let fence_start = view.start + indent as u32;
                self.builder.whitespace(fence_start);
                self.builder
                    .token(SyntaxKind::Fence, fence_start + run as u32);
                let info = trimmed.get(run..).unwrap_or_default();
                let info_start =
                    fence_start + run as u32 + (info.len() - info.trim_start().len()) as u32;
                self.builder.whitespace(info_start);
                self.builder.token(
                    SyntaxKind::Text,
                    fence_start + run as u32 + info.trim_end().len() as u32,
                );
                self.newline(view.line);
            } else {
                self.plain_line(view, SyntaxKind::Text);
            }
        }
        self.builder.finish();
    }

    /// Emits one list item: marker, the head (first line and its continuation lines), nested blocks.
    fn list_item(&mut self, item_views: &[View], cx: Context) {
        let Some((&first, rest)) = item_views.split_first() else {
            return;
        };
        let content = self.content(first);
        let (_, indent) = self.indent(first);
        let trimmed = content.get(indent..).unwrap_or_default();
        let Some(marker) = list_marker(trimmed) else {
            return;
        };
        let content_col = self.item_content_column(Some(first), marker);
        let marker_start = first.start + indent as u32;
        self.builder.whitespace(first.start);
        self.builder.start(SyntaxKind::ListItem);
        self.builder.whitespace(marker_start);
        self.builder
            .token(SyntaxKind::Marker, marker_start + marker.len as u32);
        let after_marker = trimmed.get(marker.len..).unwrap_or_default();
        let head_start = marker_start
            + marker.len as u32
            + (after_marker.len() - after_marker.trim_start().len()) as u32;

        // The head: the first line's text and the lines that continue it.
        let mut head_views = vec![View {
            line: first.line,
            start: head_start,
            col: content_col,
        }];
        let mut nested_start = 0;
        if !is_blank(after_marker) {
            for &view in rest {
                let line = self.content(view);
                let (cols, bytes) = self.indent(view);
                let line_trimmed = line.get(bytes..).unwrap_or_default();
                let line_col = view.col + cols;
                let ends_head = if line_col < content_col {
                    ends_lazy_continuation(cols, line_trimmed)
                } else {
                    interrupts_paragraph(line_col - content_col, line_trimmed)
                };
                if line_trimmed.is_empty() || ends_head {
                    break;
                }
                head_views.push(View {
                    line: view.line,
                    start: view.start + bytes as u32,
                    col: view.col + cols,
                });
                nested_start += 1;
            }
            self.builder.whitespace(head_start);
            self.item_head(&head_views, cx);
        }
        self.newline(
            first
                .line
                .max(head_views.last().map_or(first.line, |view| view.line)),
        );

        let nested: Vec<View> = rest
            .get(nested_start..)
            .unwrap_or_default()
            .iter()
            .map(|&view| {
                // Columns count from the line start; the item's content starts at `content_col`.
                let (bytes, col) = strip_columns_at(
                    self.content(view),
                    view.col,
                    content_col.saturating_sub(view.col),
                );
                View {
                    line: view.line,
                    start: view.start + bytes as u32,
                    col,
                }
            })
            .collect();
        let nested_cx = Context {
            list_depth: cx.list_depth + 1,
            ..cx
        };
        if cx.list_depth + 1 >= MAX_LIST_DEPTH {
            // Past this depth, nested lines are kept as plain text: no recursion, no rescans.
            if !nested.is_empty() {
                self.lines_node(SyntaxKind::Paragraph, &nested);
            }
        } else {
            self.emit_blocks(&nested, nested_cx);
        }
        self.builder.finish();
    }
}

fn same_list(a: MarkerKind, b: MarkerKind) -> bool {
    a == b
}

/// The byte range of an ATX heading's text within its line: after the opening hashes and
/// space, before an optional closing sequence of hashes.
fn atx_text_range(content: &str) -> (usize, usize) {
    let (_, indent) = indentation(content);
    let after_indent = content.get(indent..).unwrap_or_default();
    let hashes = after_indent.bytes().take_while(|&b| b == b'#').count();
    let after_hashes = after_indent.get(hashes..).unwrap_or_default();
    let text_start = indent + hashes + (after_hashes.len() - after_hashes.trim_start().len());
    let trimmed_end = content.trim_end().len();
    let without_closing = content
        .get(..trimmed_end)
        .unwrap_or_default()
        .trim_end_matches('#');
    // A closing sequence needs a space before it; `## C#` keeps its `#`.
    let text_end = if without_closing.len() < trimmed_end
        && without_closing.ends_with([' ', '\t'])
        && without_closing.len() >= text_start
    {
        without_closing.trim_end().len()
    } else {
        trimmed_end
    };
    (text_start, text_end.max(text_start))
}
