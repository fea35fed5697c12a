//! `stated-duration-mismatch`: a duration written in the text that the milestones contradict.

use incident_model::{Incident, Measure, Milestone, format_duration, prose_blocks};
use incident_syntax::{SectionKind, SyntaxKind, TextRange};
use jiff::SignedDuration;

use crate::context::LintContext;
use crate::rule::{Check, declare_rule};

declare_rule! {
    /// ## What it does
    /// Reports a duration written in the text that disagrees with the one the milestones give.
    /// It reads two kinds of statements.
    /// A named measure, in prose or in a table row: `Time to resolve: 2h`, `TTD | 7 min`,
    /// `a time to detect of 12 minutes` (time to detect is from `started` to `detected`, time
    /// to mitigate from `detected` to `mitigated`, time to resolve and `duration` from
    /// `started` to `resolved`).
    /// And the length of the impact in the Summary and Impact sections: `for 66 minutes` or
    /// `for about 3 hours` in a sentence about the impact (down, failed, errors, 502, …),
    /// which must match the time from `started` to `resolved` or to `mitigated`.
    ///
    /// The milestones are the front matter times, or the tagged timeline entries where the
    /// front matter has none.
    /// A duration agrees when it is within half of its smallest unit (`2h` covers 1 h 30 min
    /// to 2 h 30 min), within a minute, or within 5 %; with `about`, `around`, `roughly`,
    /// `nearly`, `~` and the like, within a quarter.
    ///
    /// ## Why is this bad?
    /// Readers quote the summary, and reports compare the time to detect and to resolve across
    /// incidents.
    /// When the prose says one duration and the timeline another, one of them is wrong, and
    /// the follow-up actions are judged by the wrong measure.
    ///
    /// ## Example
    /// ```incident
    /// ---
    /// started: 2026-11-20 14:02
    /// detected: 2026-11-20 14:09
    /// resolved: 2026-11-20 15:31
    /// ---
    ///
    /// ## Summary
    ///
    /// Checkout API was down for 66 minutes after the credential rotation.
    ///
    /// - Time to detect: 20 min
    /// ```
    ///
    /// ## Use instead
    /// ```incident
    /// ---
    /// started: 2026-11-20 14:02
    /// detected: 2026-11-20 14:09
    /// resolved: 2026-11-20 15:31
    /// ---
    ///
    /// ## Summary
    ///
    /// Checkout API was down for 89 minutes after the credential rotation.
    ///
    /// - Time to detect: 7 min
    /// ```
    code: "INC308",
    name: "stated-duration-mismatch",
    severity: Warning,
    group: Default,
    fix: None,
}

pub(crate) const CHECK: Check = Check::File(check);

fn check(cx: &mut LintContext<'_>) {
    let incident = cx.incident;
    let mut statements = Vec::new();
    for prose in prose_blocks(cx.parse.root()) {
        // Code spans, links and URLs are not the author's words: blank them, keeping offsets.
        let mut text = cx.slice(prose.range).to_ascii_lowercase().into_bytes();
        for verbatim in &prose.verbatim {
            let start = (verbatim.start() - prose.range.start()) as usize;
            let end = (verbatim.end() - prose.range.start()) as usize;
            if let Some(bytes) = text.get_mut(start..end) {
                bytes.fill(b' ');
            }
        }
        let text = String::from_utf8_lossy(&text).into_owned();
        let section = incident
            .section_at(prose.range.start())
            .map(|section| section.kind);
        let about_impact = matches!(section, Some(SectionKind::Summary | SectionKind::Impact));
        statements.extend(named_measures(&text, prose.range.start()));
        if about_impact {
            statements.extend(impact_lengths(&text, prose.range.start()));
        }
    }
    for table in cx
        .parse
        .root()
        .descendants()
        .filter(|node| node.kind() == SyntaxKind::Table)
    {
        statements.extend(table_measures(table.text(), table.range().start()));
    }
    for statement in statements {
        report(cx, incident, &statement);
    }
}

/// What a statement says lasted how long.
#[derive(Debug, PartialEq)]
struct Statement {
    /// The duration as written, with its `about`.
    range: TextRange,
    /// The measure named, or `None` for the length of the impact.
    measure: Option<Measure>,
    /// The duration read.
    stated: StatedDuration,
}

#[derive(Debug, PartialEq)]
struct StatedDuration {
    seconds: f64,
    /// Half of the smallest unit written: `2h` is any time that rounds to two hours.
    rounding: f64,
    /// Whether it was written with `about`, `~` or the like.
    approximate: bool,
}

impl StatedDuration {
    fn agrees_with(&self, actual: SignedDuration) -> bool {
        let actual = actual.as_secs_f64();
        let mut tolerance = self.rounding.max(60.0).max(actual * 0.05);
        if self.approximate {
            tolerance = tolerance.max(self.seconds * 0.25);
        }
        (actual - self.seconds).abs() <= tolerance
    }
}

fn report(cx: &mut LintContext<'_>, incident: &Incident, statement: &Statement) {
    let written = cx.slice(statement.range).to_owned();
    let (from, candidates): (Milestone, Vec<Milestone>) = match statement.measure {
        Some(measure) => {
            let (from, to) = measure.milestones();
            (from, vec![to])
        }
        None => (
            Milestone::Started,
            vec![Milestone::Resolved, Milestone::Mitigated],
        ),
    };
    let known: Vec<(Milestone, SignedDuration)> = candidates
        .into_iter()
        .filter_map(|to| Some((to, incident.duration_between(from, to)?)))
        .collect();
    let Some(&(to, actual)) = known.first() else {
        return;
    };
    if known
        .iter()
        .any(|&(_, duration)| statement.stated.agrees_with(duration))
    {
        return;
    }
    let what = match statement.measure {
        Some(measure) => format!("the {} is stated as `{written}`", measure.name()),
        None => format!("the impact is stated to have lasted `{written}`"),
    };
    let message = format!(
        "{what}, but the milestones give {} from `{}` to `{}`",
        format_duration(actual),
        from.name(),
        to.name()
    );
    let mut report = cx.report(statement.range, message);
    for milestone in [from, to] {
        if let Some(range) = milestone_range(incident, milestone) {
            report = report.label(range, format!("`{}` is here", milestone.name()));
        }
    }
    report.help(format!(
        "write the duration the timeline shows ({}), or correct the milestone times if they are wrong",
        format_duration(actual)
    ));
}

/// Where the time of `milestone` that the model uses is written.
fn milestone_range(incident: &Incident, milestone: Milestone) -> Option<TextRange> {
    let from_front_matter = incident
        .metadata
        .milestones
        .iter()
        .find(|(candidate, value)| *candidate == milestone && value.value.is_ok())
        .map(|(_, value)| value.range);
    from_front_matter.or_else(|| {
        incident.timeline.iter().find_map(|entry| {
            let tag = entry.milestone.as_ref()?;
            (tag.value == milestone && entry.instant().is_some()).then_some(entry.range)
        })
    })
}

/// Names of measures, lowercase, longest first so that `time to resolution` is not read as
/// `time to resolve` followed by garbage.
const MEASURE_NAMES: [(&str, Measure); 14] = [
    ("time to detection", Measure::TimeToDetect),
    ("time to detect", Measure::TimeToDetect),
    ("time to mitigation", Measure::TimeToMitigate),
    ("time to mitigate", Measure::TimeToMitigate),
    ("time to resolution", Measure::TimeToResolve),
    ("time to resolve", Measure::TimeToResolve),
    ("time to recovery", Measure::TimeToResolve),
    ("time to recover", Measure::TimeToResolve),
    ("total duration", Measure::TimeToResolve),
    ("duration", Measure::TimeToResolve),
    ("ttd", Measure::TimeToDetect),
    ("ttm", Measure::TimeToMitigate),
    ("ttr", Measure::TimeToResolve),
    ("mttr", Measure::TimeToResolve),
];

/// Words that may join a measure's name to its value.
const LINKS: [&str; 8] = [":", "=", "|", "-", "was", "is", "of", "were"];

/// Words that make a duration approximate.
const APPROXIMATIONS: [&str; 14] = [
    "about",
    "around",
    "roughly",
    "approximately",
    "approx.",
    "nearly",
    "almost",
    "some",
    "over",
    "under",
    "more than",
    "less than",
    "just",
    "~",
];

/// Words that say a sentence is about the impact.
const IMPACT_WORDS: [&str; 17] = [
    "down",
    "outage",
    "unavailable",
    "fail",
    "error",
    "degraded",
    "broken",
    "offline",
    "unreachable",
    "could not",
    "couldn't",
    "impact",
    "returned 5",
    "answered 5",
    "timed out",
    "timing out",
    "lost",
];

/// `Time to resolve: 2h` and its kin in lowercase `text` starting at `offset`.
fn named_measures(text: &str, offset: u32) -> Vec<Statement> {
    let mut found = Vec::new();
    let mut at = 0;
    while at < text.len() {
        let Some(rest) = text.get(at..) else {
            break;
        };
        let named = is_word_start(text, at)
            .then(|| {
                MEASURE_NAMES
                    .iter()
                    .find(|(name, _)| rest.starts_with(name))
            })
            .flatten();
        let Some(&(name, measure)) = named else {
            at += rest.chars().next().map_or(1, char::len_utf8);
            continue;
        };
        let after_name = at + name.len();
        at = after_name;
        let Some(value_start) = skip_link(text, after_name) else {
            continue;
        };
        if let Some((end, stated)) = approximate_duration(text, value_start) {
            found.push(Statement {
                range: absolute(offset, value_start, end),
                measure: Some(measure),
                stated,
            });
            at = end;
        }
    }
    found
}

/// `for 66 minutes` and `for about 3 hours` in sentences about the impact.
fn impact_lengths(text: &str, offset: u32) -> Vec<Statement> {
    let mut found = Vec::new();
    let mut sentence_start = 0;
    for sentence in text.split_inclusive(['.', '!', '?', ';']) {
        let start = sentence_start;
        sentence_start += sentence.len();
        if !IMPACT_WORDS.iter().any(|word| sentence.contains(word)) {
            continue;
        }
        for (position, _) in sentence.match_indices("for ") {
            let at = start + position;
            if !is_word_start(text, at) {
                continue;
            }
            let value_start = skip_spaces(text, at + "for".len());
            if let Some((end, stated)) = approximate_duration(text, value_start) {
                found.push(Statement {
                    range: absolute(offset, value_start, end),
                    measure: None,
                    stated,
                });
            }
        }
    }
    found
}

/// Rows of a table whose first cell names a measure and whose next cell is a duration.
fn table_measures(table: &str, offset: u32) -> Vec<Statement> {
    let mut found = Vec::new();
    let mut line_start = 0;
    for line in table.split_inclusive('\n') {
        let start = line_start;
        line_start += line.len();
        let lower = line.to_ascii_lowercase();
        let mut cells = Vec::new();
        let mut cell_start = 0;
        for cell in lower.split('|') {
            cells.push((cell_start, cell));
            cell_start += cell.len() + 1;
        }
        for pair in cells.windows(2) {
            let [(_, label), (value_at, value)] = pair else {
                continue;
            };
            let label = label.trim().trim_matches('*').trim();
            let Some(&(_, measure)) = MEASURE_NAMES.iter().find(|(name, _)| label == *name) else {
                continue;
            };
            let value_start = skip_spaces(value, 0);
            let Some((end, stated)) = approximate_duration(value, value_start) else {
                continue;
            };
            // The whole cell must be the duration: `7 min (paged late)` still is one.
            let rest = value.get(end..).unwrap_or_default().trim_start();
            if rest.is_empty() || rest.starts_with('(') {
                found.push(Statement {
                    range: absolute(
                        offset,
                        start + value_at + value_start,
                        start + value_at + end,
                    ),
                    measure: Some(measure),
                    stated,
                });
            }
        }
    }
    found
}

fn absolute(offset: u32, start: usize, end: usize) -> TextRange {
    TextRange::new(offset + start as u32, offset + end as u32)
}

fn is_word_start(text: &str, at: usize) -> bool {
    text.get(..at)
        .and_then(|before| before.chars().next_back())
        .is_none_or(|before| !before.is_alphanumeric())
}

fn skip_spaces(text: &str, at: usize) -> usize {
    let rest = text.get(at..).unwrap_or_default();
    at + (rest.len() - rest.trim_start_matches([' ', '\t', '\n', '\r', '*']).len())
}

/// The start of the value after a measure's name: after `:`, `was` and the like, or after
/// spaces alone when a number follows.
fn skip_link(text: &str, after_name: usize) -> Option<usize> {
    let mut at = skip_spaces(text, after_name);
    let rest = text.get(at..)?;
    if let Some(link) = LINKS.iter().find(|link| {
        rest.starts_with(*link)
            && (link.len() == 1 || !is_word_char(rest.get(link.len()..).unwrap_or_default()))
    }) {
        at = skip_spaces(text, at + link.len());
    } else if at == after_name {
        return None;
    }
    Some(at)
}

fn is_word_char(rest: &str) -> bool {
    rest.chars().next().is_some_and(char::is_alphanumeric)
}

/// A duration at `at`, optionally after `about` and the like: its end and value.
fn approximate_duration(text: &str, at: usize) -> Option<(usize, StatedDuration)> {
    let rest = text.get(at..)?;
    let approximation = APPROXIMATIONS.iter().find(|word| {
        rest.starts_with(*word)
            && (**word == "~" || !is_word_char(rest.get(word.len()..).unwrap_or_default()))
    });
    let (value_start, approximate) = match approximation {
        Some(word) => (skip_spaces(text, at + word.len()), true),
        None => (at, false),
    };
    let (end, mut stated) = duration(text, value_start)?;
    stated.approximate = approximate;
    Some((end, stated))
}

/// Units, longest first, with their length in seconds.
const UNITS: [(&str, f64); 18] = [
    ("minutes", 60.0),
    ("minute", 60.0),
    ("seconds", 1.0),
    ("second", 1.0),
    ("hours", 3600.0),
    ("hour", 3600.0),
    ("mins", 60.0),
    ("min", 60.0),
    ("secs", 1.0),
    ("sec", 1.0),
    ("days", 86400.0),
    ("day", 86400.0),
    ("hrs", 3600.0),
    ("hr", 3600.0),
    ("m", 60.0),
    ("h", 3600.0),
    ("s", 1.0),
    ("d", 86400.0),
];

/// `89 minutes`, `1h 29m`, `1 hour and 29 minutes`, `1.5 hours` at `at`: its end and value.
fn duration(text: &str, at: usize) -> Option<(usize, StatedDuration)> {
    let mut seconds = 0.0;
    let mut smallest_unit = f64::INFINITY;
    let mut end = None;
    let mut position = at;
    while let Some((after, amount, unit, decimals)) = amount_with_unit(text, position) {
        seconds += amount * unit;
        // A decimal such as `1.5 hours` is written to a tenth of its unit.
        smallest_unit = smallest_unit.min(unit / 10f64.powi(decimals));
        end = Some(after);
        position = skip_spaces(text, after);
        let rest = text.get(position..).unwrap_or_default();
        if let Some(joined) = rest
            .strip_prefix("and ")
            .or_else(|| rest.strip_prefix(", "))
        {
            position = skip_spaces(text, text.len() - joined.len());
        }
    }
    let end = end?;
    Some((
        end,
        StatedDuration {
            seconds,
            rounding: smallest_unit / 2.0,
            approximate: false,
        },
    ))
}

/// A number and a unit at `at`: the end, the number, the unit in seconds, and the number of
/// decimals written.
fn amount_with_unit(text: &str, at: usize) -> Option<(usize, f64, f64, i32)> {
    let rest = text.get(at..)?;
    let digits = rest
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(rest.len());
    let number = rest.get(..digits)?.trim_end_matches('.');
    if number.is_empty() || !number.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let amount: f64 = number.parse().ok()?;
    let decimals = number
        .split_once('.')
        .map_or(0, |(_, fraction)| fraction.len() as i32);
    let unit_start = skip_spaces(text, at + number.len());
    let unit_text = text.get(unit_start..)?;
    let &(unit, seconds) = UNITS.iter().find(|(unit, _)| {
        // `1h29m`: a unit may be followed by the next number, not by a letter.
        unit_text.starts_with(unit)
            && !unit_text
                .get(unit.len()..)
                .and_then(|after| after.chars().next())
                .is_some_and(char::is_alphabetic)
    })?;
    Some((unit_start + unit.len(), amount, seconds, decimals))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    fn seconds_of(text: &str) -> Option<f64> {
        duration(text, 0).map(|(_, stated)| stated.seconds)
    }

    #[test]
    fn durations_in_the_forms_people_write() {
        assert_eq!(seconds_of("89 minutes"), Some(89.0 * 60.0));
        assert_eq!(seconds_of("1h 29m"), Some(89.0 * 60.0));
        assert_eq!(seconds_of("1h29m"), Some(89.0 * 60.0));
        assert_eq!(seconds_of("1 hour and 29 minutes"), Some(89.0 * 60.0));
        assert_eq!(seconds_of("1.5 hours"), Some(90.0 * 60.0));
        assert_eq!(seconds_of("2 days"), Some(2.0 * 86400.0));
        assert_eq!(seconds_of("5 more"), None);
        assert_eq!(seconds_of("4,100 checkout attempts"), None);
        assert_eq!(seconds_of("an hour"), None);
    }

    #[test]
    fn a_duration_agrees_within_its_rounding() {
        let (_, two_hours) = duration("2h", 0).unwrap();
        assert!(two_hours.agrees_with(SignedDuration::from_mins(150)));
        assert!(!two_hours.agrees_with(SignedDuration::from_mins(89)));
        let about = approximate_duration("about 2 hours", 0).map(|(_, stated)| stated);
        assert!(about.is_some_and(|stated| stated.agrees_with(SignedDuration::from_mins(95))));
    }

    #[test]
    fn named_measures_in_prose() {
        let found = named_measures("time to resolve: 2h, and a time to detect of 7 min.", 0);
        let measures: Vec<Option<Measure>> = found.iter().map(|found| found.measure).collect();
        assert_eq!(
            measures,
            [Some(Measure::TimeToResolve), Some(Measure::TimeToDetect)]
        );
        assert!(named_measures("the duration of the rollout was unclear", 0).is_empty());
    }
}
