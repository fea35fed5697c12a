//! Small nom parsers for the lexemes of the format: dates, times, offsets, IDs.
//!
//! The parser uses them to find token boundaries, and the semantic model uses the same
//! functions to read values, so both agree on what a date or time looks like.

use nom::branch::alt;
use nom::bytes::complete::{tag, take_while_m_n};
use nom::character::complete::{char, one_of};
use nom::combinator::{map, opt};
use nom::{IResult, Parser};
use serde::Serialize;

/// A calendar date as written: `YYYY-MM-DD`. Not checked against the calendar.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize)]
pub struct DateParts {
    /// The year, four digits.
    pub year: u16,
    /// The month, two digits.
    pub month: u8,
    /// The day of the month, two digits.
    pub day: u8,
}

/// A time of day as written: `H:MM`, `HH:MM` or `HH:MM:SS`. Not range-checked.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize)]
pub struct TimeParts {
    /// The hour, one or two digits.
    pub hour: u8,
    /// The minute, two digits.
    pub minute: u8,
    /// The second, two digits, if written.
    pub second: Option<u8>,
}

/// A UTC offset as written: `Z` or `+HH:MM` / `-HH:MM`.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize)]
pub struct OffsetParts {
    /// The offset from UTC in minutes (negative west of Greenwich).
    pub minutes: i32,
}

/// A date and time with an optional offset: `YYYY-MM-DD HH:MM[:SS][ ][Z|+HH:MM]`.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize)]
pub struct DateTimeParts {
    /// The date.
    pub date: DateParts,
    /// The time of day.
    pub time: TimeParts,
    /// The offset, if written; otherwise the incident's timezone applies.
    pub offset: Option<OffsetParts>,
}

fn number(min: usize, max: usize) -> impl Fn(&str) -> IResult<&str, u32> {
    move |input: &str| {
        let (rest, digits) = take_while_m_n(min, max, |c: char| c.is_ascii_digit()).parse(input)?;
        // At most four ASCII digits always fit.
        let value = digits
            .bytes()
            .fold(0u32, |acc, digit| acc * 10 + u32::from(digit - b'0'));
        Ok((rest, value))
    }
}

/// Parses a date `YYYY-MM-DD`.
pub fn date(input: &str) -> IResult<&str, DateParts> {
    map(
        (
            number(4, 4),
            char('-'),
            number(2, 2),
            char('-'),
            number(2, 2),
        ),
        |(year, _, month, _, day)| DateParts {
            year: year as u16,
            month: month as u8,
            day: day as u8,
        },
    )
    .parse(input)
}

/// Parses a time `H:MM`, `HH:MM` or `HH:MM:SS`.
pub fn time(input: &str) -> IResult<&str, TimeParts> {
    map(
        (
            number(1, 2),
            char(':'),
            number(2, 2),
            opt((char(':'), number(2, 2))),
        ),
        |(hour, _, minute, second)| TimeParts {
            hour: hour as u8,
            minute: minute as u8,
            second: second.map(|(_, second)| second as u8),
        },
    )
    .parse(input)
}

/// Parses an offset `Z` or `+HH:MM` / `-HH:MM` (also `+HHMM`).
pub fn offset(input: &str) -> IResult<&str, OffsetParts> {
    alt((
        map(char('Z'), |_| OffsetParts { minutes: 0 }),
        map(
            (one_of("+-"), number(2, 2), opt(char(':')), number(2, 2)),
            |(sign, hours, _, minutes)| {
                let magnitude = (hours * 60 + minutes) as i32;
                OffsetParts {
                    minutes: if sign == '-' { -magnitude } else { magnitude },
                }
            },
        ),
    ))
    .parse(input)
}

/// Parses a date-time: a date, a space or `T`, a time, then an optional offset
/// (directly attached or after one space).
pub fn date_time(input: &str) -> IResult<&str, DateTimeParts> {
    let (rest, date) = date(input)?;
    let (rest, _) = alt((tag(" "), tag("T"))).parse(rest)?;
    let (rest, time) = time(rest)?;
    let (rest, offset) = opt(alt((
        offset,
        map((char(' '), offset), |(_, offset)| offset),
    )))
    .parse(rest)?;
    Ok((rest, DateTimeParts { date, time, offset }))
}

/// Reads a whole string as a date-time, ignoring surrounding whitespace.
pub fn parse_date_time(text: &str) -> Option<DateTimeParts> {
    match date_time(text.trim()) {
        Ok(("", parts)) => Some(parts),
        _ => None,
    }
}

/// Reads a whole string as a date, ignoring surrounding whitespace.
pub fn parse_date(text: &str) -> Option<DateParts> {
    match date(text.trim()) {
        Ok(("", parts)) => Some(parts),
        _ => None,
    }
}

/// Reads a date `YYYY-MM-DD` at the start of `text`: the date and its length.
pub fn date_prefix(text: &str) -> Option<(DateParts, usize)> {
    let (rest, parts) = date(text).ok()?;
    Some((parts, text.len() - rest.len()))
}

/// Reads a whole string as a time of day, ignoring surrounding whitespace.
pub fn parse_time(text: &str) -> Option<TimeParts> {
    match time(text.trim()) {
        Ok(("", parts)) => Some(parts),
        _ => None,
    }
}

/// Reads a whole string as a UTC offset such as `+02:00`, ignoring surrounding whitespace.
pub fn parse_offset(text: &str) -> Option<OffsetParts> {
    match offset(text.trim()) {
        Ok(("", parts)) => Some(parts),
        _ => None,
    }
}

/// The prefix of an observation or hypothesis ID.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Serialize)]
pub enum IdPrefix {
    /// `O<n>`: an observation.
    Observation,
    /// `H<n>`: a hypothesis.
    Hypothesis,
}

/// Parses an observation or hypothesis ID `O<n>` / `H<n>` (not checked for a word boundary after it).
pub fn id(input: &str) -> IResult<&str, (IdPrefix, u32)> {
    let (rest, prefix) = one_of("OH").parse(input)?;
    let (rest, number) = number(1, 9).parse(rest)?;
    let prefix = if prefix == 'O' {
        IdPrefix::Observation
    } else {
        IdPrefix::Hypothesis
    };
    Ok((rest, (prefix, number)))
}

/// The length of an ID at the start of `text` when it stands as a whole word there.
pub fn whole_word_id_len(text: &str) -> Option<usize> {
    let (rest, _) = id(text).ok()?;
    let next_is_word_char = rest.chars().next().is_some_and(is_word_char);
    (!next_is_word_char).then_some(text.len() - rest.len())
}

/// Whether `c` continues a word, for the whole-word checks of IDs and references.
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The length of an incident reference `INC-…` at the start of `text`: letters, digits and dashes,
/// not ending in a dash, with at least one character after `INC-`.
pub fn incident_ref_len(text: &str) -> Option<usize> {
    let body = text.strip_prefix("INC-")?;
    let mut len = 0;
    for (idx, c) in body.char_indices() {
        if c.is_ascii_alphanumeric() {
            len = idx + 1;
        } else if c != '-' {
            if is_word_char(c) {
                return None;
            }
            break;
        }
    }
    (len > 0).then_some(4 + len)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_times_accept_both_separators_and_offsets() {
        let parts = parse_date_time("2026-11-20 14:02");
        assert_eq!(
            parts,
            Some(DateTimeParts {
                date: DateParts {
                    year: 2026,
                    month: 11,
                    day: 20
                },
                time: TimeParts {
                    hour: 14,
                    minute: 2,
                    second: None
                },
                offset: None,
            })
        );
        assert_eq!(
            parse_date_time("2026-11-20T14:02:30+05:30").and_then(|parts| parts.offset),
            Some(OffsetParts { minutes: 330 })
        );
        assert_eq!(
            parse_date_time("2026-11-20 14:02 -04:00").and_then(|parts| parts.offset),
            Some(OffsetParts { minutes: -240 })
        );
        assert_eq!(
            parse_date_time("2026-11-20 14:02Z").and_then(|parts| parts.offset),
            Some(OffsetParts { minutes: 0 })
        );
        assert_eq!(parse_date_time("2026-11-20"), None);
        assert_eq!(parse_date_time("20.11.2026 14:02"), None);
        assert_eq!(parse_date_time("2026-11-20 14:02 tomorrow"), None);
    }

    #[test]
    fn ids_are_whole_words() {
        assert_eq!(whole_word_id_len("O12, O3"), Some(3));
        assert_eq!(whole_word_id_len("H1:"), Some(2));
        assert_eq!(whole_word_id_len("H2O"), None);
        assert_eq!(whole_word_id_len("Oh"), None);
    }

    #[test]
    fn incident_references_stop_before_trailing_dashes() {
        assert_eq!(incident_ref_len("INC-2026-031]"), Some(12));
        assert_eq!(incident_ref_len("INC-42- next"), Some(6));
        assert_eq!(incident_ref_len("INC-"), None);
        assert_eq!(incident_ref_len("INC-12abcé"), None);
    }
}
