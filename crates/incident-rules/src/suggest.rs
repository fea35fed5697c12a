//! "Did you mean" suggestions, placeholder detection and the section a heading's words name, shared
//! by rules, configuration and the import of Markdown post-mortems.

use incident_syntax::SectionKind;

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

/// Words that say what a heading is for, and the kind they point to, checked in order: the
/// first kind with a word in the heading wins, so narrow words come before broad ones.
const KIND_WORDS: &[(SectionKind, &[&str])] = &[
    (
        SectionKind::Timeline,
        &[
            "timeline",
            "chronology",
            "sequence of events",
            "time line",
            "log of events",
        ],
    ),
    (
        SectionKind::Actions,
        &[
            "action",
            "follow-up",
            "follow up",
            "followup",
            "remediation",
            "next steps",
            "to do",
            "todo",
            "corrective",
        ],
    ),
    (
        SectionKind::Cause,
        &["cause", "trigger", "contributing", "why", "fault"],
    ),
    (
        SectionKind::Lessons,
        &[
            "lesson",
            "learn",
            "went well",
            "went wrong",
            "lucky",
            "takeaway",
            "retrospective",
        ],
    ),
    (
        SectionKind::Impact,
        &[
            "impact",
            "affected",
            "customer",
            "blast radius",
            "user-facing",
        ],
    ),
    (
        SectionKind::Summary,
        &[
            "summary",
            "overview",
            "tl;dr",
            "tldr",
            "abstract",
            "what happened",
        ],
    ),
    (SectionKind::Observe, &["symptom", "observation"]),
    (SectionKind::Decide, &["hypothes"]),
];

/// The kind a heading's words suggest, such as Timeline for `Chronology of events`.
pub(crate) fn section_kind_by_words(heading: &str) -> Option<SectionKind> {
    let heading = heading.to_lowercase();
    KIND_WORDS
        .iter()
        .find(|(_, words)| words.iter().any(|word| heading.contains(word)))
        .map(|(kind, _)| *kind)
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

    #[test]
    fn headings_suggest_the_kind_their_words_name() {
        let kind = |heading| section_kind_by_words(heading).map(SectionKind::name);
        assert_eq!(kind("Chronology of events"), Some("timeline"));
        assert_eq!(kind("Detailed timeline (UTC)"), Some("timeline"));
        assert_eq!(kind("Remediation items"), Some("actions"));
        assert_eq!(kind("Contributing factors"), Some("cause"));
        assert_eq!(kind("What went well"), Some("lessons"));
        assert_eq!(kind("Customer impact"), Some("impact"));
        assert_eq!(kind("Overview"), Some("summary"));
        assert_eq!(kind("Attendees"), None);
    }
}
