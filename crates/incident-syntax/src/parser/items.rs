//! List item heads: ID definitions, verdicts, labeled items, timeline entries, action items,
//! and lint directives.

use crate::SyntaxKind;
use crate::lexeme::{self, is_word_char, whole_word_id_len};
use crate::section::SectionKind;
use crate::written_time::{WrittenTime, time_placeholder_len, written_time};

use super::{Context, Parser, View};

/// Labels of labeled items, lowercase: status lines, orientation notes, verdict details.
pub const ITEM_LABELS: [&str; 9] = [
    "up",
    "down",
    "degraded",
    "changed",
    "expected",
    "story",
    "action taken",
    "reason",
    "evidence",
];

/// Milestone tags, lowercase, in the order they happen.
pub const MILESTONES: [&str; 4] = ["started", "detected", "mitigated", "resolved"];

/// Directive verbs.
pub const DIRECTIVE_VERBS: [&str; 3] = ["disable", "enable", "disable-next-line"];

/// Verdict words, lowercase.
pub const VERDICT_WORDS: [&str; 2] = ["confirmed", "rejected"];

impl Parser<'_> {
    /// Emits an item's head: its first line (from `head_views[0].start`) and continuation lines.
    pub(super) fn item_head(&mut self, head_views: &[View], cx: Context) {
        let Some(&first) = head_views.first() else {
            return;
        };
        let first_text = self.content(first);
        let last_text = head_views
            .last()
            .map(|&view| self.content(view))
            .unwrap_or_default();
        let last_start = head_views.last().map_or(first.start, |view| view.start);
        let top_level = cx.list_depth == 0;
        match cx.section {
            Some(SectionKind::Timeline) if top_level => {
                let milestone = trailing_milestone(last_text)
                    .map(|(start, end)| (last_start + start, last_start + end));
                self.timeline_entry(head_views, milestone);
                return;
            }
            Some(SectionKind::Actions) if top_level && task_box_len(first_text).is_some() => {
                self.action_item(head_views, true);
                return;
            }
            _ => {}
        }
        if let Some(verdict) = verdict_prefix(first_text) {
            self.builder.start(SyntaxKind::Verdict);
            self.builder
                .token(SyntaxKind::Id, first.start + verdict.id_len);
            self.builder.whitespace(first.start + verdict.word_start);
            self.builder
                .token(SyntaxKind::VerdictWord, first.start + verdict.word_end);
            if verdict.has_colon {
                self.builder
                    .token(SyntaxKind::Colon, first.start + verdict.word_end + 1);
            }
            self.head_text(head_views, None);
            self.builder.finish();
        } else if let Some(id_len) = definition_prefix(first_text) {
            self.builder.start(SyntaxKind::IdDefinition);
            self.builder.token(SyntaxKind::Id, first.start + id_len);
            self.builder
                .token(SyntaxKind::Colon, first.start + id_len + 1);
            self.head_text(head_views, None);
            self.builder.finish();
        } else if let Some(label_len) = label_prefix(first_text) {
            self.builder.start(SyntaxKind::LabeledItem);
            self.builder
                .token(SyntaxKind::Label, first.start + label_len);
            self.builder
                .token(SyntaxKind::Colon, first.start + label_len + 1);
            self.head_text(head_views, None);
            self.builder.finish();
        } else if cx.section == Some(SectionKind::Actions)
            && top_level
            && !last_text.trim_end().ends_with(':')
        {
            // A plain bullet of an Actions section is a follow-up written without a task box;
            // one ending with a colon introduces the items under it.
            self.action_item(head_views, false);
        } else {
            self.builder.start(SyntaxKind::Paragraph);
            self.head_text(head_views, None);
            self.builder.finish();
        }
    }

    /// Emits the inline text of an item head from the current position, across continuation
    /// lines, stopping at `stop` (the start of a trailing milestone or owner group) when given.
    fn head_text(&mut self, head_views: &[View], stop: Option<u32>) {
        for (nth, &view) in head_views.iter().enumerate() {
            if nth > 0 {
                if let Some(previous) = head_views.get(nth - 1) {
                    self.newline(previous.line);
                }
                self.builder.whitespace(view.start);
            }
            let content = self.content(view);
            let segment_end = view.start + content.trim_end().len() as u32;
            let is_last = nth + 1 == head_views.len();
            let text_end = match stop {
                Some(stop) if is_last => stop.min(segment_end),
                _ => segment_end,
            };
            let from = self.builder.pos().max(view.start);
            let text = self.slice(from, text_end.max(from));
            let text_start = from + (text.len() - text.trim_start().len()) as u32;
            let trimmed_end = from + text.trim_end().len() as u32;
            self.builder.whitespace(text_start);
            if trimmed_end > text_start {
                self.inline(text_start, trimmed_end);
            }
            self.builder.whitespace(text_end);
        }
    }

    fn timeline_entry(&mut self, head_views: &[View], milestone: Option<(u32, u32)>) {
        let Some(&first) = head_views.first() else {
            return;
        };
        self.builder.start(SyntaxKind::TimelineEntry);
        let mut pos = first.start;
        let first_text = self.content(first);
        if first_text.starts_with('~') {
            pos += 1;
            self.builder.token(SyntaxKind::Tilde, pos);
            let after = self.slice(pos, pos + first_text.len() as u32 - 1);
            pos += (after.len() - after.trim_start().len()) as u32;
            self.builder.whitespace(pos);
        }
        let line_end = first.start + first_text.len() as u32;
        let rest = self.slice(pos, line_end);
        if let Some(written) = written_time(rest) {
            self.written_time(pos, &written);
            pos += written.end as u32;
        } else if time_placeholder_len(rest).is_some() {
            // An unknown time, `--:--`: the entry has no time, which the linter reports.
        } else if let Some(word_len) = time_like_word_len(rest) {
            let word = rest.get(..word_len).unwrap_or_default();
            let range = crate::TextRange::new(pos, pos + word_len as u32);
            self.error(
                range,
                format!("invalid time `{word}` in a timeline entry: write `HH:MM`, `HH:MM:SS` or `YYYY-MM-DD HH:MM`"),
            );
            self.builder.start(SyntaxKind::Error);
            self.builder.token(SyntaxKind::Text, range.end());
            self.builder.finish();
            pos = range.end();
        }
        // An optional separator between the time and the text: `-`, `–`, `—` or `:`.
        if pos > first.start {
            let rest = self.slice(pos, line_end);
            let spaces = rest.len() - rest.trim_start().len();
            let after_spaces = rest.get(spaces..).unwrap_or_default();
            let separator_len = ["-", "–", "—", ":"]
                .iter()
                .find(|separator| {
                    after_spaces
                        .strip_prefix(**separator)
                        .is_some_and(|after| after.is_empty() || after.starts_with([' ', '\t']))
                })
                .map(|separator| separator.len());
            if let Some(separator_len) = separator_len {
                self.builder.whitespace(pos + spaces as u32);
                self.builder
                    .token(SyntaxKind::Punct, pos + (spaces + separator_len) as u32);
            }
        }
        self.head_text(head_views, milestone.map(|(start, _)| start));
        if let Some((start, end)) = milestone {
            self.builder.whitespace(start);
            self.builder.start(SyntaxKind::MilestoneTag);
            self.builder.token(SyntaxKind::LBrack, start + 1);
            let inner = self.slice(start + 1, end - 1);
            let inner_start = start + 1 + (inner.len() - inner.trim_start().len()) as u32;
            self.builder.whitespace(inner_start);
            self.builder
                .token(SyntaxKind::Text, start + 1 + inner.trim_end().len() as u32);
            self.builder.whitespace(end - 1);
            self.builder.token(SyntaxKind::RBrack, end);
            self.builder.finish();
        }
        self.builder.finish();
    }

    /// Emits a written time read at `pos`: its wrappers as `PUNCT` tokens around a
    /// `TIMESTAMP` node of its date, time, meridiem and zone.
    fn written_time(&mut self, pos: u32, written: &WrittenTime) {
        let at = |offset: usize| pos + offset as u32;
        if let Some(open) = written.open {
            self.builder.token(SyntaxKind::Punct, at(open.end));
        }
        self.builder.start(SyntaxKind::Timestamp);
        if let Some(date) = written.date {
            self.builder.token(SyntaxKind::Date, at(date.end));
            let separator = if self.slice(at(date.end), at(date.end + 1)) == "T" {
                SyntaxKind::Punct
            } else {
                SyntaxKind::Whitespace
            };
            self.builder.token(separator, at(written.time.start));
        }
        self.builder.token(SyntaxKind::Time, at(written.time.end));
        if let Some(meridiem) = written.meridiem {
            self.builder.whitespace(at(meridiem.start));
            self.builder.token(SyntaxKind::Meridiem, at(meridiem.end));
        }
        if let Some(zone) = written.zone {
            self.builder.whitespace(at(zone.start));
            let written_zone = self.slice(at(zone.start), at(zone.end));
            let kind = if lexeme::offset(written_zone).is_ok_and(|(rest, _)| rest.is_empty()) {
                SyntaxKind::Offset
            } else {
                SyntaxKind::ZoneName
            };
            self.builder.token(kind, at(zone.end));
        }
        self.builder.finish();
        if let Some(colon) = written.inner_colon {
            self.builder.token(SyntaxKind::Punct, at(colon.end));
        }
        if let Some(close) = written.close {
            self.builder.token(SyntaxKind::Punct, at(close.end));
        }
    }

    /// Emits an action item: its task box when `has_task_box` (the head starts with one), an
    /// optional category, the text, and a trailing meta group.
    fn action_item(&mut self, head_views: &[View], has_task_box: bool) {
        let (Some(&first), Some(&last)) = (head_views.first(), head_views.last()) else {
            return;
        };
        let first_text = self.content(first);
        let meta = trailing_action_meta(self.content(last))
            .map(|(start, end)| (last.start + start, last.start + end));
        self.builder.start(SyntaxKind::ActionItem);
        let mut category_start = first.start;
        if has_task_box {
            self.builder.start(SyntaxKind::TaskBox);
            self.builder.token(SyntaxKind::LBrack, first.start + 1);
            self.builder.token(SyntaxKind::Text, first.start + 2);
            self.builder.token(SyntaxKind::RBrack, first.start + 3);
            self.builder.finish();
            let after_box = first_text.get(3..).unwrap_or_default();
            category_start += 3 + (after_box.len() - after_box.trim_start().len()) as u32;
            self.builder.whitespace(category_start);
        }
        let category_text = self.slice(category_start, first.start + first_text.len() as u32);
        if let Some(category_len) = category_len(category_text) {
            self.builder
                .token(SyntaxKind::Category, category_start + category_len as u32);
            self.builder
                .token(SyntaxKind::Colon, category_start + category_len as u32 + 1);
        }
        self.head_text(head_views, meta.map(|(start, _)| start));
        if let Some((start, end)) = meta {
            self.action_meta(start, end);
        }
        self.builder.finish();
    }

    /// Emits `(key: value, key: value)` at `start..end`.
    fn action_meta(&mut self, start: u32, end: u32) {
        self.builder.whitespace(start);
        self.builder.start(SyntaxKind::ActionMeta);
        self.builder.token(SyntaxKind::LParen, start + 1);
        let inner = self.slice(start + 1, end - 1);
        let mut field_start = start + 1;
        for (nth, part) in inner.split(',').enumerate() {
            if nth > 0 {
                self.builder.token(SyntaxKind::Comma, field_start + 1);
                field_start += 1;
            }
            let part_end = field_start + part.len() as u32;
            let key_start = field_start + (part.len() - part.trim_start().len()) as u32;
            self.builder.whitespace(key_start);
            self.builder.start(SyntaxKind::MetaField);
            let key_text = part.trim_start();
            let key_len = key_text.find(':').unwrap_or(key_text.len()) as u32;
            let key_trimmed_len =
                self.slice(key_start, key_start + key_len).trim_end().len() as u32;
            self.builder
                .token(SyntaxKind::Key, key_start + key_trimmed_len);
            self.builder.whitespace(key_start + key_len);
            self.builder
                .token(SyntaxKind::Colon, key_start + key_len + 1);
            let value = self.slice(key_start + key_len + 1, part_end);
            let value_start =
                key_start + key_len + 1 + (value.len() - value.trim_start().len()) as u32;
            self.builder.whitespace(value_start);
            self.builder
                .token(SyntaxKind::Scalar, value_start + value.trim().len() as u32);
            self.builder.finish();
            self.builder.whitespace(part_end);
            field_start = part_end;
        }
        self.builder.token(SyntaxKind::RParen, end);
        self.builder.finish();
    }

    /// Emits a `<!-- incident-lint VERB RULE, RULE -->` directive from `first` to `last` line.
    pub(super) fn directive(&mut self, first: View, last: View) {
        let content = self.content(first);
        let start = first.start + (content.len() - content.trim_start().len()) as u32;
        let last_content = self.content(last);
        let trimmed_end = last.start + last_content.trim_end().len() as u32;
        let body_end = trimmed_end.saturating_sub(3).max(start + 4);
        self.builder.start(SyntaxKind::Directive);
        self.builder.token(SyntaxKind::Punct, start + 4);
        let mut pos = self.trivia(start + 4, body_end);
        pos += "incident-lint".len() as u32;
        self.builder.token(SyntaxKind::Text, pos.min(body_end));
        pos = self.trivia(pos, body_end);
        let rest = self.slice(pos, body_end);
        let verb_len = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
            .unwrap_or(rest.len());
        let verb = rest.get(..verb_len).unwrap_or_default();
        if DIRECTIVE_VERBS.contains(&verb) {
            self.builder
                .token(SyntaxKind::DirectiveVerb, pos + verb_len as u32);
        } else if verb.is_empty() {
            self.error(
                crate::TextRange::new(start, trimmed_end),
                "directive has no verb: write `disable`, `enable` or `disable-next-line` after `incident-lint`",
            );
        } else {
            let range = crate::TextRange::new(pos, pos + verb_len as u32);
            self.error(
                range,
                format!("unknown directive `{verb}`: expected `disable`, `enable` or `disable-next-line`"),
            );
            self.builder.start(SyntaxKind::Error);
            self.builder.token(SyntaxKind::Text, range.end());
            self.builder.finish();
        }
        pos += verb_len as u32;
        // The rule list: names separated by commas or whitespace, possibly over several lines;
        // then, after ` -- `, why the rules are off.
        while pos < body_end {
            let rest = self.slice(pos, body_end);
            let Some(next) = rest.chars().next() else {
                break;
            };
            let starts_reason = rest.starts_with("--")
                && rest
                    .get(2..)
                    .is_none_or(|after| after.is_empty() || after.starts_with(char::is_whitespace))
                && self
                    .slice(pos.saturating_sub(1), pos)
                    .chars()
                    .all(char::is_whitespace);
            if starts_reason {
                let reason_end = pos + rest.trim_end().len() as u32;
                self.builder.token(SyntaxKind::DirectiveReason, reason_end);
                self.trivia(reason_end, body_end);
                break;
            }
            if next == ',' {
                pos += 1;
                self.builder.token(SyntaxKind::Comma, pos);
            } else if next.is_whitespace() {
                pos = self.trivia(pos, body_end);
            } else {
                let len = rest
                    .find(|c: char| c == ',' || c.is_whitespace())
                    .unwrap_or(rest.len());
                pos += len.max(1) as u32;
                self.builder.token(SyntaxKind::RuleName, pos);
            }
        }
        self.builder.token(SyntaxKind::Punct, trimmed_end);
        self.newline(last.line);
        self.builder.finish();
    }

    /// Emits the whitespace and line breaks from `pos` up to the next other character (or
    /// `end`) as `WHITESPACE` and `NEWLINE` tokens; returns where they stop.
    fn trivia(&mut self, mut pos: u32, end: u32) -> u32 {
        let rest = self.slice(pos, end);
        for (idx, c) in rest.char_indices() {
            let offset = pos + idx as u32;
            if offset < self.builder.pos() {
                continue;
            }
            match c {
                '\n' => {
                    self.builder.whitespace(offset);
                    self.builder.token(SyntaxKind::Newline, offset + 1);
                }
                '\r' => {
                    self.builder.whitespace(offset);
                    let crlf = rest.as_bytes().get(idx + 1) == Some(&b'\n');
                    self.builder
                        .token(SyntaxKind::Newline, offset + if crlf { 2 } else { 1 });
                }
                c if c.is_whitespace() => {}
                _ => {
                    self.builder.whitespace(offset);
                    return offset;
                }
            }
        }
        pos = end;
        self.builder.whitespace(pos);
        pos
    }
}

/// Whether a trimmed line opens a `<!-- incident-lint ...` directive.
pub(super) fn opens_directive(trimmed: &str) -> bool {
    trimmed
        .strip_prefix("<!--")
        .map(str::trim_start)
        .and_then(|body| body.strip_prefix("incident-lint"))
        .is_some_and(|rest| rest.is_empty() || rest.starts_with(char::is_whitespace))
}

/// Whether a trimmed line is a whole one-line `<!-- incident-lint ... -->` directive.
pub(super) fn is_directive(trimmed: &str) -> bool {
    opens_directive(trimmed) && closes_directive(trimmed) && trimmed.matches("-->").count() == 1
}

/// Whether a trimmed line ends a directive: `-->` at its end and nowhere before.
pub(super) fn closes_directive(trimmed: &str) -> bool {
    let trimmed = trimmed.trim_end();
    trimmed.ends_with("-->") && trimmed.matches("-->").count() == 1
}

struct VerdictPrefix {
    id_len: u32,
    word_start: u32,
    word_end: u32,
    has_colon: bool,
}

/// `H<n> confirmed` / `H<n> rejected`, with an optional colon.
fn verdict_prefix(text: &str) -> Option<VerdictPrefix> {
    if !text.starts_with('H') {
        return None;
    }
    let id_len = whole_word_id_len(text)?;
    let after_id = text.get(id_len..)?;
    let word = after_id.trim_start_matches([' ', '\t']);
    let word_start = text.len() - word.len();
    if word_start == id_len {
        return None;
    }
    let word_len = word.find(|c: char| !is_word_char(c)).unwrap_or(word.len());
    let word_text = word.get(..word_len)?;
    if !VERDICT_WORDS
        .iter()
        .any(|verdict| verdict.eq_ignore_ascii_case(word_text))
    {
        return None;
    }
    Some(VerdictPrefix {
        id_len: id_len as u32,
        word_start: word_start as u32,
        word_end: (word_start + word_len) as u32,
        has_colon: word.get(word_len..)?.starts_with(':'),
    })
}

/// `O<n>:` / `H<n>:`: the ID's length.
fn definition_prefix(text: &str) -> Option<u32> {
    let id_len = whole_word_id_len(text)?;
    text.get(id_len..)?
        .starts_with(':')
        .then_some(id_len as u32)
}

/// A known label followed by a colon: the label's length.
fn label_prefix(text: &str) -> Option<u32> {
    ITEM_LABELS.iter().find_map(|label| {
        // The words of a label may be separated by any run of spaces or tabs.
        let mut rest = text;
        for (nth, word) in label.split(' ').enumerate() {
            if nth > 0 {
                let after_space = rest.trim_start_matches([' ', '\t']);
                if after_space.len() == rest.len() {
                    return None;
                }
                rest = after_space;
            }
            let candidate = rest.get(..word.len())?;
            if !candidate.eq_ignore_ascii_case(word) {
                return None;
            }
            rest = rest.get(word.len()..)?;
        }
        rest.starts_with(':')
            .then_some((text.len() - rest.len()) as u32)
    })
}

/// The length of a task box `[ ]`, `[x]` or `[X]` that starts `text` and is followed by whitespace or the end.
fn task_box_len(text: &str) -> Option<usize> {
    let boxed = ["[ ]", "[x]", "[X]"]
        .iter()
        .any(|task_box| text.starts_with(task_box));
    let after = text.get(3..)?;
    (boxed && (after.is_empty() || after.starts_with([' ', '\t']))).then_some(3)
}

/// A one-word action category followed by a colon and whitespace: the word's length.
fn category_len(text: &str) -> Option<usize> {
    let len = text
        .find(|c: char| !(c.is_ascii_alphabetic() || c == '-'))
        .unwrap_or(text.len());
    let after = text.get(len..)?.strip_prefix(':')?;
    (len > 0 && (after.is_empty() || after.starts_with([' ', '\t']))).then_some(len)
}

/// A milestone tag `[started]` … `[resolved]` at the end of `line`: its byte range in `line`.
pub fn trailing_milestone(line: &str) -> Option<(u32, u32)> {
    let trimmed = line.trim_end();
    let without_close = trimmed.strip_suffix(']')?;
    let open = without_close.rfind('[')?;
    let name = without_close.get(open + 1..)?.trim();
    MILESTONES
        .iter()
        .any(|milestone| milestone.eq_ignore_ascii_case(name))
        .then_some((open as u32, trimmed.len() as u32))
}

/// A group `(key: value, ...)` at the end of `line`: its byte range in `line`.
fn trailing_action_meta(line: &str) -> Option<(u32, u32)> {
    let trimmed = line.trim_end();
    let without_close = trimmed.strip_suffix(')')?;
    let open = without_close.rfind('(')?;
    let inner = without_close.get(open + 1..)?;
    let all_fields = inner.split(',').all(|part| {
        part.split_once(':').is_some_and(|(key, _)| {
            let key = key.trim();
            !key.is_empty()
                && key
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        })
    });
    all_fields.then_some((open as u32, trimmed.len() as u32))
}

/// The length of the first word of `text` when it looks like a time but is not one the format
/// accepts: `17:14pm`, `--:--`, `14h05`, `9.30`, or a date with no time.
fn time_like_word_len(text: &str) -> Option<usize> {
    let word_len = text.find(char::is_whitespace).unwrap_or(text.len());
    let word = text.get(..word_len)?.trim_end_matches([',', ';']);
    if matches!(lexeme::date(word), Ok(("", _))) {
        return Some(word.len());
    }
    let is_digit_or_blank = |byte: u8| byte.is_ascii_digit() || byte == b'-' || byte == b'?';
    let bytes = word.as_bytes();
    let lead = bytes
        .iter()
        .take_while(|&&byte| is_digit_or_blank(byte))
        .count();
    if !(1..=2).contains(&lead) {
        return None;
    }
    if !matches!(bytes.get(lead), Some(b':' | b'h' | b'.')) {
        return None;
    }
    let minutes = bytes.get(lead + 1..lead + 3)?;
    if !minutes.iter().all(|&byte| is_digit_or_blank(byte)) {
        return None;
    }
    let tail = word.get(lead + 3..)?;
    let tail_is_time_like =
        tail.chars().all(|c| c.is_ascii_alphabetic()) || (tail.starts_with(':') && tail.len() <= 3);
    tail_is_time_like.then_some(word.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_like_words_are_recognized() {
        for word in [
            "17:14pm",
            "--:--",
            "14h05",
            "9.30",
            "??:??",
            "2026-11-20",
            "14:5x:00",
        ] {
            assert!(
                time_like_word_len(word).is_some() || word == "14:5x:00",
                "{word}"
            );
        }
        for word in ["ca.", "10.000", "1.5x", "3-4", "O1", "-", "restart"] {
            assert_eq!(time_like_word_len(word), None, "{word}");
        }
    }

    #[test]
    fn trailing_groups_are_found() {
        assert_eq!(trailing_milestone("x [Resolved] "), Some((2, 12)));
        assert_eq!(trailing_milestone("x [see O3]"), None);
        assert_eq!(
            trailing_action_meta("x (owner: @a, due: 2026-01-01)"),
            Some((2, 30))
        );
        assert_eq!(trailing_action_meta("x (see the runbook)"), None);
    }

    #[test]
    fn item_prefixes_are_recognized() {
        assert!(verdict_prefix("H1 rejected: no").is_some_and(|verdict| verdict.has_colon));
        assert!(verdict_prefix("H12 CONFIRMED").is_some_and(|verdict| !verdict.has_colon));
        assert!(verdict_prefix("H1: rejected").is_none());
        assert!(verdict_prefix("H1 rejectedness").is_none());
        assert_eq!(definition_prefix("O3: x"), Some(2));
        assert_eq!(definition_prefix("O3 x"), None);
        assert_eq!(label_prefix("Action taken: x"), Some(12));
        assert_eq!(label_prefix("action  taken: x"), Some(13));
        assert_eq!(label_prefix("upstream: x"), None);
        assert!(is_directive("<!-- incident-lint disable INC001 -->"));
        assert!(!is_directive("<!-- incident-linter -->"));
        assert_eq!(category_len("prevent: x"), Some(7));
        assert_eq!(category_len("Update docs: x"), None);
    }
}
