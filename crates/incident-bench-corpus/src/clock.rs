//! Civil dates and times for generated incidents, on jiff's calendar.

use std::fmt;

use jiff::civil::{DateTime, date};
use jiff::{ToSpan, Unit};

/// A wall-clock moment in the incident's time zone, to the second.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Moment(DateTime);

impl Moment {
    /// The moment `hour:minute` on the given day; out-of-range parts are clamped to valid ones.
    pub(crate) fn new(year: u32, month: u32, day: u32, hour: u32, minute: u32) -> Moment {
        let clamp =
            |value: u32, low: i8, high: i8| i8::try_from(value).unwrap_or(high).clamp(low, high);
        let year = i16::try_from(year).unwrap_or(9999).clamp(1, 9999);
        let month = clamp(month, 1, 12);
        // The first of the month always exists; the last day is found from it.
        let first = date(year, month, 1);
        let day = clamp(day, 1, first.days_in_month());
        Moment(date(year, month, day).at(clamp(hour, 0, 23), clamp(minute, 0, 59), 0, 0))
    }

    /// The moment `minutes` later.
    pub(crate) fn plus_minutes(self, minutes: u32) -> Moment {
        self.plus_seconds(minutes.saturating_mul(60))
    }

    /// The moment `seconds` later, or the latest representable moment.
    pub(crate) fn plus_seconds(self, seconds: u32) -> Moment {
        Moment(
            self.0
                .checked_add(i64::from(seconds).seconds())
                .unwrap_or(DateTime::MAX),
        )
    }

    /// The same time of day, `days` days later.
    pub(crate) fn plus_days(self, days: u32) -> Moment {
        Moment(
            self.0
                .checked_add(i64::from(days).days())
                .unwrap_or(DateTime::MAX),
        )
    }

    /// Whether both moments fall on the same calendar day.
    pub(crate) fn same_day(self, other: Moment) -> bool {
        self.0.date() == other.0.date()
    }

    /// The year.
    pub(crate) fn year(self) -> u32 {
        u32::try_from(self.0.year()).unwrap_or_default()
    }

    /// Minutes from `earlier` to this moment, or 0 when `earlier` is not earlier.
    pub(crate) fn minutes_since(self, earlier: Moment) -> u32 {
        let minutes = self
            .0
            .since((Unit::Minute, earlier.0))
            .map_or(0, |span| span.get_minutes());
        u32::try_from(minutes.max(0)).unwrap_or(u32::MAX)
    }

    /// `YYYY-MM-DD`.
    pub(crate) fn date(self) -> Date {
        Date(self)
    }

    /// `HH:MM`.
    pub(crate) fn time(self) -> Time {
        Time(self, false)
    }

    /// `HH:MM:SS`.
    pub(crate) fn time_with_seconds(self) -> Time {
        Time(self, true)
    }
}

/// A moment displayed as its date.
pub(crate) struct Date(Moment);

/// A moment displayed as its time of day, with or without seconds.
pub(crate) struct Time(Moment, bool);

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.0.date())
    }
}

impl fmt::Display for Time {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Time(Moment(moment), with_seconds) = self;
        write!(f, "{:02}:{:02}", moment.hour(), moment.minute())?;
        if *with_seconds {
            write!(f, ":{:02}", moment.second())?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adds_minutes_across_midnight_and_year_end() {
        let moment = Moment::new(2025, 12, 31, 23, 50).plus_minutes(25);
        assert_eq!(moment.date().to_string(), "2026-01-01");
        assert_eq!(moment.time().to_string(), "00:15");
    }

    #[test]
    fn knows_leap_days() {
        let moment = Moment::new(2028, 2, 28, 12, 0).plus_days(1);
        assert_eq!(moment.date().to_string(), "2028-02-29");
        let moment = Moment::new(2026, 2, 28, 12, 0).plus_days(1);
        assert_eq!(moment.date().to_string(), "2026-03-01");
    }

    #[test]
    fn counts_minutes_between_days() {
        let start = Moment::new(2026, 3, 1, 22, 0);
        assert_eq!(start.plus_minutes(3000).minutes_since(start), 3000);
        assert_eq!(start.minutes_since(start.plus_minutes(5)), 0);
    }

    #[test]
    fn formats_seconds() {
        let moment = Moment::new(2026, 3, 1, 9, 5).plus_seconds(7);
        assert_eq!(moment.time_with_seconds().to_string(), "09:05:07");
    }
}
