//! The zone words read after a time: `UTC` and `GMT` with an optional offset, and the common
//! abbreviations, each with the offset it is read as.
//!
//! The table is the one `grammar/SPEC.md` §8.6 documents; keep the two the same.

/// A zone abbreviation such as `CET` or `PDT`, and how it is read.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct ZoneAbbreviation {
    /// The abbreviation, in capitals as it must be written.
    pub name: &'static str,
    /// What it is read as: a fixed offset from UTC, or a zone that follows daylight saving.
    pub reading: ZoneReading,
    /// The IANA zone of the region that uses it, where the season of a fixed offset is checked
    /// (`CET` written for a summer date in Berlin, which was on `CEST`); empty for UTC.
    pub region: &'static str,
    /// The other zones it also names, when it is ambiguous (`IST`: India, Ireland, Israel).
    pub also_means: &'static str,
}

/// How a zone abbreviation is read.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ZoneReading {
    /// A fixed offset from UTC, in minutes: standard or summer time as the abbreviation says.
    Fixed(i32),
    /// An IANA zone, with its daylight saving rules: `PT` is `America/Los_Angeles`.
    Region,
}

const fn fixed(
    name: &'static str,
    minutes: i32,
    region: &'static str,
    also_means: &'static str,
) -> ZoneAbbreviation {
    ZoneAbbreviation {
        name,
        reading: ZoneReading::Fixed(minutes),
        region,
        also_means,
    }
}

const fn regional(name: &'static str, region: &'static str) -> ZoneAbbreviation {
    ZoneAbbreviation {
        name,
        reading: ZoneReading::Region,
        region,
        also_means: "",
    }
}

/// Every abbreviation read after a time, in the order of `grammar/SPEC.md`.
pub const ZONE_ABBREVIATIONS: &[ZoneAbbreviation] = &[
    fixed("UTC", 0, "", ""),
    fixed("GMT", 0, "", ""),
    fixed("UT", 0, "", ""),
    fixed("WET", 0, "Europe/Lisbon", ""),
    fixed("WEST", 60, "Europe/Lisbon", ""),
    fixed(
        "BST",
        60,
        "Europe/London",
        "Bangladesh Standard Time, UTC+06:00",
    ),
    fixed("CET", 60, "Europe/Berlin", ""),
    fixed("CEST", 120, "Europe/Berlin", ""),
    fixed("EET", 120, "Europe/Helsinki", ""),
    fixed("EEST", 180, "Europe/Helsinki", ""),
    fixed("MSK", 180, "Europe/Moscow", ""),
    fixed(
        "IST",
        330,
        "Asia/Kolkata",
        "Irish Standard Time, UTC+01:00, and Israel Standard Time, UTC+02:00",
    ),
    fixed("SGT", 480, "Asia/Singapore", ""),
    fixed("HKT", 480, "Asia/Hong_Kong", ""),
    fixed("JST", 540, "Asia/Tokyo", ""),
    fixed("KST", 540, "Asia/Seoul", ""),
    fixed("AEST", 600, "Australia/Sydney", ""),
    fixed("AEDT", 660, "Australia/Sydney", ""),
    fixed("NZST", 720, "Pacific/Auckland", ""),
    fixed("NZDT", 780, "Pacific/Auckland", ""),
    fixed(
        "AST",
        -240,
        "America/Halifax",
        "Arabia Standard Time, UTC+03:00",
    ),
    fixed("EST", -300, "America/New_York", ""),
    fixed("EDT", -240, "America/New_York", ""),
    fixed(
        "CST",
        -360,
        "America/Chicago",
        "China Standard Time, UTC+08:00",
    ),
    fixed("CDT", -300, "America/Chicago", ""),
    fixed("MST", -420, "America/Denver", ""),
    fixed("MDT", -360, "America/Denver", ""),
    fixed("PST", -480, "America/Los_Angeles", ""),
    fixed("PDT", -420, "America/Los_Angeles", ""),
    fixed("AKST", -540, "America/Anchorage", ""),
    fixed("AKDT", -480, "America/Anchorage", ""),
    fixed("HST", -600, "Pacific/Honolulu", ""),
    regional("ET", "America/New_York"),
    regional("CT", "America/Chicago"),
    regional("MT", "America/Denver"),
    regional("PT", "America/Los_Angeles"),
];

/// The abbreviation `word` (case-sensitive: `est` is not a zone).
pub fn abbreviation(word: &str) -> Option<&'static ZoneAbbreviation> {
    ZONE_ABBREVIATIONS
        .iter()
        .find(|abbreviation| abbreviation.name == word)
}

/// The offset in minutes of `UTC+2`, `UTC-05:00`, `GMT+5:30` and the like, or of `UTC`/`GMT`
/// alone; `None` for any other word.
pub fn zone_name_offset(word: &str) -> Option<i32> {
    let offset = ["UTC", "GMT"]
        .iter()
        .find_map(|base| word.strip_prefix(base))?;
    if offset.is_empty() {
        return Some(0);
    }
    let (sign, digits) = match offset.split_at_checked(1)? {
        ("+", digits) => (1, digits),
        ("-", digits) => (-1, digits),
        _ => return None,
    };
    let (hours, minutes) = match digits.split_once(':') {
        Some((hours, minutes)) if minutes.len() == 2 => (hours, minutes),
        Some(_) => return None,
        None if digits.len() == 4 => digits.split_at_checked(2)?,
        None => (digits, "00"),
    };
    let all_digits =
        |part: &str| !part.is_empty() && part.bytes().all(|byte| byte.is_ascii_digit());
    if !(all_digits(hours) && all_digits(minutes) && hours.len() <= 2) {
        return None;
    }
    let hours: i32 = hours.parse().ok()?;
    let minutes: i32 = minutes.parse().ok()?;
    (hours <= 14 && minutes < 60).then_some(sign * (hours * 60 + minutes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utc_with_offsets_is_read() {
        assert_eq!(zone_name_offset("UTC"), Some(0));
        assert_eq!(zone_name_offset("UTC+2"), Some(120));
        assert_eq!(zone_name_offset("GMT-05:00"), Some(-300));
        assert_eq!(zone_name_offset("UTC+0530"), Some(330));
        assert_eq!(zone_name_offset("UTC+"), None);
        assert_eq!(zone_name_offset("UTCX"), None);
        assert_eq!(zone_name_offset("CET"), None);
    }

    #[test]
    fn abbreviations_are_unique_and_capitalized() {
        for (idx, abbreviation) in ZONE_ABBREVIATIONS.iter().enumerate() {
            assert!(
                abbreviation
                    .name
                    .bytes()
                    .all(|byte| byte.is_ascii_uppercase())
            );
            assert!(
                ZONE_ABBREVIATIONS
                    .iter()
                    .skip(idx + 1)
                    .all(|other| other.name != abbreviation.name)
            );
        }
        assert_eq!(abbreviation("est"), None);
    }
}
