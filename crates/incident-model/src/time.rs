//! Timezones, date-times and milestones.

use incident_syntax::{DateParts, DateTimeParts, OffsetParts, TimeParts, ZoneReading};
use jiff::ZonedDateTime;
use jiff::civil::{Date, DateTime};
use jiff::tz::{Offset, TimeZone};
use serde::Serialize;

use crate::ValueError;

/// A milestone of an incident: a front matter time and a timeline tag share these names.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Milestone {
    /// When the problem began.
    Started,
    /// When someone or something noticed it.
    Detected,
    /// When the impact was stopped or reduced.
    Mitigated,
    /// When the system was back to normal.
    Resolved,
}

impl Milestone {
    /// All milestones in the order they happen.
    pub const ALL: [Milestone; 4] = [
        Milestone::Started,
        Milestone::Detected,
        Milestone::Mitigated,
        Milestone::Resolved,
    ];

    /// The front matter key and timeline tag, lowercase.
    pub fn name(self) -> &'static str {
        match self {
            Milestone::Started => "started",
            Milestone::Detected => "detected",
            Milestone::Mitigated => "mitigated",
            Milestone::Resolved => "resolved",
        }
    }

    /// The milestone called `name`, case-insensitively.
    pub fn from_name(name: &str) -> Option<Milestone> {
        Milestone::ALL
            .into_iter()
            .find(|milestone| milestone.name().eq_ignore_ascii_case(name.trim()))
    }
}

/// A timezone as written, and the zone it names.
#[derive(Clone, Debug, Serialize)]
pub struct TimeZoneValue {
    /// The name as written, or the default's name.
    pub name: String,
    /// The zone.
    #[serde(skip)]
    pub zone: TimeZone,
}

impl PartialEq for TimeZoneValue {
    fn eq(&self, other: &TimeZoneValue) -> bool {
        self.name == other.name
    }
}

/// Reads a timezone: an IANA name (`Europe/Berlin`, `UTC`) or a fixed offset (`+02:00`, `Z`).
pub(crate) fn read_timezone(text: &str) -> Result<TimeZoneValue, ValueError> {
    let name = text.trim();
    let zone = match incident_syntax::parse_offset(name) {
        Some(offset) => TimeZone::fixed(offset_of(offset)?),
        None => TimeZone::get(name).map_err(|_| {
            ValueError::new(format!(
                "unknown timezone `{name}`: use an IANA name such as `Europe/Berlin` or `UTC`, or an offset such as `+02:00`"
            ))
        })?,
    };
    Ok(TimeZoneValue {
        name: name.to_owned(),
        zone,
    })
}

/// The display name of a zone that was not written in the file.
pub(crate) fn zone_name(zone: &TimeZone) -> String {
    zone.iana_name()
        .map_or_else(|| "UTC".to_owned(), str::to_owned)
}

fn offset_of(offset: OffsetParts) -> Result<Offset, ValueError> {
    Offset::from_seconds(offset.minutes * 60).map_err(|_| {
        ValueError::new(format!(
            "offset of {} minutes is out of range",
            offset.minutes
        ))
    })
}

/// Checks a written date against the calendar.
pub(crate) fn civil_date(parts: DateParts) -> Result<Date, ValueError> {
    let written = || format!("{:04}-{:02}-{:02}", parts.year, parts.month, parts.day);
    let year = i16::try_from(parts.year)
        .map_err(|_| ValueError::new(format!("year of `{}` is out of range", written())))?;
    Date::new(year, parts.month as i8, parts.day as i8)
        .map_err(|_| ValueError::new(format!("`{}` is not a date in the calendar", written())))
}

/// Checks a written time of day.
fn check_time(parts: TimeParts) -> Result<(), ValueError> {
    let second = parts.second.unwrap_or(0);
    if parts.hour > 23 || parts.minute > 59 || second > 59 {
        let written = match parts.second {
            Some(second) => format!("{:02}:{:02}:{:02}", parts.hour, parts.minute, second),
            None => format!("{:02}:{:02}", parts.hour, parts.minute),
        };
        return Err(ValueError::new(format!(
            "`{written}` is not a time of day: hours go to 23, minutes and seconds to 59"
        )));
    }
    Ok(())
}

/// Resolves a date and a time of day to an instant: in the written offset if any, else in `zone`.
pub(crate) fn resolve(
    date: Date,
    time: TimeParts,
    offset: Option<OffsetParts>,
    zone: &TimeZone,
) -> Result<ZonedDateTime, ValueError> {
    check_time(time)?;
    let date_time = DateTime::new(
        date.year(),
        date.month(),
        date.day(),
        time.hour as i8,
        time.minute as i8,
        time.second.unwrap_or(0) as i8,
        0,
    )
    .map_err(|error| ValueError::new(format!("invalid date-time: {error}")))?;
    let zone = match offset {
        Some(offset) => TimeZone::fixed(offset_of(offset)?),
        None => zone.clone(),
    };
    date_time.to_zoned_datetime(zone).map_err(|error| {
        ValueError::new(format!(
            "date-time cannot be placed in its timezone: {error}"
        ))
    })
}

/// A zone written next to a time, in a table header or in a heading, as the model reads it.
#[derive(Clone, Debug)]
pub(crate) struct ReadZone {
    /// The zone.
    pub zone: TimeZone,
    /// The other zones the word also names, when it is ambiguous (`IST`).
    pub also_means: &'static str,
    /// For a fixed abbreviation such as `PST`, the region whose season it names.
    pub region: Option<TimeZone>,
}

/// Reads a zone word: `Z`, an offset, `UTC+2`, an abbreviation of the table in
/// `incident_syntax::ZONE_ABBREVIATIONS`, an IANA name, or one of them in parentheses.
pub(crate) fn read_zone_word(word: &str) -> Result<ReadZone, ValueError> {
    let word = word
        .strip_prefix('(')
        .and_then(|inner| inner.strip_suffix(')'))
        .unwrap_or(word);
    let fixed = |minutes: i32| offset_of(OffsetParts { minutes }).map(TimeZone::fixed);
    if let Some(offset) = incident_syntax::parse_offset(word) {
        return Ok(plain(TimeZone::fixed(offset_of(offset)?)));
    }
    if let Some(minutes) = incident_syntax::zone_name_offset(word) {
        return Ok(plain(fixed(minutes)?));
    }
    if let Some(abbreviation) = incident_syntax::abbreviation(word) {
        let region = (!abbreviation.region.is_empty())
            .then(|| TimeZone::get(abbreviation.region).ok())
            .flatten();
        return match abbreviation.reading {
            ZoneReading::Fixed(minutes) => Ok(ReadZone {
                zone: fixed(minutes)?,
                also_means: abbreviation.also_means,
                region,
            }),
            ZoneReading::Region => region.map(plain).ok_or_else(|| {
                ValueError::new(format!(
                    "the zone of `{word}` is not in the time zone database"
                ))
            }),
        };
    }
    TimeZone::get(word).map(plain).map_err(|_| {
        ValueError::new(format!(
            "unknown time zone `{word}`: use an IANA name such as `Europe/Berlin`, `UTC`, or an offset such as `+02:00`"
        ))
    })
}

fn plain(zone: TimeZone) -> ReadZone {
    ReadZone {
        zone,
        also_means: "",
        region: None,
    }
}

/// The English month names, for dates in titles such as `11 March 2025` or `Mar 11, 2025`, and
/// to tell them from owners' names.
pub(crate) const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// The first real calendar date written in `text` as a whole word: `2019-12-03`,
/// `3 December 2019`, `December 3, 2019` or `Dec 3 2019`. Numbers that only look like
/// dates, such as `PM2019-009`, are not dates.
pub fn date_in_text(text: &str) -> Option<Date> {
    let words: Vec<(usize, &str)> = text
        .split(|c: char| c.is_whitespace() || matches!(c, '(' | ')' | ',' | '[' | ']' | '*' | '_'))
        .scan(0usize, |offset, word| {
            let start = *offset;
            *offset += word.len() + 1;
            Some((start, word))
        })
        .filter(|(_, word)| !word.is_empty())
        .collect();
    if let Some(date) = iso_date_in_text(text) {
        return Some(date);
    }
    for (position, &(_, word)) in words.iter().enumerate() {
        let next = |step: usize| words.get(position + step).map(|(_, word)| *word);
        let day_of = |word: &str| {
            let digits = word.trim_end_matches(['.', ':']);
            let digits = ["st", "nd", "rd", "th"]
                .iter()
                .find_map(|suffix| digits.strip_suffix(suffix))
                .unwrap_or(digits);
            (1..=2)
                .contains(&digits.len())
                .then(|| digits.parse::<i8>().ok())
                .flatten()
        };
        let year_of = |word: &str| {
            let digits = word.trim_end_matches(['.', ':', ';']);
            (digits.len() == 4)
                .then(|| digits.parse::<i16>().ok())
                .flatten()
        };
        if let Some(month) = month_of(word) {
            // `December 3, 2019`, `Dec 3 2019`.
            if let (Some(day), Some(year)) = (next(1).and_then(day_of), next(2).and_then(year_of))
                && let Ok(date) = Date::new(year, month, day)
            {
                return Some(date);
            }
        } else if let Some(day) = day_of(word)
            && let (Some(month), Some(year)) =
                (next(1).and_then(month_of), next(2).and_then(year_of))
            && let Ok(date) = Date::new(year, month, day)
        {
            // `3 December 2019`.
            return Some(date);
        }
    }
    None
}

/// The first `YYYY-MM-DD` in `text` that is a calendar date and touches no other digit, as in
/// `2019-12-05-dns-outage.md` or `Outage on 2019-12-03`.
fn iso_date_in_text(text: &str) -> Option<Date> {
    text.char_indices().find_map(|(start, _)| {
        let before = text.get(..start)?.chars().next_back();
        if before.is_some_and(|c| c.is_ascii_alphanumeric()) {
            return None;
        }
        let after = text.get(start..)?;
        let (parts, len) = incident_syntax::date_prefix(after)?;
        if after.get(len..)?.starts_with(|c: char| c.is_ascii_digit()) {
            return None;
        }
        civil_date(parts).ok()
    })
}

/// The month named by `word`, in full or in its first three letters, in any case.
fn month_of(word: &str) -> Option<i8> {
    let lower = word.trim_end_matches('.').to_lowercase();
    if lower.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|month| {
            *month == lower
                || (lower.len() == 3 && month.starts_with(&lower))
                || (lower == "sept" && *month == "september")
        })
        .and_then(|position| i8::try_from(position + 1).ok())
}

/// Reads a whole front matter date-time.
pub(crate) fn read_date_time(text: &str, zone: &TimeZone) -> Result<ZonedDateTime, ValueError> {
    let parts: DateTimeParts = incident_syntax::parse_date_time(text).ok_or_else(|| {
        ValueError::new(format!(
            "`{}` is not a date-time: write `YYYY-MM-DD HH:MM`, optionally with seconds and an offset such as `+02:00`",
            text.trim()
        ))
    })?;
    resolve(civil_date(parts.date)?, parts.time, parts.offset, zone)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timezones_are_names_or_offsets() {
        assert!(read_timezone("Europe/Berlin").is_ok());
        assert!(read_timezone("+05:30").is_ok());
        assert!(read_timezone("Z").is_ok());
        assert!(read_timezone("Mars/Olympus").is_err());
    }

    #[test]
    fn dates_in_titles_are_real_dates() {
        let date = |text: &str| date_in_text(text).map(|date| date.to_string());
        assert_eq!(date("Outage on 2019-12-03").as_deref(), Some("2019-12-03"));
        assert_eq!(
            date("Postmortem (11 March 2025)").as_deref(),
            Some("2025-03-11")
        );
        assert_eq!(
            date("Checkout down, Dec 3, 2019").as_deref(),
            Some("2019-12-03")
        );
        assert_eq!(
            date("2019-12-05-dns-outage.md").as_deref(),
            Some("2019-12-05")
        );
        assert_eq!(date("PM2019-009 search down"), None);
        assert_eq!(date("Release 2019-13-40"), None);
        assert_eq!(date("May the fourth"), None);
    }

    #[test]
    fn zone_words_are_read() {
        let offset = |word: &str| {
            read_zone_word(word)
                .ok()
                .and_then(|read| read.zone.to_fixed_offset().ok())
                .map(|offset| offset.seconds() / 60)
        };
        assert_eq!(offset("UTC"), Some(0));
        assert_eq!(offset("(CEST)"), Some(120));
        assert_eq!(offset("PST"), Some(-480));
        assert_eq!(offset("UTC+5:30"), Some(330));
        assert_eq!(offset("+02:00"), Some(120));
        assert!(
            read_zone_word("PT")
                .is_ok_and(|read| read.zone.iana_name() == Some("America/Los_Angeles"))
        );
        assert!(read_zone_word("IST").is_ok_and(|read| !read.also_means.is_empty()));
        assert!(read_zone_word("Europe/Berln").is_err());
    }

    #[test]
    fn date_times_resolve_in_their_zone() {
        let berlin = read_timezone("Europe/Berlin")
            .map(|value| value.zone)
            .unwrap_or(TimeZone::UTC);
        let instant =
            read_date_time("2026-11-20 14:02", &berlin).map(|zoned| zoned.timestamp().to_string());
        assert_eq!(instant, Ok("2026-11-20T13:02:00Z".to_owned()));
        let explicit = read_date_time("2026-11-20 14:02 -05:00", &berlin)
            .map(|zoned| zoned.timestamp().to_string());
        assert_eq!(explicit, Ok("2026-11-20T19:02:00Z".to_owned()));
        assert!(read_date_time("2026-02-30 10:00", &berlin).is_err());
        assert!(read_date_time("2026-11-20 24:00", &berlin).is_err());
        assert!(read_date_time("yesterday", &berlin).is_err());
    }
}
