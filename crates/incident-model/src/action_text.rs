//! Owners and due dates written in an action's text, as older post-mortems write them:
//! `due 2026-12-20` or `by 2026-12-20`, a trailing group that mixes `key: value` pairs with
//! other words, `(owner: SRE, P1)`, an owner after a dash, `— Dana` or `- @dana`, and a handle
//! in brackets, `[@dana]` or `(@dana)`.
//!
//! These are not the format's syntax (SPEC 8.7): the tree keeps them as inline text, and the
//! model reads them so that the rules do not report an owner or a due date that is written.
//! Each reader takes the action's text as it is in the source and answers byte ranges in it.

/// A due date written in the text: a date `YYYY-MM-DD` directly after `due`, `by` or
/// `due by`, each optionally with a colon, or after `(due`. The date's range in `text`.
/// `by Friday` has no date.
pub(crate) fn due_date(text: &str) -> Option<(usize, usize)> {
    let words = words(text);
    words.windows(2).find_map(|pair| {
        let [(_, lead), (start, word)] = pair else {
            return None;
        };
        let lead = lead.trim_start_matches('(').trim_end_matches(':');
        let is_due_word = ["due", "by"]
            .iter()
            .any(|due_word| lead.eq_ignore_ascii_case(due_word));
        let date = word.trim_end_matches([')', ',', ';', '.']);
        (is_due_word && incident_syntax::parse_date(date).is_some())
            .then(|| (*start, start + date.len()))
    })
}

/// The `key: value` pairs of a parenthesized group that ends `text` and is not only such pairs
/// (which the parser reads as the meta group), such as `(owner: SRE, P1)`: each key's and
/// value's range in `text`. Keys are made as the meta group's are; a group with no pair, such
/// as `(P1)` or `(see O3)`, has none.
pub(crate) fn mixed_group_pairs(text: &str) -> Vec<((usize, usize), (usize, usize))> {
    let trimmed = text.trim_end();
    let Some(without_close) = trimmed.strip_suffix(')') else {
        return Vec::new();
    };
    let Some(open) = without_close.rfind('(') else {
        return Vec::new();
    };
    let mut pairs = Vec::new();
    let mut part_start = open + 1;
    for part in without_close.get(open + 1..).unwrap_or_default().split(',') {
        if let Some((written_key, value)) = part.split_once(':') {
            let key_start = part_start + (written_key.len() - written_key.trim_start().len());
            let key = written_key.trim();
            let value_start =
                part_start + written_key.len() + 1 + (value.len() - value.trim_start().len());
            let is_key = !key.is_empty()
                && key
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
            if is_key && !value.trim().is_empty() {
                pairs.push((
                    (key_start, key_start + key.len()),
                    (value_start, value_start + value.trim().len()),
                ));
            }
        }
        part_start += part.len() + 1;
    }
    pairs
}

/// An owner that ends the last line of `text`: after a dash between spaces (`— Dana`,
/// `– Dana`, `- @dana`, `-- SRE`), or an `@handle` alone in brackets (`[@dana]`, `(@dana)`).
/// After a dash, the owner is an `@handle` or a name of one to three capitalized words that
/// are not dates or states, such as `Dana`, `Dana Scully` or `SRE`; `- done`, `— Monday` and
/// `(P1)` are not owners. The owner's range in `text`.
pub(crate) fn trailing_owner(text: &str) -> Option<(usize, usize)> {
    let trimmed = text.trim_end();
    let line_start = trimmed.rfind(['\n', '\r']).map_or(0, |idx| idx + 1);
    let line = trimmed.get(line_start..)?;
    if let Some(inner) = bracketed_tail(line) {
        let (start, handle) = inner;
        return is_handle(handle).then(|| (line_start + start, line_start + start + handle.len()));
    }
    let (separator_start, separator) = [" — ", " – ", " -- ", " - "]
        .iter()
        .filter_map(|separator| line.rfind(separator).map(|idx| (idx, *separator)))
        .max_by_key(|(idx, _)| *idx)?;
    let owner_start = separator_start + separator.len();
    let owner = line.get(owner_start..)?.trim_start();
    let owner_start = line.len() - owner.len();
    (is_handle(owner) || is_name(owner))
        .then(|| (line_start + owner_start, line_start + line.len()))
}

/// The trimmed contents of a `[...]` or `(...)` group that ends `line`, with its start.
fn bracketed_tail(line: &str) -> Option<(usize, &str)> {
    let (open, close) = if line.ends_with(']') {
        ('[', ']')
    } else if line.ends_with(')') {
        ('(', ')')
    } else {
        return None;
    };
    let without_close = line.strip_suffix(close)?;
    let open_idx = without_close.rfind(open)?;
    let inner = without_close.get(open_idx + 1..)?;
    let start = open_idx + 1 + (inner.len() - inner.trim_start().len());
    Some((start, inner.trim()))
}

/// An `@handle`: `@` and letters, digits, `_`, `-`, `.` or `/`.
fn is_handle(text: &str) -> bool {
    text.strip_prefix('@').is_some_and(|handle| {
        !handle.is_empty()
            && handle
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | '/'))
    })
}

/// Words that are capitalized at the end of an action without naming who owns it: days, and
/// states and times of the action (months are `time::MONTHS`, done states `DONE_WORDS`).
const NOT_NAMES: [&str; 15] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "open",
    "blocked",
    "pending",
    "ongoing",
    "wip",
    "asap",
    "later",
    "next",
];

/// A person's or a team's name: one to three words, each starting with an uppercase letter
/// and made of letters, `'`, `.` and `-`, none of them a day, month or state.
fn is_name(text: &str) -> bool {
    let words: Vec<&str> = text.split(' ').collect();
    (1..=3).contains(&words.len())
        && words.iter().all(|word| {
            word.chars().next().is_some_and(char::is_uppercase)
                && word
                    .chars()
                    .all(|c| c.is_alphabetic() || matches!(c, '\'' | '.' | '-'))
                && !NOT_NAMES
                    .iter()
                    .chain(&crate::time::MONTHS)
                    .chain(&crate::table::DONE_WORDS)
                    .any(|not_name| not_name.eq_ignore_ascii_case(word))
        })
}

/// The whitespace-separated words of `text` with their starts.
fn words(text: &str) -> Vec<(usize, &str)> {
    let mut words = Vec::new();
    let mut word_start: Option<usize> = None;
    for (idx, c) in text.char_indices() {
        match (c.is_whitespace(), word_start) {
            (true, Some(start)) => {
                words.push((start, text.get(start..idx).unwrap_or_default()));
                word_start = None;
            }
            (false, None) => word_start = Some(idx),
            _ => {}
        }
    }
    if let Some(start) = word_start {
        words.push((start, text.get(start..).unwrap_or_default()));
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slice(text: &str, range: Option<(usize, usize)>) -> Option<&str> {
        range.and_then(|(start, end)| text.get(start..end))
    }

    #[test]
    fn due_dates_are_read_after_due_and_by_only_with_a_date() {
        for (text, due) in [
            ("Rotate the key due 2026-12-20", Some("2026-12-20")),
            ("Rotate the key by 2026-12-20.", Some("2026-12-20")),
            ("Rotate the key (due 2026-12-20)", Some("2026-12-20")),
            (
                "Rotate the key, Due: 2026-12-20, owner SRE",
                Some("2026-12-20"),
            ),
            ("Talk to the DB team by Friday", None),
            ("Rotate the key 2026-12-20", None),
            ("Report made by 2026-13-45x", None),
        ] {
            assert_eq!(slice(text, due_date(text)), due, "{text}");
        }
    }

    #[test]
    fn mixed_groups_give_their_pairs() {
        let text = "Rotate the key (owner: SRE, P1)";
        let pairs = mixed_group_pairs(text);
        let read: Vec<(&str, &str)> = pairs
            .iter()
            .filter_map(|(key, value)| Some((slice(text, Some(*key))?, slice(text, Some(*value))?)))
            .collect();
        assert_eq!(read, [("owner", "SRE")]);
        assert!(mixed_group_pairs("Rotate the key (P1)").is_empty());
        assert!(mixed_group_pairs("Rotate the key (see O3)").is_empty());
        assert!(mixed_group_pairs("Rotate (owner: SRE) the key").is_empty());
    }

    #[test]
    fn owners_are_read_after_a_dash_and_in_brackets() {
        for (text, owner) in [
            ("Rotate the credentials — Dana", Some("Dana")),
            ("Rotate the credentials – Dana Scully", Some("Dana Scully")),
            ("Rotate the credentials - @dana", Some("@dana")),
            ("Rotate the credentials -- SRE", Some("SRE")),
            ("Rotate the credentials [@dana]", Some("@dana")),
            ("Rotate the credentials ( @dana )", Some("@dana")),
            ("Rotate it\n  for staging — Dana", Some("Dana")),
            ("Rotate the credentials (P1)", None),
            ("Rotate the credentials [Dana]", None),
            ("Rotate the credentials - done", None),
            ("Rotate the credentials — Monday", None),
            ("Rotate the credentials - see O3", None),
            ("Re-run the job", None),
            ("Rotate — Dana\n  and then the rest", None),
        ] {
            assert_eq!(slice(text, trailing_owner(text)), owner, "{text}");
        }
    }
}
