//! Times as people write them at the start of a timeline line: wrapped in bold or brackets,
//! on the 12-hour clock, followed by a zone word, and the placeholders of unknown times.
//!
//! The parser reads timeline list items with these functions, and the semantic model reads
//! table cells, headings and paragraph lines with the same ones, so that every shape of a
//! timeline agrees on what a time is.

use crate::lexeme::{self, DateParts, TimeParts, is_word_char};

/// A piece of a written time: its byte range in the text it was read from, and its value.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Piece<T> {
    /// Where it starts.
    pub start: usize,
    /// Where it ends (exclusive).
    pub end: usize,
    /// What it says.
    pub value: T,
}

/// `AM` or `PM` after a time.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Meridiem {
    /// Before noon: `am`, `AM`, `a.m.`.
    Am,
    /// After noon: `pm`, `PM`, `p.m.`.
    Pm,
}

/// A time at the start of a line, with everything around it that belongs to it.
///
/// Offsets are bytes from the start of the text given to [`written_time`].
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct WrittenTime {
    /// The emphasis or bracket that opens it (`**`, `__`, `*`, `_`, `[`, `` ` ``), if any.
    pub open: Option<Piece<()>>,
    /// The date, if written.
    pub date: Option<Piece<DateParts>>,
    /// The time of day.
    pub time: Piece<TimeParts>,
    /// `AM` or `PM`, if written.
    pub meridiem: Option<Piece<Meridiem>>,
    /// The zone as written (`UTC`, `CET`, `+02:00`, `(PST)`, `Europe/Berlin`), if any.
    pub zone: Option<Piece<()>>,
    /// A `:` directly inside the closing wrapper (`**16:58:**`), if any.
    pub inner_colon: Option<Piece<()>>,
    /// The emphasis or bracket that closes it, if it was opened.
    pub close: Option<Piece<()>>,
    /// Where the whole written time ends.
    pub end: usize,
}

impl WrittenTime {
    /// Where the timestamp proper (date, time, meridiem and zone) starts.
    pub fn timestamp_start(&self) -> usize {
        self.date.map_or(self.time.start, |date| date.start)
    }

    /// Where the timestamp proper ends.
    pub fn timestamp_end(&self) -> usize {
        self.zone
            .map(|zone| zone.end)
            .or(self.meridiem.map(|meridiem| meridiem.end))
            .unwrap_or(self.time.end)
    }

    /// The time of day on the 24-hour clock: a 12-hour time converted, and a meridiem after
    /// an hour past 12 (`17:14pm`) ignored.
    pub fn on_24_hour_clock(&self) -> TimeParts {
        let time = self.time.value;
        let hour = match (self.meridiem.map(|meridiem| meridiem.value), time.hour) {
            (Some(Meridiem::Am), 12) => 0,
            (Some(Meridiem::Pm), hour @ 1..=11) => hour + 12,
            (_, hour) => hour,
        };
        TimeParts { hour, ..time }
    }

    /// Whether the meridiem contradicts the hour, as in `17:14pm` or `0:30am`: it is ignored.
    pub fn meridiem_contradicts_hour(&self) -> bool {
        self.meridiem.is_some() && !(1..=12).contains(&self.time.value.hour)
    }
}

/// Reads a time at the start of `text`: optionally wrapped in `**…**`, `__…__`, `*…*`,
/// `_…_`, `[…]` or `` `…` ``, then `[YYYY-MM-DD ]H:MM[:SS][ am|pm][ zone]`, ending at a word
/// boundary. A zone is `Z`, an offset, `UTC+2`, a known abbreviation, one of them in
/// parentheses, or an IANA name such as `Europe/Berlin`.
pub fn written_time(text: &str) -> Option<WrittenTime> {
    let (open, wrapper) = opening_wrapper(text);
    let start = open.map_or(0, |open| open.end);
    let rest = text.get(start..)?;
    let (date, time_start) = match lexeme::date(rest) {
        Ok((after_date, value)) => {
            let date_end = start + rest.len() - after_date.len();
            if !after_date.starts_with([' ', 'T']) {
                return None;
            }
            (
                Some(Piece {
                    start,
                    end: date_end,
                    value,
                }),
                date_end + 1,
            )
        }
        Err(_) => (None, start),
    };
    let time_text = text.get(time_start..)?;
    let (after_time, time_value) = lexeme::time(time_text).ok()?;
    let time = Piece {
        start: time_start,
        end: time_start + time_text.len() - after_time.len(),
        value: time_value,
    };
    let mut end = time.end;
    let meridiem = meridiem_at(text, end);
    if let Some(meridiem) = meridiem {
        end = meridiem.end;
    }
    let zone = zone_at(text, end);
    if let Some(zone) = zone {
        end = zone.end;
    }
    let mut inner_colon = None;
    let mut close = None;
    if let Some(wrapper) = wrapper {
        let after = text.get(end..)?;
        if after.starts_with(':') && after.get(1..)?.starts_with(wrapper) {
            inner_colon = Some(Piece {
                start: end,
                end: end + 1,
                value: (),
            });
            end += 1;
        }
        if !text.get(end..)?.starts_with(wrapper) {
            return None;
        }
        close = Some(Piece {
            start: end,
            end: end + wrapper.len(),
            value: (),
        });
        end += wrapper.len();
    }
    if !ends_at_boundary(text.get(end..)?) {
        return None;
    }
    Some(WrittenTime {
        open,
        date,
        time,
        meridiem,
        zone,
        inner_colon,
        close,
        end,
    })
}

/// The length of a placeholder for an unknown time at the start of `text`, such as `--:--`,
/// `??:??` or `xx:xx`, possibly wrapped like a time, when it ends at a word boundary.
pub fn time_placeholder_len(text: &str) -> Option<usize> {
    let (open, wrapper) = opening_wrapper(text);
    let start = open.map_or(0, |open| open.end);
    let body = text.get(start..)?;
    let is_blank = |byte: &u8| matches!(byte, b'-' | b'?' | b'x' | b'X');
    let bytes = body.as_bytes();
    let lead = bytes.iter().take_while(|byte| is_blank(byte)).count();
    if !(1..=2).contains(&lead) || bytes.get(lead) != Some(&b':') {
        return None;
    }
    let minutes = bytes.get(lead + 1..lead + 3)?;
    if !minutes.iter().all(is_blank) {
        return None;
    }
    let mut end = start + lead + 3;
    if let Some(seconds) = bytes.get(lead + 3..lead + 6)
        && seconds.first() == Some(&b':')
        && seconds
            .get(1..)
            .is_some_and(|digits| digits.iter().all(is_blank))
    {
        end += 3;
    }
    if let Some(wrapper) = wrapper {
        if !text.get(end..)?.starts_with(wrapper) {
            return None;
        }
        end += wrapper.len();
    }
    ends_at_boundary(text.get(end..)?).then_some(end)
}

/// Whether the text after a time ends it: whitespace, the end, or `,`, `;`, `:` or `.`
/// followed by whitespace or the end.
pub fn ends_at_boundary(rest: &str) -> bool {
    let mut chars = rest.chars();
    match chars.next() {
        None => true,
        Some(c) if c.is_whitespace() => true,
        Some(',' | ';' | ':' | '.') => chars.next().is_none_or(char::is_whitespace),
        Some(_) => false,
    }
}

/// The opening wrapper at the start of `text` and the text that closes it.
fn opening_wrapper(text: &str) -> (Option<Piece<()>>, Option<&'static str>) {
    let wrappers = [
        ("**", "**"),
        ("__", "__"),
        ("*", "*"),
        ("_", "_"),
        ("[", "]"),
        ("`", "`"),
    ];
    wrappers
        .iter()
        .find(|(open, _)| text.starts_with(open))
        .map_or((None, None), |(open, close)| {
            (
                Some(Piece {
                    start: 0,
                    end: open.len(),
                    value: (),
                }),
                Some(*close),
            )
        })
}

/// `am`, `pm`, `a.m.` or `p.m.` at `pos`, directly or after one space, in any case.
fn meridiem_at(text: &str, pos: usize) -> Option<Piece<Meridiem>> {
    let after = text.get(pos..)?;
    let spaces = usize::from(after.starts_with(' '));
    let word = after.get(spaces..)?;
    let (value, len) = [
        ("a.m.", Meridiem::Am),
        ("p.m.", Meridiem::Pm),
        ("am", Meridiem::Am),
        ("pm", Meridiem::Pm),
    ]
    .iter()
    .find(|(written, _)| {
        word.get(..written.len())
            .is_some_and(|prefix| prefix.eq_ignore_ascii_case(written))
    })
    .map(|(written, value)| (*value, written.len()))?;
    let next = word.get(len..)?.chars().next();
    if next.is_some_and(is_word_char) {
        return None;
    }
    let start = pos + spaces;
    Some(Piece {
        start,
        end: start + len,
        value,
    })
}

/// A zone at `pos`: directly attached (`Z`, `+02:00`) or after one space (any zone form).
fn zone_at(text: &str, pos: usize) -> Option<Piece<()>> {
    let after = text.get(pos..)?;
    if let Some(len) = attached_offset_len(after) {
        return Some(Piece {
            start: pos,
            end: pos + len,
            value: (),
        });
    }
    let word = after.strip_prefix(' ')?;
    let len = zone_word_len(word)?;
    Some(Piece {
        start: pos + 1,
        end: pos + 1 + len,
        value: (),
    })
}

/// `Z` or an offset directly after a time, followed by a word boundary.
fn attached_offset_len(text: &str) -> Option<usize> {
    let (rest, _) = lexeme::offset(text).ok()?;
    let len = text.len() - rest.len();
    (!rest.chars().next().is_some_and(is_word_char)).then_some(len)
}

/// The length of a zone word at the start of `text`: an offset, `UTC`/`GMT` with an optional
/// offset, a known abbreviation, an IANA `Area/Place` name, or one of them in parentheses.
pub fn zone_word_len(text: &str) -> Option<usize> {
    if let Some(inner) = text.strip_prefix('(') {
        let len = bare_zone_len(inner)?;
        return inner.get(len..)?.starts_with(')').then_some(len + 2);
    }
    bare_zone_len(text)
}

fn bare_zone_len(text: &str) -> Option<usize> {
    let word_len = text
        .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | ':' | '/' | '_')))
        .unwrap_or(text.len());
    let word = text.get(..word_len)?;
    let word = word.trim_end_matches(':');
    if word.is_empty() {
        return None;
    }
    if crate::parse_offset(word).is_some() || crate::zone::zone_name_offset(word).is_some() {
        return Some(word.len());
    }
    if let Some(abbreviation) = crate::zone::abbreviation(word) {
        return Some(abbreviation.name.len());
    }
    is_iana_name(word).then_some(word.len())
}

/// The areas that start IANA zone names.
const IANA_AREAS: [&str; 11] = [
    "Africa",
    "America",
    "Antarctica",
    "Arctic",
    "Asia",
    "Atlantic",
    "Australia",
    "Etc",
    "Europe",
    "Indian",
    "Pacific",
];

/// `Area/Place`, such as `Europe/Berlin` or `America/Argentina/Buenos_Aires`: an IANA area,
/// a slash, and capitalized words. Whether the zone exists is for the model to say.
fn is_iana_name(word: &str) -> bool {
    let mut parts = word.split('/');
    let first_is_area = parts.next().is_some_and(|area| IANA_AREAS.contains(&area));
    let mut rest = parts.peekable();
    first_is_area
        && rest.peek().is_some()
        && rest.all(|part| {
            part.starts_with(|c: char| c.is_ascii_uppercase())
                && part
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '+'))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(text: &str) -> Option<(String, Option<String>, Option<String>, usize)> {
        let written = written_time(text)?;
        let slice = |piece: Piece<()>| text.get(piece.start..piece.end).map(str::to_owned);
        let time = written.on_24_hour_clock();
        Some((
            format!("{:02}:{:02}", time.hour, time.minute),
            written.zone.and_then(slice),
            written
                .date
                .and_then(|date| text.get(date.start..date.end).map(str::to_owned)),
            written.end,
        ))
    }

    #[test]
    fn zones_after_a_time_are_read() {
        let zone = |text: &str| pieces(text).and_then(|(_, zone, _, _)| zone);
        assert_eq!(zone("16:58 UTC - first alert").as_deref(), Some("UTC"));
        assert_eq!(zone("16:58 CEST first alert").as_deref(), Some("CEST"));
        assert_eq!(zone("16:58 (PST) first alert").as_deref(), Some("(PST)"));
        assert_eq!(zone("16:58 UTC+2 first alert").as_deref(), Some("UTC+2"));
        assert_eq!(zone("16:58+02:00 first").as_deref(), Some("+02:00"));
        assert_eq!(
            zone("16:58 Europe/Berlin x").as_deref(),
            Some("Europe/Berlin")
        );
        assert_eq!(zone("16:58 UTC: first").as_deref(), Some("UTC"));
        assert_eq!(zone("16:58 DNS failures"), None);
        assert_eq!(zone("16:58 EST."), Some("EST".to_owned()));
    }

    #[test]
    fn wrappers_dates_and_meridiems_are_read() {
        assert_eq!(
            pieces("**16:58 UTC** alert"),
            Some(("16:58".to_owned(), Some("UTC".to_owned()), None, 13))
        );
        assert_eq!(
            pieces("[08:47] more alerts"),
            Some(("08:47".to_owned(), None, None, 7))
        );
        assert_eq!(
            pieces("**2021-12-10 09:30 CET:** x"),
            Some((
                "09:30".to_owned(),
                Some("CET".to_owned()),
                Some("2021-12-10".to_owned()),
                25
            ))
        );
        assert_eq!(
            pieces("2:14 PM PST x").map(|parts| parts.0),
            Some("14:14".to_owned())
        );
        assert_eq!(
            pieces("12:05am x").map(|parts| parts.0),
            Some("00:05".to_owned())
        );
        assert_eq!(
            pieces("17:14pm x").map(|parts| parts.0),
            Some("17:14".to_owned())
        );
        assert!(written_time("17:14pm").is_some_and(|time| time.meridiem_contradicts_hour()));
        assert_eq!(pieces("9:30 amended").map(|parts| parts.3), Some(4));
        assert_eq!(pieces("2:14 PM – 2:40 PM x").map(|parts| parts.3), Some(7));
        assert_eq!(written_time("**16:58 alert"), None);
        assert_eq!(written_time("16:58x"), None);
        assert_eq!(written_time("ca. 18:30"), None);
    }

    #[test]
    fn placeholders_are_unknown_times() {
        assert_eq!(time_placeholder_len("--:-- pool found"), Some(5));
        assert_eq!(time_placeholder_len("??:?? x"), Some(5));
        assert_eq!(time_placeholder_len("**xx:xx** x"), Some(9));
        assert_eq!(time_placeholder_len("--:--:-- x"), Some(8));
        assert_eq!(time_placeholder_len("-- x"), None);
        assert_eq!(time_placeholder_len("12:-- x"), None);
    }
}
