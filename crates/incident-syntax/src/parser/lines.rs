//! Lines of the source text and the CommonMark block-start tests the parser makes on them.

/// One line of the source: `start..content_end` is its text, `content_end..end` its line break.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Line {
    pub(crate) start: u32,
    pub(crate) content_end: u32,
    pub(crate) end: u32,
}

/// Splits `text` into lines at `\n`, `\r\n` and lone `\r`. An empty text has no lines; a text
/// ending in a line break has no empty line after it.
pub(crate) fn split_lines(text: &str) -> Vec<Line> {
    let bytes = text.as_bytes();
    let mut lines = Vec::with_capacity(text.len() / 40 + 1);
    let mut start = 0usize;
    for pos in memchr::memchr2_iter(b'\n', b'\r', bytes) {
        if pos < start {
            // The `\n` of a `\r\n` pair, already taken with its `\r`.
            continue;
        }
        let is_crlf = bytes.get(pos) == Some(&b'\r') && bytes.get(pos + 1) == Some(&b'\n');
        let end = if is_crlf { pos + 2 } else { pos + 1 };
        lines.push(Line {
            start: start as u32,
            content_end: pos as u32,
            end: end as u32,
        });
        start = end;
    }
    if start < bytes.len() {
        lines.push(Line {
            start: start as u32,
            content_end: bytes.len() as u32,
            end: bytes.len() as u32,
        });
    }
    lines
}

/// The width in columns and the length in bytes of the leading spaces and tabs of `text`.
/// Tabs advance to the next multiple of four columns.
pub(crate) fn indentation(text: &str) -> (usize, usize) {
    indentation_at(text, 0)
}

/// Like [`indentation`] for text that starts at column `start_col`, where tab stops still fall
/// on multiples of four counted from the start of the line.
pub(crate) fn indentation_at(text: &str, start_col: usize) -> (usize, usize) {
    let mut col = start_col;
    for (idx, byte) in text.bytes().enumerate() {
        match byte {
            b' ' => col += 1,
            b'\t' => col += 4 - col % 4,
            _ => return (col - start_col, idx),
        }
    }
    (col - start_col, text.len())
}

/// How many bytes of leading whitespace to strip from `text`, which starts at column
/// `start_col`, to remove `cols` columns of indentation (a tab that would overshoot is taken
/// whole), and the column where the rest starts.
pub(crate) fn strip_columns_at(text: &str, start_col: usize, cols: usize) -> (usize, usize) {
    let target = start_col + cols;
    let mut col = start_col;
    for (idx, byte) in text.bytes().enumerate() {
        if col >= target {
            return (idx, col);
        }
        match byte {
            b' ' => col += 1,
            b'\t' => col += 4 - col % 4,
            _ => return (idx, col),
        }
    }
    (text.len(), col)
}

/// Whether `text` has only whitespace.
pub(crate) fn is_blank(text: &str) -> bool {
    text.bytes().all(|byte| byte == b' ' || byte == b'\t')
}

/// The level of an ATX heading (`#` to `######` followed by whitespace or the end).
pub(crate) fn atx_level(trimmed: &str) -> Option<u8> {
    let hashes = trimmed.bytes().take_while(|&byte| byte == b'#').count();
    if hashes == 0 || hashes > 6 {
        return None;
    }
    match trimmed.as_bytes().get(hashes) {
        None | Some(b' ') | Some(b'\t') => Some(hashes as u8),
        Some(_) => None,
    }
}

/// A code fence opener: its character, length, and whether it is a valid opener.
pub(crate) fn fence_open(trimmed: &str) -> Option<(u8, usize)> {
    let first = *trimmed.as_bytes().first()?;
    if first != b'`' && first != b'~' {
        return None;
    }
    let len = trimmed.bytes().take_while(|&byte| byte == first).count();
    if len < 3 {
        return None;
    }
    // A backtick fence's info string may not contain a backtick.
    let info = trimmed.get(len..).unwrap_or_default();
    if first == b'`' && info.contains('`') {
        return None;
    }
    Some((first, len))
}

/// Whether `trimmed` closes a fence opened with `len` times `fence_char`.
pub(crate) fn is_fence_close(trimmed: &str, fence_char: u8, len: usize) -> bool {
    let run = trimmed
        .bytes()
        .take_while(|&byte| byte == fence_char)
        .count();
    run >= len && is_blank(trimmed.get(run..).unwrap_or_default())
}

/// Whether `trimmed` is a thematic break: three or more `*`, `-` or `_`, optionally spaced.
pub(crate) fn is_thematic_break(trimmed: &str) -> bool {
    let Some(&first) = trimmed.as_bytes().first() else {
        return false;
    };
    if !matches!(first, b'*' | b'-' | b'_') {
        return false;
    }
    let mut count = 0;
    for byte in trimmed.bytes() {
        if byte == first {
            count += 1;
        } else if byte != b' ' && byte != b'\t' {
            return false;
        }
    }
    count >= 3
}

/// The level of a setext underline (`=` for 1, `-` for 2), when `trimmed` is one.
pub(crate) fn setext_level(trimmed: &str) -> Option<u8> {
    let first = *trimmed.as_bytes().first()?;
    let level = match first {
        b'=' => 1,
        b'-' => 2,
        _ => return None,
    };
    let run = trimmed.bytes().take_while(|&byte| byte == first).count();
    is_blank(trimmed.get(run..).unwrap_or_default()).then_some(level)
}

/// The kind of list marker, for telling sibling items from a new list.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum MarkerKind {
    Bullet(u8),
    Ordered(u8),
}

/// A list marker at the start of a (trimmed) line.
#[derive(Clone, Copy, Debug)]
pub(crate) struct ListMarker {
    pub(crate) kind: MarkerKind,
    /// The marker's length in bytes (`-` is 1, `10.` is 3).
    pub(crate) len: usize,
    /// Whether an ordered list starts at 1 (only those may interrupt a paragraph).
    pub(crate) starts_at_one: bool,
}

/// The list marker at the start of `trimmed`, followed by whitespace or the end of the line.
pub(crate) fn list_marker(trimmed: &str) -> Option<ListMarker> {
    let bytes = trimmed.as_bytes();
    let first = *bytes.first()?;
    let (kind, len, starts_at_one) = if matches!(first, b'-' | b'*' | b'+') {
        (MarkerKind::Bullet(first), 1, false)
    } else {
        let digits = bytes
            .iter()
            .take_while(|byte| byte.is_ascii_digit())
            .count();
        if digits == 0 || digits > 9 {
            return None;
        }
        let delimiter = *bytes.get(digits)?;
        if delimiter != b'.' && delimiter != b')' {
            return None;
        }
        let number = trimmed.get(..digits).unwrap_or_default();
        let starts_at_one = number.trim_start_matches('0') == "1";
        (MarkerKind::Ordered(delimiter), digits + 1, starts_at_one)
    };
    match bytes.get(len) {
        None | Some(b' ') | Some(b'\t') => Some(ListMarker {
            kind,
            len,
            starts_at_one,
        }),
        Some(_) => None,
    }
}

/// Whether a line starting with `trimmed` opens an HTML block (a tag, a comment, a declaration).
pub(crate) fn is_html_start(trimmed: &str) -> bool {
    let mut bytes = trimmed.bytes();
    bytes.next() == Some(b'<')
        && bytes
            .next()
            .is_some_and(|byte| byte.is_ascii_alphabetic() || matches!(byte, b'/' | b'!' | b'?'))
}

/// Whether a non-blank line with leading whitespace `indent_cols` and text `trimmed` ends a
/// paragraph: it starts another block.
pub(crate) fn interrupts_paragraph(indent_cols: usize, trimmed: &str) -> bool {
    if indent_cols >= 4 {
        return false;
    }
    atx_level(trimmed).is_some()
        || fence_open(trimmed).is_some()
        || is_html_start(trimmed)
        || is_thematic_break(trimmed)
        || trimmed.starts_with('>')
        || list_marker(trimmed).is_some_and(|marker| {
            let rest = trimmed.get(marker.len..).unwrap_or_default();
            // An empty item or an ordered list not starting at 1 cannot interrupt a paragraph.
            !is_blank(rest)
                && (matches!(marker.kind, MarkerKind::Bullet(_)) || marker.starts_at_one)
        })
}

/// Whether a line indented less than the open list item's content ends the item rather than
/// continuing its text lazily: it starts another block, or another item (even an empty one,
/// and an ordered one whatever its number: `2.` after `1. text` is the list's next item).
pub(crate) fn ends_lazy_continuation(indent_cols: usize, trimmed: &str) -> bool {
    interrupts_paragraph(indent_cols, trimmed)
        || (indent_cols < 4 && list_marker(trimmed).is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_split_at_every_line_ending() {
        let text = "a\r\nb\rc\n\nd";
        let spans: Vec<(u32, u32, u32)> = split_lines(text)
            .iter()
            .map(|line| (line.start, line.content_end, line.end))
            .collect();
        assert_eq!(
            spans,
            vec![(0, 1, 3), (3, 4, 5), (5, 6, 7), (7, 7, 8), (8, 9, 9)]
        );
        assert!(split_lines("").is_empty());
    }

    #[test]
    fn tabs_indent_to_multiples_of_four() {
        assert_eq!(indentation("  \tx"), (4, 3));
        assert_eq!(indentation_at("\tx", 1), (3, 1));
        assert_eq!(strip_columns_at("\t\tx", 0, 4), (1, 4));
        assert_eq!(strip_columns_at("  x", 0, 4), (2, 2));
        assert_eq!(strip_columns_at("\t- x", 2, 2), (1, 4));
    }

    #[test]
    fn block_starts_follow_commonmark() {
        assert_eq!(atx_level("## Observe"), Some(2));
        assert_eq!(atx_level("#hashtag"), None);
        assert_eq!(atx_level("#######"), None);
        assert!(is_thematic_break("- - -"));
        assert!(!is_thematic_break("--"));
        assert_eq!(setext_level("---  "), Some(2));
        assert!(list_marker("1) x").is_some());
        assert!(list_marker("-x").is_none());
        assert!(!interrupts_paragraph(0, "2. second"));
        assert!(interrupts_paragraph(0, "1. first"));
        assert_eq!(fence_open("```rust"), Some((b'`', 3)));
        assert_eq!(fence_open("``` a`b"), None);
    }
}
