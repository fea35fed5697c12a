//! Prose: the sentences people write in paragraphs and list items, apart from what they quote.

use incident_syntax::{SyntaxKind, SyntaxNode, TextRange};

use crate::text::{inline_range, slice_of};

/// A paragraph, or the text of a list item's first line: where the write-up speaks in sentences.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Prose {
    /// From the first inline piece to the last, line breaks and continuation indents included.
    pub range: TextRange,
    /// Parts of `range` that are not the author's own words, in order and not overlapping:
    /// code spans, links and images with their text (`[text](url)`, `[text][ref]`), autolinks
    /// and inline HTML (`<...>`), and bare URLs.
    pub verbatim: Vec<TextRange>,
}

/// Every paragraph and list item text of the document, in source order.
///
/// The front matter, headings, block quotes (chat logs, quoted logs), code blocks, HTML blocks,
/// directives and tables hold no prose. The labels, IDs, verdict words, timestamps, task boxes
/// and meta groups of list items are not part of an item's prose, only the text after them.
pub fn prose_blocks(root: SyntaxNode<'_>) -> Vec<Prose> {
    let mut blocks = Vec::new();
    collect(root, &mut blocks);
    blocks
}

fn collect(node: SyntaxNode<'_>, blocks: &mut Vec<Prose>) {
    for child in node.child_nodes() {
        match child.kind() {
            SyntaxKind::FrontMatter
            | SyntaxKind::Heading
            | SyntaxKind::BlockQuote
            | SyntaxKind::CodeBlock
            | SyntaxKind::HtmlBlock
            | SyntaxKind::Directive
            | SyntaxKind::Table
            | SyntaxKind::Error => {}
            SyntaxKind::Paragraph
            | SyntaxKind::IdDefinition
            | SyntaxKind::Verdict
            | SyntaxKind::LabeledItem
            | SyntaxKind::TimelineEntry
            | SyntaxKind::ActionItem => {
                if let Some(prose) = read_prose(child) {
                    blocks.push(prose);
                }
            }
            _ => collect(child, blocks),
        }
    }
}

fn read_prose(node: SyntaxNode<'_>) -> Option<Prose> {
    let range = inline_range(node)?;
    // Anything inside the range that is not plain text or trivia (code spans, and any node
    // such as a malformed piece) is kept out of the prose.
    let mut verbatim: Vec<TextRange> = node
        .children()
        .filter(|child| range.contains_range(child.range()))
        .filter(|child| {
            !matches!(
                child.kind(),
                SyntaxKind::Text
                    | SyntaxKind::Reference
                    | SyntaxKind::IncidentRef
                    | SyntaxKind::Whitespace
                    | SyntaxKind::Newline
            )
        })
        .map(|child| child.range())
        .collect();
    let text = slice_of(node, range);
    verbatim.extend(markup_ranges(text, range.start(), &verbatim));
    verbatim.sort_unstable();
    let mut merged: Vec<TextRange> = Vec::with_capacity(verbatim.len());
    for piece in verbatim {
        match merged.last_mut() {
            Some(last) if piece.start() <= last.end() => *last = last.cover(piece),
            _ => merged.push(piece),
        }
    }
    Some(Prose {
        range,
        verbatim: merged,
    })
}

/// Links, autolinks, inline HTML and bare URLs in `text`, which starts at `offset`; `code`
/// holds the code spans, whose content is never markup.
fn markup_ranges(text: &str, offset: u32, code: &[TextRange]) -> Vec<TextRange> {
    let bytes = text.as_bytes();
    // `code` is in order and not overlapping: only the last span starting at or before a
    // position can hold it, found by binary search so many code spans stay cheap.
    let in_code = |at: usize| {
        let position = offset + at as u32;
        let after = code.partition_point(|span| span.start() <= position);
        after
            .checked_sub(1)
            .and_then(|last| code.get(last))
            .is_some_and(|span| span.contains(position))
    };
    let absolute =
        |start: usize, end: usize| TextRange::new(offset + start as u32, offset + end as u32);
    let mut destination_end = ClosingFinder::new(bytes, b')');
    let mut label_end = ClosingFinder::new(bytes, b']');
    let mut found = Vec::new();
    let mut at = 0;
    while let Some(&byte) = bytes.get(at) {
        if in_code(at) {
            at += 1;
            continue;
        }
        let end = match byte {
            b'[' => link_end(bytes, at, &in_code, &mut destination_end, &mut label_end),
            b'<' => tag_end(bytes, at),
            b'h' if is_word_start(bytes, at) => url_end(text, at),
            _ => None,
        };
        match end {
            Some(end) => {
                let start = if at > 0 && bytes.get(at - 1) == Some(&b'!') {
                    at - 1
                } else {
                    at
                };
                found.push(absolute(start, end));
                at = end;
            }
            None => at += 1,
        }
    }
    found
}

fn is_word_start(bytes: &[u8], at: usize) -> bool {
    at == 0
        || bytes
            .get(at - 1)
            .is_none_or(|before| !before.is_ascii_alphanumeric())
}

/// The end of `[text](destination)` or `[text][label]` opening at `start`.
fn link_end<'t>(
    bytes: &[u8],
    start: usize,
    in_code: &impl Fn(usize) -> bool,
    destination_end: &mut ClosingFinder<'t>,
    label_end: &mut ClosingFinder<'t>,
) -> Option<usize> {
    let close = (start + 1..bytes.len())
        .filter(|&at| !in_code(at))
        .find(|&at| matches!(bytes.get(at), Some(b']' | b'[')))
        .filter(|&at| bytes.get(at) == Some(&b']'))?;
    let finder = match bytes.get(close + 1) {
        Some(b'(') => destination_end,
        Some(b'[') => label_end,
        _ => return None,
    };
    finder.end_from(close + 2)
}

/// Finds the closing byte of a link's destination or label on the rest of its line.
///
/// Remembers where its last search stopped: openings such as `[a](` repeated along one line
/// ask from positions that only move forward, and each answer up to that stop is the same, so
/// the line is scanned once in all rather than once per opening.
struct ClosingFinder<'t> {
    bytes: &'t [u8],
    closing: u8,
    /// The last search ran from `searched_from` and stopped at `stop`: the first closing byte
    /// or line break at or after it, or the end of the text.
    searched_from: usize,
    stop: usize,
}

impl<'t> ClosingFinder<'t> {
    fn new(bytes: &'t [u8], closing: u8) -> ClosingFinder<'t> {
        ClosingFinder {
            bytes,
            closing,
            searched_from: usize::MAX,
            stop: 0,
        }
    }

    /// The end of the first closing byte at or after `from` and before the end of its line.
    fn end_from(&mut self, from: usize) -> Option<usize> {
        // Nothing between `searched_from` and `stop` stops a search, so any start in that
        // stretch stops at `stop` too.
        if !(self.searched_from..=self.stop).contains(&from) {
            self.searched_from = from;
            let closing = self.closing;
            self.stop = self
                .bytes
                .get(from..)
                .and_then(|rest| {
                    rest.iter()
                        .position(|&byte| byte == closing || matches!(byte, b'\n' | b'\r'))
                })
                .map_or(self.bytes.len(), |offset| from + offset);
        }
        (self.bytes.get(self.stop) == Some(&self.closing)).then_some(self.stop + 1)
    }
}

/// The end of an autolink or inline HTML tag `<...>` opening at `start`.
fn tag_end(bytes: &[u8], start: usize) -> Option<usize> {
    let next = bytes.get(start + 1)?;
    if !(next.is_ascii_alphabetic() || matches!(next, b'/' | b'!' | b'?')) {
        return None;
    }
    (start + 1..bytes.len())
        .take_while(|&at| !matches!(bytes.get(at), Some(b'\n' | b'\r' | b'<')))
        .find(|&at| bytes.get(at) == Some(&b'>'))
        .map(|at| at + 1)
}

/// The end of a bare `http://` or `https://` URL starting at `start`, without trailing
/// sentence punctuation.
fn url_end(text: &str, start: usize) -> Option<usize> {
    let rest = text.get(start..)?;
    if !(rest.starts_with("http://") || rest.starts_with("https://")) {
        return None;
    }
    let url = rest
        .split(|c: char| c.is_whitespace() || c == '<')
        .next()
        .unwrap_or_default()
        .trim_end_matches(['.', ',', ';', ':', '!', '?', ')']);
    Some(start + url.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prose_of(text: &str) -> Vec<(String, Vec<String>)> {
        let parse = incident_syntax::parse(text);
        let slice = |range: TextRange| text.get(range.to_usize()).unwrap_or_default().to_owned();
        prose_blocks(parse.root())
            .into_iter()
            .map(|prose| {
                (
                    slice(prose.range),
                    prose.verbatim.into_iter().map(slice).collect(),
                )
            })
            .collect()
    }

    #[test]
    fn prose_is_paragraphs_and_item_text() {
        let text = "---\ntitle: careless\n---\n\n# Title\n\nA paragraph\nover two lines.\n\n\
## Act\n\n- H1 rejected: memory was fine\n  - evidence: `dmesg` is clean\n\n\
> quoted chat\n\n```\ncode\n```\n\n<div>html</div>\n\n| a | b |\n";
        assert_eq!(
            prose_of(text),
            vec![
                ("A paragraph\nover two lines.".to_owned(), vec![]),
                ("memory was fine".to_owned(), vec![]),
                ("`dmesg` is clean".to_owned(), vec!["`dmesg`".to_owned()]),
            ]
        );
    }

    #[test]
    fn links_urls_and_tags_are_verbatim() {
        let text = "See [the *runbook* `x`](https://example.com/a) and ![graph](g.png), \
[O1][ref], <https://example.com>, <span>, https://example.com/b. But not [O1, O3] or <5 min.\n";
        let blocks = prose_of(text);
        assert_eq!(blocks.len(), 1);
        assert_eq!(
            blocks.first().map(|(_, verbatim)| verbatim.clone()),
            Some(vec![
                "[the *runbook* `x`](https://example.com/a)".to_owned(),
                "![graph](g.png)".to_owned(),
                "[O1][ref]".to_owned(),
                "<https://example.com>".to_owned(),
                "<span>".to_owned(),
                "https://example.com/b".to_owned(),
            ])
        );
    }

    #[test]
    fn a_link_closes_on_its_own_line_only() {
        let text = "Open [a]([b]([c](\n[d](e) and [f][g] then `[h](` i) [j][k\n";
        let blocks = prose_of(text);
        assert_eq!(
            blocks.first().map(|(_, verbatim)| verbatim.clone()),
            Some(vec![
                "[d](e)".to_owned(),
                "[f][g]".to_owned(),
                "`[h](`".to_owned(),
            ])
        );
    }

    #[test]
    fn timeline_and_action_items_keep_only_their_text() {
        let text = "## Timeline\n\n- 14:02 first alert [started]\n\n## Actions\n\n\
- [ ] prevent: add a check (owner: @sre)\n";
        assert_eq!(
            prose_of(text),
            vec![
                ("first alert".to_owned(), vec![]),
                ("add a check".to_owned(), vec![]),
            ]
        );
    }
}
