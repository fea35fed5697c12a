//! "Did you mean" suggestions and placeholder detection, shared by rules and configuration.

/// The candidate closest to `word`, when it is close enough to be a likely typo: compared
/// case-insensitively, with transpositions counting as one edit.
pub fn did_you_mean<'c>(
    word: &str,
    candidates: impl IntoIterator<Item = &'c str>,
) -> Option<&'c str> {
    let word = word.trim().to_lowercase();
    if word.is_empty() {
        return None;
    }
    let mut best: Option<(usize, &'c str)> = None;
    for candidate in candidates {
        let distance = strsim::damerau_levenshtein(&word, &candidate.to_lowercase());
        let limit = (word.chars().count().min(candidate.chars().count()) / 3).max(1);
        if distance <= limit && best.is_none_or(|(best_distance, _)| distance < best_distance) {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, candidate)| candidate)
}

/// Words people write where the real text is still missing.
const PLACEHOLDERS: [&str; 10] = [
    "todo", "tbd", "tba", "fixme", "xxx", "n/a", "na", "none", "unknown", "later",
];

/// Whether `text` says nothing yet: empty, only punctuation, or a placeholder such as `TODO`
/// (optionally followed by punctuation or a short note in angle brackets).
pub fn is_placeholder(text: &str) -> bool {
    let trimmed =
        text.trim_matches(|c: char| c.is_whitespace() || c.is_ascii_punctuation() || c == '…');
    if trimmed.is_empty() {
        return true;
    }
    let lower = trimmed.to_lowercase();
    let first_word = lower
        .split(|c: char| c.is_whitespace() || c == ':')
        .next()
        .unwrap_or_default();
    PLACEHOLDERS.contains(&lower.as_str())
        || (first_word == "todo" || first_word == "tbd" || first_word == "fixme")
}

/// The `values` in backticks, joined for a sentence: `` `a` ``, `` `a` or `b` ``,
/// `` `a`, `b` or `c` `` (with `conjunction` `or`), to list accepted values in a help.
pub(crate) fn code_list<'v>(
    values: impl IntoIterator<Item = &'v str>,
    conjunction: &str,
) -> String {
    let quoted: Vec<String> = values
        .into_iter()
        .map(|value| format!("`{value}`"))
        .collect();
    match quoted.as_slice() {
        [] => String::new(),
        [only] => only.clone(),
        [init @ .., last] => format!("{} {conjunction} {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions_catch_typos_only() {
        let sections = ["Summary", "Impact", "Timeline", "Actions"];
        assert_eq!(did_you_mean("Timline", sections), Some("Timeline"));
        assert_eq!(did_you_mean("Impcat", sections), Some("Impact"));
        assert_eq!(did_you_mean("timeline", sections), Some("Timeline"));
        assert_eq!(did_you_mean("Root cause", sections), None);
        assert_eq!(did_you_mean("", sections), None);
    }

    #[test]
    fn placeholders_are_recognized() {
        for text in [
            "",
            "  ",
            "-",
            "...",
            "…",
            "TODO",
            "todo: fill in",
            "TBD.",
            "?",
            "n/a",
        ] {
            assert!(is_placeholder(text), "{text:?}");
        }
        for text in ["memory was at 41%", "no OOM kills", "todos were lost"] {
            assert!(!is_placeholder(text), "{text:?}");
        }
    }

    #[test]
    fn code_lists_read_as_sentences() {
        assert_eq!(code_list([], "or"), "");
        assert_eq!(code_list(["SEV1"], "or"), "`SEV1`");
        assert_eq!(code_list(["a", "b", "c"], "and"), "`a`, `b` and `c`");
    }
}
