//! Timezones, date-times and milestones.

use incident_syntax::{DateParts, DateTimeParts, OffsetParts, TimeParts};
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
