//! Front matter: `key: value` lines between `---` fences at the start of the file.

use crate::{SyntaxKind, TextRange};

use super::Parser;
use super::lines::{indentation, is_blank};

/// What a line inside the front matter is.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum FrontMatterLine {
    Fence,
    Blank,
    Comment,
    Indented,
    Field {
        key_len: usize,
    },
    Malformed,
    /// A line that cannot be a field right after a blank line: the body has started, so it
    /// ends the search for a closing fence.
    Body,
}

impl Parser<'_> {
    pub(super) fn starts_with_front_matter(&self) -> bool {
        let first = self.line(0);
        let content = self.slice(self.builder.pos().max(first.start), first.content_end);
        !self.lines.is_empty() && content.trim_end() == "---"
    }

    /// Parses the front matter that starts on the first line; returns the first line after it.
    pub(super) fn front_matter(&mut self) -> usize {
        // Lines are classified up to the closing fence or the first line of the body: the
        // rest of the file is never looked at.
        let mut kinds: Vec<FrontMatterLine> = Vec::new();
        for line_idx in 1..self.lines.len() {
            let line = self.line(line_idx);
            let mut kind = classify(self.slice(line.start, line.content_end));
            // Prose after a blank line is the document's body, not a malformed field.
            if kind == FrontMatterLine::Malformed && kinds.last() == Some(&FrontMatterLine::Blank) {
                kind = FrontMatterLine::Body;
            }
            kinds.push(kind);
            if matches!(kind, FrontMatterLine::Fence | FrontMatterLine::Body) {
                break;
            }
        }
        let closing = kinds
            .iter()
            .position(|kind| matches!(kind, FrontMatterLine::Fence | FrontMatterLine::Body))
            .filter(|&idx| kinds.get(idx) == Some(&FrontMatterLine::Fence))
            // `kinds[idx]` describes line `idx + 1`; the front matter ends after it.
            .map(|idx| idx + 2);
        let end = match closing {
            Some(closing_line) => closing_line,
            None => {
                // Unclosed: the front matter ends before the first line that cannot belong to it.
                // A `# Title` after a blank line is then a heading rather than a comment.
                let mut end = (0..kinds.len())
                    .find(|&idx| match kinds.get(idx) {
                        Some(FrontMatterLine::Malformed | FrontMatterLine::Body) => true,
                        Some(FrontMatterLine::Comment) => {
                            idx > 0 && kinds.get(idx - 1) == Some(&FrontMatterLine::Blank)
                        }
                        _ => false,
                    })
                    .map_or(kinds.len() + 1, |idx| idx + 1);
                while end > 1 && kinds.get(end - 2) == Some(&FrontMatterLine::Blank) {
                    end -= 1;
                }
                end
            }
        };

        self.builder.start(SyntaxKind::FrontMatter);
        let first = self.line(0);
        self.builder
            .token(SyntaxKind::Fence, first.start.max(self.builder.pos()) + 3);
        self.newline(0);
        if closing.is_none() {
            let fence_start = self
                .builder
                .pos()
                .min(first.content_end)
                .saturating_sub(3)
                .max(first.start);
            self.error(
                TextRange::new(fence_start, first.content_end),
                "front matter is not closed: add a `---` line after the last field",
            );
        }
        let mut line_idx = 1;
        while line_idx < end {
            let kind = kinds
                .get(line_idx - 1)
                .copied()
                .unwrap_or(FrontMatterLine::Malformed);
            let line = self.line(line_idx);
            match kind {
                FrontMatterLine::Fence => {
                    self.builder.token(SyntaxKind::Fence, line.start + 3);
                    self.newline(line_idx);
                }
                FrontMatterLine::Blank => self.newline(line_idx),
                FrontMatterLine::Comment => {
                    let (_, indent) = indentation(self.slice(line.start, line.content_end));
                    self.builder.whitespace(line.start + indent as u32);
                    self.builder.token(SyntaxKind::Comment, line.content_end);
                    self.newline(line_idx);
                }
                FrontMatterLine::Field { key_len } => {
                    let mut block_end = line_idx + 1;
                    let mut last_indented = line_idx;
                    while block_end < end {
                        match kinds.get(block_end - 1) {
                            Some(FrontMatterLine::Indented) => last_indented = block_end,
                            Some(FrontMatterLine::Blank) => {}
                            _ => break,
                        }
                        block_end += 1;
                    }
                    self.field(line_idx, key_len, last_indented);
                    line_idx = last_indented;
                }
                FrontMatterLine::Indented | FrontMatterLine::Malformed | FrontMatterLine::Body => {
                    let content = self.slice(line.start, line.content_end);
                    let (_, indent) = indentation(content);
                    let range = TextRange::new(
                        line.start + indent as u32,
                        line.start + content.trim_end().len() as u32,
                    );
                    let message = if kind == FrontMatterLine::Indented {
                        "indented line outside a field: indent only the items of a field's list or map"
                    } else {
                        "expected `key: value` in the front matter"
                    };
                    self.error(range, message);
                    self.builder.whitespace(range.start());
                    self.builder.start(SyntaxKind::Error);
                    self.builder.token(SyntaxKind::Text, range.end());
                    self.builder.finish();
                    self.newline(line_idx);
                }
            }
            line_idx += 1;
        }
        self.builder.finish();
        end
    }

    /// A `key: value` field on `line_idx`, with its indented block value up to `last_line`.
    fn field(&mut self, line_idx: usize, key_len: usize, last_line: usize) {
        let line = self.line(line_idx);
        self.builder.start(SyntaxKind::Field);
        let key_end = line.start + key_len as u32;
        self.builder.token(SyntaxKind::Key, key_end);
        self.builder.token(SyntaxKind::Colon, key_end + 1);
        let value = self.slice(key_end + 1, line.content_end);
        let value_start = key_end + 1 + (value.len() - value.trim_start().len()) as u32;
        self.builder.whitespace(value_start);
        self.field_value(value_start, line.content_end);
        self.newline(line_idx);
        if last_line > line_idx {
            self.builder.start(SyntaxKind::BlockValue);
            for block_line_idx in line_idx + 1..=last_line {
                let block_line = self.line(block_line_idx);
                let content = self.slice(block_line.start, block_line.content_end);
                let (_, indent) = indentation(content);
                let text_start = block_line.start + indent as u32;
                let text_end = block_line.start + content.trim_end().len() as u32;
                self.builder.whitespace(text_start);
                let text = self.slice(text_start, text_end);
                if let Some(item) = text
                    .strip_prefix("- ")
                    .or_else(|| (text == "-").then_some(""))
                {
                    self.builder.token(SyntaxKind::Marker, text_start + 1);
                    let item_start = text_end - item.trim_start().len() as u32;
                    self.builder.whitespace(item_start);
                    self.builder.token(SyntaxKind::Scalar, text_end);
                } else {
                    self.builder.token(SyntaxKind::Text, text_end);
                }
                self.newline(block_line_idx);
            }
            self.builder.finish();
        }
        self.builder.finish();
    }

    /// The value after `key:` on one line: a flow list, a quoted or a plain scalar, then an
    /// optional comment.
    fn field_value(&mut self, start: u32, line_end: u32) {
        let text = self.slice(start, line_end);
        if text.trim().is_empty() {
            return;
        }
        let value_end = match flow_list_len(text) {
            Some(len) if only_comment_after(text, len) => self.flow_list(start, line_end),
            None if text.starts_with('[') => self.flow_list(start, line_end),
            _ => {
                self.builder.start(SyntaxKind::FieldValue);
                let end = start + scalar_len(text) as u32;
                self.builder.token(SyntaxKind::Scalar, end);
                self.builder.finish();
                end
            }
        };
        let rest = self.slice(value_end, line_end);
        let comment_start = value_end + (rest.len() - rest.trim_start().len()) as u32;
        let comment_end = value_end + rest.trim_end().len() as u32;
        self.builder.whitespace(comment_start);
        self.builder.token(SyntaxKind::Comment, comment_end);
    }

    /// A flow list `[a, "b", c]` starting at `start`; returns where it ends. An unclosed list is
    /// wrapped in an `ERROR` node.
    fn flow_list(&mut self, start: u32, line_end: u32) -> u32 {
        let text = self.slice(start, line_end);
        let close = flow_list_len(text);
        if close.is_none() {
            self.error(
                TextRange::new(start, start + text.trim_end().len() as u32),
                "flow list is not closed: end it with `]`",
            );
            self.builder.start(SyntaxKind::Error);
        }
        self.builder.start(SyntaxKind::FieldValue);
        self.builder.start(SyntaxKind::FlowList);
        self.builder.token(SyntaxKind::LBrack, start + 1);
        let list_end = start + close.unwrap_or(text.trim_end().len()) as u32;
        let items_end = if close.is_some() {
            list_end - 1
        } else {
            list_end
        };
        let mut pos = start + 1;
        while pos < items_end {
            let rest = self.slice(pos, items_end);
            let Some(next) = rest.chars().next() else {
                break;
            };
            if next == ',' {
                self.builder.token(SyntaxKind::Comma, pos + 1);
                pos += 1;
            } else if next.is_whitespace() {
                let len = rest.len() - rest.trim_start().len();
                self.builder.whitespace(pos + len as u32);
                pos += len as u32;
            } else {
                let len = flow_item_len(rest).max(1);
                self.builder.token(SyntaxKind::Scalar, pos + len as u32);
                pos += len as u32;
            }
        }
        if close.is_some() {
            self.builder.token(SyntaxKind::RBrack, list_end);
        }
        self.builder.finish();
        self.builder.finish();
        if close.is_none() {
            self.builder.finish();
        }
        list_end
    }
}

fn classify(content: &str) -> FrontMatterLine {
    let trimmed_end = content.trim_end();
    if trimmed_end == "---" || trimmed_end == "..." {
        return FrontMatterLine::Fence;
    }
    if is_blank(content) {
        return FrontMatterLine::Blank;
    }
    let (indent_cols, indent_bytes) = indentation(content);
    let trimmed = content.get(indent_bytes..).unwrap_or_default();
    if trimmed.starts_with('#') {
        return FrontMatterLine::Comment;
    }
    if indent_cols > 0 {
        return FrontMatterLine::Indented;
    }
    match key_len(content) {
        Some(key_len) => FrontMatterLine::Field { key_len },
        None => FrontMatterLine::Malformed,
    }
}

/// The length of `key` in a `key:` line: `[A-Za-z_][A-Za-z0-9_-]*` followed by `:` and then
/// whitespace or the end of the line.
fn key_len(line: &str) -> Option<usize> {
    let mut chars = line.char_indices();
    let (_, first) = chars.next()?;
    if !(first.is_ascii_alphabetic() || first == '_') {
        return None;
    }
    let len = line
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
        .unwrap_or(line.len());
    let after = line.get(len..)?.strip_prefix(':')?;
    (after.is_empty() || after.starts_with([' ', '\t'])).then_some(len)
}

/// The length of a scalar value without trailing whitespace: a quoted string when the closing
/// quote is followed only by a comment, otherwise plain text up to a ` #` comment.
fn scalar_len(text: &str) -> usize {
    if let Some(quote) = text.chars().next().filter(|c| *c == '"' || *c == '\'') {
        if let Some(close) =
            closing_quote(text, quote).filter(|&close| only_comment_after(text, close + 1))
        {
            return close + 1;
        }
    }
    let comment = text
        .match_indices('#')
        .find(|(idx, _)| {
            text.get(..*idx)
                .is_some_and(|before| before.ends_with([' ', '\t']))
        })
        .map_or(text.len(), |(idx, _)| idx);
    text.get(..comment).unwrap_or_default().trim_end().len()
}

/// Whether `text` holds only whitespace and an optional `#` comment after byte `len`.
fn only_comment_after(text: &str, len: usize) -> bool {
    let rest = text.get(len..).unwrap_or_default().trim();
    rest.is_empty() || rest.starts_with('#')
}

/// The length of a flow list including its `]`, or `None` when it is not a flow list closed on its line.
/// The index of the quote closing a string that opens with `quote` at index 0. In double
/// quotes a backslash escapes the next character; in single quotes `''` stands for one quote.
fn closing_quote(text: &str, quote: char) -> Option<usize> {
    let mut chars = text.char_indices().skip(1).peekable();
    while let Some((idx, c)) = chars.next() {
        if c == '\\' && quote == '"' {
            chars.next();
        } else if c == quote {
            if quote == '\'' && chars.peek().is_some_and(|&(_, next)| next == '\'') {
                chars.next();
            } else {
                return Some(idx);
            }
        }
    }
    None
}

/// The length of a flow list including its `]`, or `None` when it is not closed on its line.
fn flow_list_len(text: &str) -> Option<usize> {
    let mut pos = 1;
    while let Some(rest) = text.get(pos..) {
        let next = rest.chars().next()?;
        match next {
            ']' => return Some(pos + 1),
            '"' | '\'' => pos += closing_quote(rest, next).map_or(rest.len(), |close| close + 1),
            _ => pos += next.len_utf8(),
        }
    }
    None
}

/// The length of one flow list item: a quoted string, or text up to `,` or `]`, trimmed.
fn flow_item_len(text: &str) -> usize {
    if let Some(quote) = text.chars().next().filter(|c| *c == '"' || *c == '\'') {
        return closing_quote(text, quote).map_or(text.len(), |close| close + 1);
    }
    let end = text.find([',', ']']).unwrap_or(text.len());
    text.get(..end).unwrap_or_default().trim_end().len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_classified() {
        assert_eq!(classify("id: INC-1"), FrontMatterLine::Field { key_len: 2 });
        assert_eq!(classify("time:14:00"), FrontMatterLine::Malformed);
        assert_eq!(classify("# note"), FrontMatterLine::Comment);
        assert_eq!(classify("  - api"), FrontMatterLine::Indented);
        assert_eq!(classify("--- "), FrontMatterLine::Fence);
    }

    #[test]
    fn values_end_at_comments_and_quotes() {
        assert_eq!(scalar_len("SEV2  # paged"), 4);
        assert_eq!(scalar_len("C#"), 2);
        assert_eq!(scalar_len("\"a # b\" # c"), 7);
        assert_eq!(scalar_len("\"a\" b"), 5);
        assert_eq!(scalar_len("'it''s' # c"), 7);
        assert_eq!(scalar_len("\"a \\\" b\""), 8);
        assert_eq!(flow_list_len("[a, \"b]\", c] # x"), Some(12));
        assert_eq!(flow_list_len("[a, b"), None);
    }
}
