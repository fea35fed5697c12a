//! Civil dates and times for generated incidents: just enough calendar to add minutes and cross midnight.

use std::fmt;

/// A wall-clock moment in the incident's time zone, to the second.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Moment {
    year: u32,
    month: u32,
    day: u32,
    /// Seconds since midnight.
    second_of_day: u32,
}

const SECONDS_PER_DAY: u32 = 24 * 60 * 60;

impl Moment {
    /// The moment `hour:minute` on the given day; out-of-range parts are clamped to valid ones.
    pub(crate) fn new(year: u32, month: u32, day: u32, hour: u32, minute: u32) -> Moment {
        let month = month.clamp(1, 12);
        Moment {
            year,
            month,
            day: day.clamp(1, days_in_month(year, month)),
            second_of_day: (hour.min(23) * 60 + minute.min(59)) * 60,
        }
    }

    /// The moment `minutes` later.
    pub(crate) fn plus_minutes(self, minutes: u32) -> Moment {
        self.plus_seconds(minutes.saturating_mul(60))
    }

    /// The moment `seconds` later.
    pub(crate) fn plus_seconds(self, seconds: u32) -> Moment {
        let mut moment = self;
        let total = u64::from(moment.second_of_day) + u64::from(seconds);
        let mut extra_days = total / u64::from(SECONDS_PER_DAY);
        moment.second_of_day = (total % u64::from(SECONDS_PER_DAY)) as u32;
        while extra_days > 0 {
            moment = moment.next_day();
            extra_days -= 1;
        }
        moment
    }

    /// The same time of day, `days` days later.
    pub(crate) fn plus_days(self, days: u32) -> Moment {
        (0..days).fold(self, |moment, _| moment.next_day())
    }

    fn next_day(self) -> Moment {
        let mut moment = self;
        moment.day += 1;
        if moment.day > days_in_month(moment.year, moment.month) {
            moment.day = 1;
            moment.month += 1;
            if moment.month > 12 {
                moment.month = 1;
                moment.year += 1;
            }
        }
        moment
    }

    /// Whether both moments fall on the same calendar day.
    pub(crate) fn same_day(self, other: Moment) -> bool {
        (self.year, self.month, self.day) == (other.year, other.month, other.day)
    }

    /// The year.
    pub(crate) fn year(self) -> u32 {
        self.year
    }

    /// The hour of the day, 0 to 23.
    pub(crate) fn hour(self) -> u32 {
        self.second_of_day / 3600
    }

    /// Minutes from `earlier` to this moment, or 0 when `earlier` is not earlier.
    pub(crate) fn minutes_since(self, earlier: Moment) -> u32 {
        let days = days_between(earlier, self);
        let seconds = i64::from(days) * i64::from(SECONDS_PER_DAY) + i64::from(self.second_of_day)
            - i64::from(earlier.second_of_day);
        u32::try_from(seconds.max(0) / 60).unwrap_or(u32::MAX)
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
        write!(
            f,
            "{:04}-{:02}-{:02}",
            self.0.year, self.0.month, self.0.day
        )
    }
}

impl fmt::Display for Time {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Time(moment, with_seconds) = self;
        let minute_of_day = moment.second_of_day / 60;
        write!(f, "{:02}:{:02}", minute_of_day / 60, minute_of_day % 60)?;
        if *with_seconds {
            write!(f, ":{:02}", moment.second_of_day % 60)?;
        }
        Ok(())
    }
}

fn is_leap_year(year: u32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if is_leap_year(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Whole days from the date of `earlier` to the date of `later` (0 when `later` is not later).
fn days_between(earlier: Moment, later: Moment) -> u32 {
    let mut day = Moment {
        second_of_day: 0,
        ..earlier
    };
    let target = Moment {
        second_of_day: 0,
        ..later
    };
    let mut days = 0;
    // Incidents last days or weeks, so counting day by day is cheap enough.
    while day < target && days < 100_000 {
        day = day.next_day();
        days += 1;
    }
    days
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
        assert_eq!(moment.hour(), 9);
    }
}
