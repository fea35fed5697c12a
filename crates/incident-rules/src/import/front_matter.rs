//! The front matter: the title, severity, status, date and milestone times the write-up states
//! in its first heading, its `Severity:` and `Status:` lines, its prose and its timeline.
//!
//! Fields are added before the closing fence of a front matter, or in a new one; a value the
//! format does not accept (`SEV-2`) is replaced, with the value as written in a comment.

use std::collections::BTreeMap;

use incident_model::{KNOWN_KEYS, Milestone, lines_of};
use incident_syntax::{SyntaxKind, TextRange};

use super::timeline::Guess;
use super::{ImportContext, REVIEW_MARK, Unmapped};
use crate::diagnostic::Edit;
use crate::skeleton::front_matter_scalar;

/// Severity words and the level they stand for, `SEV1` being the worst. Documented in
/// `docs/adopting.md`.
pub(super) const SEVERITY_WORDS: [(&str, u8); 10] = [
    ("critical", 1),
    ("blocker", 1),
    ("high", 2),
    ("major", 2),
    ("medium", 3),
    ("moderate", 3),
    ("normal", 3),
    ("low", 4),
    ("minor", 4),
    ("trivial", 5),
];

/// Status words and the status they stand for. Documented in `docs/adopting.md`.
pub(super) const STATUS_WORDS: [(&str, &str); 13] = [
    ("resolved", "resolved"),
    ("fixed", "resolved"),
    ("recovered", "resolved"),
    ("closed", "closed"),
    ("complete", "closed"),
    ("completed", "closed"),
    ("done", "closed"),
    ("final", "closed"),
    ("mitigated", "mitigated"),
    ("investigating", "investigating"),
    ("ongoing", "investigating"),
    ("open", "investigating"),
    ("active", "investigating"),
];

/// A `Label: value` line of the preamble, such as `Severity: high` or `**Date:** 2019-12-03`.
struct LabelLine {
    /// The label, lowercase.
    label: String,
    value: String,
    line: TextRange,
}

/// A field to add, with the comment that says where it comes from.
struct NewField {
    key: &'static str,
    value: String,
    comment: Option<String>,
}

pub(super) fn edits(
    cx: &ImportContext<'_>,
    guesses: &BTreeMap<usize, Guess>,
    edits: &mut Vec<Edit>,
    unmapped: &mut Vec<Unmapped>,
) {
    let metadata = &cx.incident.metadata;
    let labels = preamble_labels(cx);
    let mut fields = Vec::new();
    if metadata.field("title").is_none()
        && let Some(title) = &cx.incident.title
    {
        fields.push(NewField {
            key: "title",
            value: front_matter_scalar(&title.value),
            comment: None,
        });
    }
    let severity = Vocabulary {
        key: "severity",
        labels: &["severity", "sev", "priority"],
        accepted: &cx.settings.severities,
        map: map_severity,
    };
    if !severity.read(cx, &labels, &mut fields, edits, unmapped) {
        severity_in_title(cx, &mut fields);
    }
    let milestones = milestone_fields(cx, guesses);
    let has_resolved = metadata.field("resolved").is_some()
        || milestones.iter().any(|field| field.key == "resolved");
    let status = Vocabulary {
        key: "status",
        labels: &["status", "state"],
        accepted: &cx.settings.statuses,
        map: map_status,
    };
    if !status.read(cx, &labels, &mut fields, edits, unmapped) {
        status_from_prose(cx, has_resolved, &mut fields);
    }
    let has_started = metadata.field("started").is_some()
        || milestones.iter().any(|field| field.key == "started");
    fields.extend(milestones);
    // The day of times written without a date, when nothing else in the text gives it.
    if metadata.field("date").is_none() && !has_started && !cx.incident.timeline.is_empty() {
        let from_label = labels.iter().find_map(|label| {
            (label.label == "date")
                .then(|| incident_model::date_in_text(&label.value))
                .flatten()
                .map(|date| (date, format!("from \"{}\"", cx.slice(label.line).trim())))
        });
        let from_file_name = || {
            cx.settings
                .file_name
                .as_deref()
                .and_then(incident_model::date_in_text)
                .map(|date| (date, "from the file name".to_owned()))
        };
        if let Some((date, source)) = from_label.or_else(from_file_name) {
            fields.push(NewField {
                key: "date",
                value: date.to_string(),
                comment: Some(source),
            });
        }
    }
    fields.sort_by_key(|field| KNOWN_KEYS.iter().position(|key| *key == field.key));
    if fields.is_empty() {
        return;
    }
    let eol = cx.eol;
    let mut block = String::new();
    for field in &fields {
        block.push_str(field.key);
        block.push_str(": ");
        block.push_str(&field.value);
        if let Some(comment) = &field.comment {
            block.push_str(&format!("   # {REVIEW_MARK} {comment}"));
        }
        block.push_str(eol);
    }
    match metadata.range {
        None => {
            let start = cx
                .parse
                .root()
                .child(SyntaxKind::Bom)
                .map_or(0, |bom| bom.range().end());
            edits.push(Edit::insert(start, format!("---{eol}{block}---{eol}{eol}")));
        }
        Some(range) => match closing_fence(cx, range) {
            Some(fence) => edits.push(Edit::insert(fence, block)),
            None => unmapped.push(Unmapped {
                range: TextRange::new(range.start(), cx.line_end(range.start())),
                message: format!(
                    "the front matter is not closed, so the import added none of {}: close it with `---` and import again",
                    fields
                        .iter()
                        .map(|field| format!("`{}`", field.key))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            }),
        },
    }
}

/// The offset of the closing `---` or `...` line of the front matter at `range`.
fn closing_fence(cx: &ImportContext<'_>, range: TextRange) -> Option<u32> {
    let lines = lines_of(cx.text, range);
    let last = lines.last()?;
    let is_fence = matches!(cx.slice(*last).trim_end(), "---" | "...");
    (lines.len() > 1 && is_fence).then_some(last.start())
}

/// A front matter key whose value comes from a vocabulary: `severity`, `status`.
struct Vocabulary<'a> {
    key: &'static str,
    /// The labels of preamble lines that give it.
    labels: &'a [&'a str],
    /// The values the configuration accepts.
    accepted: &'a [String],
    /// A written value read as one of `accepted`.
    map: fn(&str, &[String]) -> Option<String>,
}

impl Vocabulary<'_> {
    /// Reads the value from the front matter (mapping one the format does not accept) or from
    /// a preamble line; returns whether either gave one.
    fn read(
        &self,
        cx: &ImportContext<'_>,
        labels: &[LabelLine],
        fields: &mut Vec<NewField>,
        edits: &mut Vec<Edit>,
        unmapped: &mut Vec<Unmapped>,
    ) -> bool {
        if let Some(field) = cx.incident.metadata.field(self.key) {
            let Some(scalar) = field.value.as_scalar() else {
                return true;
            };
            if self.accepted.contains(&scalar.value) {
                return true;
            }
            match (self.map)(&scalar.value, self.accepted) {
                Some(value) => {
                    let line_end = cx.line_end(scalar.range.end());
                    let has_comment = !cx
                        .slice(TextRange::new(scalar.range.end(), line_end))
                        .trim()
                        .is_empty();
                    let note = format!("{REVIEW_MARK} written as {}", scalar.value);
                    if has_comment {
                        edits.push(Edit::replace(scalar.range, value));
                        edits.push(Edit::insert(line_end, format!("; {note}")));
                    } else {
                        edits.push(Edit::replace(scalar.range, format!("{value}   # {note}")));
                    }
                }
                None => unmapped.push(Unmapped {
                    range: scalar.range,
                    message: self.unknown(&scalar.value),
                }),
            }
            return true;
        }
        let Some(label) = labels
            .iter()
            .find(|label| self.labels.contains(&label.label.as_str()))
        else {
            return false;
        };
        match (self.map)(&label.value, self.accepted) {
            Some(value) => {
                fields.push(NewField {
                    key: self.key,
                    value,
                    comment: Some(format!(
                        "from \"{}\"; check it",
                        cx.slice(label.line).trim()
                    )),
                });
                true
            }
            None => {
                unmapped.push(Unmapped {
                    range: label.line,
                    message: self.unknown(&label.value),
                });
                false
            }
        }
    }

    fn unknown(&self, written: &str) -> String {
        format!(
            "{} `{}` is none of {}: add `{}:` to the front matter by hand",
            self.key,
            written.trim(),
            self.accepted
                .iter()
                .map(|value| format!("`{value}`"))
                .collect::<Vec<_>>()
                .join(", "),
            self.key
        )
    }
}

/// The severity a title such as `[SEV2] Checkout down` gives.
fn severity_in_title(cx: &ImportContext<'_>, fields: &mut Vec<NewField>) {
    let Some(title) = cx
        .incident
        .title
        .as_ref()
        .or(cx.incident.metadata.scalar("title"))
    else {
        return;
    };
    let found = title
        .value
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
        .filter(|word| word.starts_with("SEV"))
        .find_map(|word| Some((word, map_severity(word, &cx.settings.severities)?)));
    if let Some((word, value)) = found {
        fields.push(NewField {
            key: "severity",
            value,
            comment: Some(format!("from \"{word}\" in the title; check it")),
        });
    }
}

/// The status the prose gives: a whole word `resolved` or `mitigated`, else `resolved` when
/// the timeline has a resolved time.
fn status_from_prose(cx: &ImportContext<'_>, has_resolved: bool, fields: &mut Vec<NewField>) {
    let said = ["resolved", "mitigated"]
        .into_iter()
        .find(|word| has_whole_word(cx.text, word));
    let (status, comment) = match said {
        Some(word) => (word, format!("the write-up says \"{word}\"; check it")),
        None if has_resolved => (
            "resolved",
            "the timeline has a resolved time; check it".to_owned(),
        ),
        None => return,
    };
    if cx.settings.statuses.iter().any(|value| value == status) {
        fields.push(NewField {
            key: "status",
            value: status.to_owned(),
            comment: Some(comment),
        });
    }
}

/// Whether `text` has `word` (lowercase) as a whole word, in any case.
fn has_whole_word(text: &str, word: &str) -> bool {
    // ASCII lowercase keeps every offset.
    let lower = text.to_ascii_lowercase();
    lower.match_indices(word).any(|(start, _)| {
        let before = lower
            .get(..start)
            .and_then(|before| before.chars().next_back());
        let after = lower
            .get(start + word.len()..)
            .and_then(|after| after.chars().next());
        let is_word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        !is_word(before) && !is_word(after)
    })
}

/// The milestone times of the timeline's tags and guesses that the front matter lacks.
fn milestone_fields(cx: &ImportContext<'_>, guesses: &BTreeMap<usize, Guess>) -> Vec<NewField> {
    let timeline = &cx.incident.timeline;
    Milestone::ALL
        .into_iter()
        .filter(|milestone| cx.incident.metadata.field(milestone.name()).is_none())
        .filter_map(|milestone| {
            let (idx, entry) = timeline.iter().enumerate().find(|(idx, entry)| {
                entry.milestone.as_ref().map(|tag| tag.value) == Some(milestone)
                    || guesses.get(idx).map(|guess| guess.milestone) == Some(milestone)
            })?;
            let instant = entry.instant()?;
            let seconds = if instant.second() == 0 { "" } else { ":%S" };
            let value = instant
                .strftime(&format!("%Y-%m-%d %H:%M{seconds} %:z"))
                .to_string();
            let how = if guesses.contains_key(&idx) {
                "guessed "
            } else {
                ""
            };
            Some(NewField {
                key: milestone.name(),
                value,
                comment: Some(format!(
                    "{how}from the [{}] entry of the timeline; check it",
                    milestone.name()
                )),
            })
        })
        .collect()
}

/// The `Label: value` lines of the preamble, in paragraphs or list items, with the label and
/// the value in bold or not.
fn preamble_labels(cx: &ImportContext<'_>) -> Vec<LabelLine> {
    let Some(preamble) = cx.parse.root().child(SyntaxKind::Preamble) else {
        return Vec::new();
    };
    let emphasis = ['*', '_'];
    lines_of(cx.text, preamble.range())
        .into_iter()
        .filter_map(|line| {
            let content = cx.slice(line).trim_start();
            let content = ["- ", "* ", "+ "]
                .iter()
                .find_map(|marker| content.strip_prefix(marker))
                .unwrap_or(content)
                .trim_start_matches(emphasis);
            let (label, value) = content.split_once(':')?;
            let label = label.trim().trim_end_matches(emphasis).trim();
            let is_label = !label.is_empty()
                && label.split_whitespace().count() <= 2
                && label.chars().all(|c| c.is_alphabetic() || c == ' ');
            let value = value.trim_start_matches(emphasis).trim();
            (is_label && !value.is_empty()).then(|| LabelLine {
                label: label.to_lowercase(),
                value: value.to_owned(),
                line,
            })
        })
        .collect()
}

/// A written severity (`SEV-2`, `Sev 2`, `P1`, `high`, `2`) as one of `accepted`: levels 1 to 5
/// are `SEV1` to `SEV5`, and `P0` is level 1.
fn map_severity(written: &str, accepted: &[String]) -> Option<String> {
    let written = written.trim();
    if let Some(value) = accepted
        .iter()
        .find(|value| value.eq_ignore_ascii_case(written))
    {
        return Some(value.clone());
    }
    let lower = written.to_lowercase();
    let first_word = lower
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '(' | ')' | '/'))
        .find(|word| !word.is_empty())
        .unwrap_or_default();
    let digit = |text: &str| -> Option<u8> {
        let mut chars = text.chars();
        let level = chars.next()?.to_digit(10)?;
        let ends = chars.next().is_none_or(|c| !c.is_ascii_digit());
        ends.then(|| u8::try_from(level).ok()).flatten()
    };
    let level = if let Some(rest) = lower.strip_prefix("sev") {
        let rest = rest.strip_prefix("erity").unwrap_or(rest);
        digit(rest.trim_start_matches([' ', '-', '_', ':']))
    } else if let Some(rest) = first_word.strip_prefix('p') {
        digit(rest).map(|level| level.max(1))
    } else {
        SEVERITY_WORDS
            .iter()
            .find(|(word, _)| *word == first_word)
            .map(|(_, level)| *level)
            .or_else(|| digit(first_word))
    }?;
    let value = format!("SEV{level}");
    accepted
        .iter()
        .find(|candidate| candidate.eq_ignore_ascii_case(&value))
        .cloned()
}

/// A written status (`Resolved`, `Complete, action items in progress`) as one of `accepted`,
/// by its first word.
fn map_status(written: &str, accepted: &[String]) -> Option<String> {
    let lower = written.trim().to_lowercase();
    let first_word = lower
        .split(|c: char| !c.is_alphabetic())
        .find(|word| !word.is_empty())?;
    let status = STATUS_WORDS
        .iter()
        .find(|(word, _)| *word == first_word)
        .map(|(_, status)| *status)?;
    accepted
        .iter()
        .find(|candidate| candidate.eq_ignore_ascii_case(status))
        .cloned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::{DEFAULT_SEVERITIES, DEFAULT_STATUSES};

    fn strings(values: &[&str]) -> Vec<String> {
        values.iter().map(|value| (*value).to_owned()).collect()
    }

    #[test]
    fn severities_map_to_the_vocabulary() {
        let accepted = strings(&DEFAULT_SEVERITIES);
        let severity = |written| map_severity(written, &accepted);
        assert_eq!(severity("SEV-2").as_deref(), Some("SEV2"));
        assert_eq!(severity("sev 3").as_deref(), Some("SEV3"));
        assert_eq!(severity("Severity 1").as_deref(), Some("SEV1"));
        assert_eq!(severity("P0").as_deref(), Some("SEV1"));
        assert_eq!(severity("P2 (customer facing)").as_deref(), Some("SEV2"));
        assert_eq!(severity("High").as_deref(), Some("SEV2"));
        assert_eq!(severity("4").as_deref(), Some("SEV4"));
        assert_eq!(severity("SEV12"), None);
        assert_eq!(severity("P9"), None);
        assert_eq!(severity("purple"), None);
        let team = strings(&["critical", "major", "minor"]);
        assert_eq!(map_severity("Major", &team).as_deref(), Some("major"));
    }

    #[test]
    fn statuses_map_by_their_first_word() {
        let accepted = strings(&DEFAULT_STATUSES);
        let status = |written| map_status(written, &accepted);
        assert_eq!(status("Resolved").as_deref(), Some("resolved"));
        assert_eq!(
            status("Complete, action items in progress").as_deref(),
            Some("closed")
        );
        assert_eq!(status("Draft"), None);
    }

    #[test]
    fn whole_words_are_found_in_any_case() {
        assert!(has_whole_word("Unresolved, then Resolved.", "resolved"));
        assert!(!has_whole_word("unresolved", "resolved"));
    }
}
