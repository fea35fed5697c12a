//! Whether a reason or an observation says what was seen: content-free answers and signs of
//! evidence, shared by the rules that ask for reasons, evidence and observations.
//!
//! Both questions are answered with a small vocabulary and a few shape checks, chosen to be
//! precise rather than loud: a reason is content-free only when every word of it is a word
//! that carries no observation (`nope`, `didn't work`, `confirmed: yes`), so any noun the
//! writer adds ("memory normal") is taken as content.

use crate::suggest::is_placeholder;

/// Words that say a verdict or a feeling, never what was seen.
/// Apostrophes are kept, so `didn't` is one word.
const CONTENT_FREE_WORDS: &[&str] = &[
    "a",
    "again",
    "all",
    "as",
    "bad",
    "be",
    "broken",
    "cause",
    "clearly",
    "confirmed",
    "correct",
    "course",
    "definitely",
    "did",
    "didn't",
    "does",
    "doesn't",
    "done",
    "expected",
    "false",
    "fine",
    "fix",
    "fixed",
    "gone",
    "good",
    "guess",
    "help",
    "helped",
    "incorrect",
    "indeed",
    "is",
    "isn't",
    "issue",
    "it",
    "likely",
    "look",
    "looks",
    "luck",
    "maybe",
    "nah",
    "no",
    "nope",
    "not",
    "nothing",
    "now",
    "obviously",
    "of",
    "ok",
    "okay",
    "one",
    "probably",
    "problem",
    "rejected",
    "resolved",
    "right",
    "same",
    "seems",
    "so",
    "solved",
    "still",
    "sure",
    "that",
    "the",
    "this",
    "to",
    "true",
    "was",
    "wasn't",
    "work",
    "worked",
    "working",
    "works",
    "wrong",
    "yeah",
    "yep",
    "yes",
];

/// Words that name where something was seen: a log, a metric, a command and its output.
const EVIDENCE_WORDS: &[&str] = &[
    "alert",
    "curl",
    "dashboard",
    "dmesg",
    "error rate",
    "events",
    "graph",
    "grep",
    "journalctl",
    "kubectl",
    "latency",
    "log",
    "logs",
    "metric",
    "metrics",
    "output",
    "p50",
    "p95",
    "p99",
    "returned",
    "returns",
    "said",
    "says",
    "showed",
    "shows",
    "status code",
    "trace",
    "traces",
];

/// Whether `text`, given as a reason or as evidence, says nothing that was seen: a placeholder
/// (see [`is_placeholder`]), or only words from a small vocabulary of verdicts and feelings
/// (`nope`, `didn't work`, `yes`, `works now`, `not the cause`).
/// Text with a digit, a code span, a quotation or an ID always has content.
pub(crate) fn is_content_free(text: &str) -> bool {
    if is_placeholder(text) {
        return true;
    }
    if has_quotation_or_number(text) {
        return false;
    }
    words(text).all(|word| CONTENT_FREE_WORDS.contains(&word.as_str()))
}

/// Whether `text` (an observation) quotes or cites a log, a metric or a command's output: a
/// code span, a quotation, a number, or a word such as `log`, `dashboard`, `p99` or `kubectl`.
pub(crate) fn has_evidence(text: &str) -> bool {
    if has_quotation_or_number(text) {
        return true;
    }
    let lower = text.to_lowercase();
    let words: Vec<String> = words(text).collect();
    EVIDENCE_WORDS.iter().any(|evidence| {
        if evidence.contains(' ') {
            lower.contains(evidence)
        } else {
            words.iter().any(|word| word == evidence)
        }
    })
}

/// Whether `text` has a code span, a quotation or a digit: something copied from a screen.
fn has_quotation_or_number(text: &str) -> bool {
    text.contains(['`', '"', '“']) || text.chars().any(|c| c.is_ascii_digit())
}

/// The lowercase words of `text`, with typographic apostrophes made plain.
fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .filter(|word| !word.is_empty())
        .map(|word| word.to_lowercase().replace('’', "'"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_free_reasons_are_recognized() {
        for text in [
            "",
            "TODO: what ruled it out?",
            "nope",
            "didn't work",
            "didn’t help",
            "yes",
            "works now",
            "not the cause.",
            "Obviously not!",
            "...",
        ] {
            assert!(is_content_free(text), "{text:?}");
        }
    }

    #[test]
    fn reasons_that_name_what_was_seen_have_content() {
        for text in [
            "memory normal",
            "memory peaked at 41%",
            "no OOM kills in `dmesg`",
            "see O4",
            "the pods never restarted",
            "nope, the CDN was bypassed and the origin served the old page",
        ] {
            assert!(!is_content_free(text), "{text:?}");
        }
    }

    #[test]
    fn evidence_is_a_quote_a_number_or_a_named_source() {
        for text in [
            "the log says `password authentication failed`",
            "restarted 3 times since 14:00",
            "the dashboard shows the error rate climbing",
            "kubectl describe lists an empty secret",
        ] {
            assert!(has_evidence(text), "{text:?}");
        }
        for text in [
            "billing-worker is down",
            "redirects are wrong",
            "catalog is slow",
        ] {
            assert!(!has_evidence(text), "{text:?}");
        }
    }
}
