//! Section kinds and the table that maps heading text to them.

use std::collections::HashMap;

use serde::Serialize;

/// What a level-2 section is for, decided by its heading text through a [`SectionTable`].
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SectionKind {
    /// What happened and why it mattered, in a few sentences.
    Summary,
    /// Who and what was affected, and how much.
    Impact,
    /// What is up, what is down, what the logs say; starts a new investigation loop.
    Observe,
    /// What changed, what should have happened, the story so far.
    Orient,
    /// The hypotheses, written down before testing them.
    Decide,
    /// The tests of the hypotheses and their verdicts.
    Act,
    /// When things happened.
    Timeline,
    /// Follow-up actions.
    Actions,
    /// What was learned.
    Lessons,
    /// Why it broke, as the post-mortem states it ("Root cause"): the answer a plain write-up
    /// gives without recording the investigation that found it.
    Cause,
    /// A heading the team knows but the method does not check, such as "Attendees".
    Other,
    /// A heading the table does not know; kept as it is.
    Unknown,
}

impl SectionKind {
    /// Every kind the method checks, in the order a complete write-up usually has them.
    pub const KNOWN: [SectionKind; 10] = [
        SectionKind::Summary,
        SectionKind::Impact,
        SectionKind::Cause,
        SectionKind::Observe,
        SectionKind::Orient,
        SectionKind::Decide,
        SectionKind::Act,
        SectionKind::Timeline,
        SectionKind::Actions,
        SectionKind::Lessons,
    ];

    /// The canonical heading text.
    pub fn title(self) -> &'static str {
        match self {
            SectionKind::Summary => "Summary",
            SectionKind::Impact => "Impact",
            SectionKind::Observe => "Observe",
            SectionKind::Orient => "Orient",
            SectionKind::Decide => "Decide",
            SectionKind::Act => "Act",
            SectionKind::Timeline => "Timeline",
            SectionKind::Actions => "Actions",
            SectionKind::Lessons => "Lessons",
            SectionKind::Cause => "Root cause",
            SectionKind::Other => "Other",
            SectionKind::Unknown => "Unknown",
        }
    }

    /// The kind's name in configuration (`[sections] "Root cause" = "cause"`) and JSON output.
    pub fn name(self) -> &'static str {
        match self {
            SectionKind::Summary => "summary",
            SectionKind::Impact => "impact",
            SectionKind::Observe => "observe",
            SectionKind::Orient => "orient",
            SectionKind::Decide => "decide",
            SectionKind::Act => "act",
            SectionKind::Timeline => "timeline",
            SectionKind::Actions => "actions",
            SectionKind::Lessons => "lessons",
            SectionKind::Cause => "cause",
            SectionKind::Other => "other",
            SectionKind::Unknown => "unknown",
        }
    }

    /// The kind a configuration names, `other` included, any case.
    pub fn from_name(name: &str) -> Option<SectionKind> {
        SectionKind::KNOWN
            .into_iter()
            .chain([SectionKind::Other])
            .find(|kind| kind.name().eq_ignore_ascii_case(name.trim()))
    }

    /// Whether sections of this kind form the Observe-Orient-Decide-Act loop and so may repeat.
    pub fn is_loop_step(self) -> bool {
        matches!(
            self,
            SectionKind::Observe | SectionKind::Orient | SectionKind::Decide | SectionKind::Act
        )
    }
}

/// Maps heading text to section kinds: the canonical names plus aliases.
///
/// Names are compared after [`normalize_heading`]: case, surrounding and repeated whitespace,
/// and a trailing colon do not matter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SectionTable {
    kinds_by_name: HashMap<String, SectionKind>,
}

impl Default for SectionTable {
    fn default() -> SectionTable {
        let mut table = SectionTable {
            kinds_by_name: HashMap::new(),
        };
        for kind in SectionKind::KNOWN {
            table.add_alias(kind.title(), kind);
        }
        table.add_alias("Action items", SectionKind::Actions);
        table.add_alias("Follow-up actions", SectionKind::Actions);
        table.add_alias("Follow-up tasks", SectionKind::Actions);
        table.add_alias("Lessons learned", SectionKind::Lessons);
        table.add_alias("Cause", SectionKind::Cause);
        table.add_alias("Root causes", SectionKind::Cause);
        table
    }
}

impl SectionTable {
    /// Makes headings named `name` sections of `kind`.
    pub fn add_alias(&mut self, name: &str, kind: SectionKind) {
        self.kinds_by_name.insert(normalize_heading(name), kind);
    }

    /// The kind of a section whose heading text is `name`.
    pub fn kind_of(&self, name: &str) -> SectionKind {
        self.kinds_by_name
            .get(&normalize_heading(name))
            .copied()
            .unwrap_or(SectionKind::Unknown)
    }

    /// Every name the table knows, normalized, with its kind, sorted by name.
    pub fn names(&self) -> Vec<(&str, SectionKind)> {
        let mut names: Vec<(&str, SectionKind)> = self
            .kinds_by_name
            .iter()
            .map(|(name, kind)| (name.as_str(), *kind))
            .collect();
        names.sort_unstable_by_key(|(name, _)| *name);
        names
    }
}

/// Normalizes heading text for comparison: trimmed, a leading section number (`2.`, `3)`,
/// `1.2`) and a trailing parenthetical note (`(all times UTC)`) removed, inner whitespace
/// collapsed to one space, a trailing colon removed, lowercase.
pub fn normalize_heading(name: &str) -> String {
    let mut trimmed = name.trim();
    let number_len = trimmed
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ')'))
        .unwrap_or(trimmed.len());
    let number = trimmed.get(..number_len).unwrap_or_default();
    let after_number = trimmed.get(number_len..).unwrap_or_default();
    if number.starts_with(|c: char| c.is_ascii_digit())
        && number.ends_with(['.', ')'])
        && after_number.starts_with(char::is_whitespace)
    {
        trimmed = after_number.trim_start();
    }
    let without_colon = trimmed.trim_end().trim_end_matches(':').trim_end();
    if let Some(open) = without_colon.rfind('(') {
        if without_colon.ends_with(')') && open > 0 {
            trimmed = without_colon.get(..open).unwrap_or(without_colon);
        }
    }
    let trimmed = trimmed.trim().trim_end_matches(':').trim_end();
    let mut normalized = String::with_capacity(trimmed.len());
    for word in trimmed.split_whitespace() {
        if !normalized.is_empty() {
            normalized.push(' ');
        }
        normalized.extend(word.chars().flat_map(char::to_lowercase));
    }
    normalized
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_match_case_and_space_insensitively() {
        let table = SectionTable::default();
        assert_eq!(table.kind_of("  OBSERVE "), SectionKind::Observe);
        assert_eq!(table.kind_of("Action   items:"), SectionKind::Actions);
        assert_eq!(table.kind_of("Timline"), SectionKind::Unknown);
        assert_eq!(table.kind_of("2. Timeline (PST)"), SectionKind::Timeline);
        assert_eq!(
            table.kind_of("Timeline (all times CET):"),
            SectionKind::Timeline
        );
        assert_eq!(table.kind_of("4) Action items"), SectionKind::Actions);
        assert_eq!(table.kind_of("2026. Summary"), SectionKind::Summary);
        assert_eq!(table.kind_of("(Summary)"), SectionKind::Unknown);
    }

    #[test]
    fn aliases_extend_the_table() {
        let mut table = SectionTable::default();
        table.add_alias("Root cause", SectionKind::Decide);
        assert_eq!(table.kind_of("root cause"), SectionKind::Decide);
    }
}
