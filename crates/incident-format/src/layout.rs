//! The canonical layout: it changes whitespace, bullet markers and the order of front matter
//! keys, and never a word of the text.
//!
//! It formats only files without syntax errors, so it never rearranges what it misread.

use std::collections::HashSet;

use incident_model::KNOWN_KEYS;
use incident_syntax::{Parse, SyntaxKind, SyntaxNode, TextRange, line_ending};

/// Why a file was not formatted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FormatError {
    /// The file has syntax errors; formatting could move text it misread.
    SyntaxErrors(usize),
    /// The new layout would read as different constructs; the file is left as it is.
    WouldChangeStructure,
    /// The new layout would change the text itself, not only its layout; the file is left as
    /// it is. Seeing this means the formatter has a bug.
    WouldChangeText(TextChange),
}

/// What a layout change altered beyond whitespace, bullet markers and front matter order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextChange {
    /// A character of the body (everything after the front matter).
    Body,
    /// A line of the front matter.
    FrontMatter,
}

impl std::fmt::Display for TextChange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TextChange::Body => write!(f, "the body's text"),
            TextChange::FrontMatter => write!(f, "a front matter line"),
        }
    }
}

impl std::fmt::Display for FormatError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FormatError::WouldChangeStructure => {
                write!(
                    f,
                    "not formatted: the canonical layout would change how the file reads"
                )
            }
            FormatError::WouldChangeText(change) => {
                write!(
                    f,
                    "not formatted: the canonical layout would change {change} (please report this file)"
                )
            }
            FormatError::SyntaxErrors(count) => {
                write!(
                    f,
                    "not formatted: {count} syntax error(s) to fix first (run `incident-lint` to see them)"
                )
            }
        }
    }
}

/// Formats `parse`'s text:
/// - front matter keys in the order of `KNOWN_KEYS`, others after them as written (comment
///   lines move with the key below them), one space after each colon, no blank lines
///   inside, one blank line after it;
/// - one blank line before and after each top-level ATX heading, no runs of blank lines,
///   blank lines without spaces, one line break at the end;
/// - `*` and `+` bullets become `-`.
///
/// Code blocks, HTML blocks and block quotes are left exactly as written.
pub fn format(parse: &Parse) -> Result<String, FormatError> {
    if !parse.errors().is_empty() {
        return Err(FormatError::SyntaxErrors(parse.errors().len()));
    }
    let text = parse.text();
    let eol = line_ending(text);
    let root = parse.root();
    let mut out = String::with_capacity(text.len() + 64);
    let mut body_start = 0u32;
    if let Some(bom) = root.child(SyntaxKind::Bom) {
        out.push_str(bom.text());
        body_start = bom.range().end();
    }
    let front_matter = root.child(SyntaxKind::FrontMatter);
    if let Some(front_matter) = front_matter {
        format_front_matter(front_matter, eol, &mut out);
        body_start = front_matter.range().end();
    }
    let body = text.get(body_start as usize..).unwrap_or_default();
    let verbatim = verbatim_ranges(root);
    let headings: HashSet<u32> = root
        .children()
        .filter(|child| matches!(child.kind(), SyntaxKind::Preamble | SyntaxKind::Section))
        .flat_map(|container| container.children_of(SyntaxKind::Heading))
        .filter(|heading| heading.child(SyntaxKind::Hashes).is_some())
        .map(|heading| heading.range().start())
        .collect();
    let markers: HashSet<u32> = root
        .descendants()
        .filter(|element| {
            element.kind() == SyntaxKind::Marker && matches!(element.text(), "*" | "+")
        })
        .map(|marker| marker.range().start())
        .collect();

    // Each line with whether it lies in a block kept as written.
    let mut lines: Vec<(String, bool)> = Vec::new();
    let mut heading_lines: HashSet<usize> = HashSet::new();
    let mut offset = body_start;
    for raw_line in split_inclusive_lines(body) {
        let content = raw_line.trim_end_matches(['\n', '\r']);
        let in_verbatim = verbatim
            .iter()
            .any(|range| range.start() <= offset && offset < range.end());
        let line = if in_verbatim {
            content.to_owned()
        } else if content.trim().is_empty() {
            String::new()
        } else {
            let mut line = content.to_owned();
            for (idx, _) in content.match_indices(['*', '+']) {
                if markers.contains(&(offset + idx as u32)) {
                    line.replace_range(idx..idx + 1, "-");
                }
            }
            line
        };
        if headings.contains(&offset) {
            heading_lines.insert(lines.len());
        }
        lines.push((line, in_verbatim));
        offset += raw_line.len() as u32;
    }

    let mut formatted: Vec<&str> = Vec::with_capacity(lines.len() + 8);
    for (idx, (line, in_verbatim)) in lines.iter().enumerate() {
        let is_heading = heading_lines.contains(&idx);
        let last_is_blank = formatted.last().is_some_and(|last| last.is_empty());
        if is_heading && !formatted.is_empty() && !last_is_blank {
            formatted.push("");
        }
        if line.is_empty() && !in_verbatim {
            // Runs of blank lines become one.
            if !last_is_blank && !formatted.is_empty() {
                formatted.push("");
            }
            continue;
        }
        formatted.push(line);
        if is_heading {
            let next_is_blank = lines.get(idx + 1).is_none_or(|(next, _)| next.is_empty());
            if !next_is_blank {
                formatted.push("");
            }
        }
    }
    while formatted.last().is_some_and(|last| last.is_empty()) {
        formatted.pop();
    }
    // Without front matter, a `---` first line would start one: keep the blank line above it.
    let starts_like_front_matter = formatted
        .first()
        .is_some_and(|first| first.trim_end() == "---");
    if front_matter.is_none() && starts_like_front_matter {
        formatted.insert(0, "");
    }
    // One blank line after the front matter; a byte order mark alone is no front matter.
    if front_matter.is_some() && !formatted.is_empty() {
        out.push_str(eol);
    }
    for line in &formatted {
        out.push_str(line);
        out.push_str(eol);
    }
    // A layout change must never make the text read differently; refuse rather than risk it.
    let reparsed = incident_syntax::parse(&out);
    if !reparsed.errors().is_empty() {
        return Err(FormatError::WouldChangeStructure);
    }
    // Nor may it ever lose or alter a word.
    if let Some(change) = text_change(parse, &reparsed) {
        return Err(FormatError::WouldChangeText(change));
    }
    Ok(out)
}

/// What `after` changed in `before`'s text beyond what formatting may change: whitespace,
/// `*` and `+` bullets written as `-`, and the order of front matter lines.
pub fn text_change(before: &Parse, after: &Parse) -> Option<TextChange> {
    if !body_characters(before).eq(body_characters(after)) {
        return Some(TextChange::Body);
    }
    if front_matter_lines(before) != front_matter_lines(after) {
        return Some(TextChange::FrontMatter);
    }
    None
}

/// The body's non-whitespace characters, with the bullet markers `*` and `+` read as `-`.
fn body_characters<'a>(parse: &'a Parse) -> impl Iterator<Item = char> + 'a {
    let body_start = parse
        .root()
        .child(SyntaxKind::FrontMatter)
        .map_or(0, |front_matter| front_matter.range().end() as usize);
    parse
        .text()
        .get(body_start..)
        .unwrap_or_default()
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if c == '*' || c == '+' { '-' } else { c })
}

/// The front matter's lines without whitespace, sorted: reordering keys keeps every line.
fn front_matter_lines(parse: &Parse) -> Vec<String> {
    let Some(front_matter) = parse.root().child(SyntaxKind::FrontMatter) else {
        return Vec::new();
    };
    let mut lines: Vec<String> = front_matter
        .text()
        .split(['\n', '\r'])
        .map(|line| line.chars().filter(|c| !c.is_whitespace()).collect())
        .filter(|line: &String| !line.is_empty())
        .collect();
    lines.sort_unstable();
    lines
}

/// Splits text into lines that keep their line breaks (`\n`, `\r\n` or a lone `\r`).
fn split_inclusive_lines(text: &str) -> Vec<&str> {
    let mut lines = Vec::new();
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut idx = 0;
    while idx < bytes.len() {
        match bytes.get(idx) {
            Some(b'\n') => {
                lines.push(text.get(start..=idx).unwrap_or_default());
                start = idx + 1;
            }
            Some(b'\r') => {
                let end = if bytes.get(idx + 1) == Some(&b'\n') {
                    idx + 2
                } else {
                    idx + 1
                };
                lines.push(text.get(start..end).unwrap_or_default());
                start = end;
                idx = end - 1;
            }
            _ => {}
        }
        idx += 1;
    }
    if start < text.len() {
        lines.push(text.get(start..).unwrap_or_default());
    }
    lines
}

/// The ranges the formatter must not touch: code, HTML and quoted text.
fn verbatim_ranges(root: SyntaxNode<'_>) -> Vec<TextRange> {
    root.descendants()
        .filter(|element| {
            matches!(
                element.kind(),
                SyntaxKind::CodeBlock | SyntaxKind::HtmlBlock | SyntaxKind::BlockQuote
            )
        })
        .map(|element| element.range())
        .collect()
}

/// Writes the front matter with its fields in canonical order.
fn format_front_matter(front_matter: SyntaxNode<'_>, eol: &str, out: &mut String) {
    // Each field carries the comment lines written right above it.
    let mut entries: Vec<(usize, String)> = Vec::new();
    let mut pending_comments: Vec<String> = Vec::new();
    let mut trailing: Vec<String> = Vec::new();
    for child in front_matter.children() {
        match child.kind() {
            SyntaxKind::Comment => pending_comments.push(child.text().trim_end().to_owned()),
            SyntaxKind::Field => {
                let key = child.child(SyntaxKind::Key).map_or("", |key| key.text());
                let rank = KNOWN_KEYS
                    .iter()
                    .position(|known| *known == key)
                    .unwrap_or(KNOWN_KEYS.len());
                let mut entry = String::new();
                for comment in pending_comments.drain(..) {
                    entry.push_str(&comment);
                    entry.push_str(eol);
                }
                entry.push_str(&field_text(child, eol));
                entries.push((rank, entry));
            }
            _ => {}
        }
    }
    trailing.append(&mut pending_comments);
    // A stable sort keeps unknown keys, and repeated keys, in their written order.
    entries.sort_by_key(|(rank, _)| *rank);
    out.push_str("---");
    out.push_str(eol);
    for (_, entry) in entries {
        out.push_str(&entry);
    }
    for comment in trailing {
        out.push_str(&comment);
        out.push_str(eol);
    }
    let closing = front_matter
        .children_of(SyntaxKind::Fence)
        .nth(1)
        .map_or("---", |fence| fence.text());
    out.push_str(closing);
    out.push_str(eol);
}

/// One field: `key: value # comment`, with one space after the colon, and its nested lines as
/// written (trailing whitespace removed).
fn field_text(field: SyntaxNode<'_>, eol: &str) -> String {
    let mut line = String::new();
    let mut block = String::new();
    let mut after_colon = false;
    for child in field.children() {
        match child.kind() {
            SyntaxKind::Key => line.push_str(child.text()),
            SyntaxKind::Colon => {
                line.push(':');
                after_colon = true;
            }
            SyntaxKind::Whitespace if after_colon => {
                after_colon = false;
                line.push(' ');
            }
            SyntaxKind::Newline => {}
            SyntaxKind::BlockValue => {
                for block_line in split_inclusive_lines(child.text()) {
                    if !block_line.trim().is_empty() {
                        block.push_str(block_line.trim_end());
                        block.push_str(eol);
                    }
                }
            }
            _ => {
                after_colon = false;
                line.push_str(child.text());
            }
        }
    }
    let mut text = line.trim_end().to_owned();
    text.push_str(eol);
    text.push_str(&block);
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fmt(text: &str) -> String {
        format(&incident_syntax::parse(text)).unwrap_or_else(|error| error.to_string())
    }

    #[test]
    fn front_matter_keys_take_canonical_order_with_their_comments() {
        let text = "---\nstatus:   resolved\n# who\nid: INC-1\nowner: ana\n\ntitle: \"A: b\"  # quoted\n---\n# A\n";
        assert_eq!(
            fmt(text),
            "---\n# who\nid: INC-1\ntitle: \"A: b\"  # quoted\nstatus: resolved\nowner: ana\n---\n\n# A\n"
        );
    }

    #[test]
    fn headings_get_blank_lines_and_bullets_become_dashes() {
        let text = "# T\n## Observe\n* O1: x\n+ O2: y\n\n\n\n## Act\n- H1 rejected: z";
        assert_eq!(
            fmt(text),
            "# T\n\n## Observe\n\n- O1: x\n- O2: y\n\n## Act\n\n- H1 rejected: z\n"
        );
    }

    #[test]
    fn code_and_html_stay_as_written() {
        let text = "## Observe\n\n```\n*  not a list\n\n\n## not a heading\n```\n";
        assert_eq!(fmt(text), text);
    }

    #[test]
    fn a_byte_order_mark_gets_no_blank_line_after_it() {
        assert_eq!(fmt("\u{feff}# R\n"), "\u{feff}# R\n");
        assert_eq!(fmt("\u{feff}\r\n# R\r\n"), "\u{feff}# R\r\n");
        // A mark that is not the first character formats like one that is.
        assert_eq!(fmt("\r\n\u{feff}# R\n"), "\u{feff}# R\r\n");
    }

    #[test]
    fn crlf_files_stay_crlf() {
        assert_eq!(fmt("## A\r\n* x\r\n"), "## A\r\n\r\n- x\r\n");
    }

    #[test]
    fn text_change_allows_layout_and_sees_every_other_change() {
        let change = |before: &str, after: &str| {
            text_change(
                &incident_syntax::parse(before),
                &incident_syntax::parse(after),
            )
        };
        let before = "---\nid: INC-1\nstatus: resolved\n---\n# T\n* a b\n";
        assert_eq!(
            change(
                before,
                "---\nstatus:  resolved\nid: INC-1\n---\n\n# T\n\n- a  b\n"
            ),
            None
        );
        assert_eq!(
            change(
                before,
                "---\nid: INC-1\nstatus: resolved\n---\n# T\n* a c\n"
            ),
            Some(TextChange::Body)
        );
        assert_eq!(
            change(
                before,
                "---\nid: INC-2\nstatus: resolved\n---\n# T\n* a b\n"
            ),
            Some(TextChange::FrontMatter)
        );
    }

    #[test]
    fn files_with_syntax_errors_are_not_formatted() {
        assert!(fmt("---\nservices: [a\n---\n").starts_with("not formatted"));
    }
}
