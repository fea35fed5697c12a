//! Text on the pages: times in the incident's zone, titles, and text with its IDs linked.

use incident_model::Incident;
use incident_syntax::{incident_ref_len, whole_word_id_len};
use jiff::ZonedDateTime;
use maud::{Markup, html};

use crate::PageOptions;

/// A date and time in the incident's zone, with the offset, so that a daylight saving change
/// shows: `2026-10-25 01:30 +02:00`.
pub(crate) fn date_time(incident: &Incident, time: &ZonedDateTime) -> String {
    time.with_time_zone(incident.timezone.zone.clone())
        .strftime("%Y-%m-%d %H:%M %:z")
        .to_string()
}

/// The time of day in the incident's zone: `14:02`.
pub(crate) fn time_of_day(incident: &Incident, time: &ZonedDateTime) -> String {
    time.with_time_zone(incident.timezone.zone.clone())
        .strftime("%H:%M")
        .to_string()
}

/// The level-1 heading, else the front matter's `title`, else the file's name.
pub(crate) fn title<'a>(incident: &'a Incident, source_name: &'a str) -> &'a str {
    incident
        .title
        .as_ref()
        .or(incident.metadata.scalar("title"))
        .map_or(source_name, |title| title.value.as_str())
}

/// A front matter value as written, if any.
pub(crate) fn front_matter<'a>(incident: &'a Incident, key: &str) -> Option<&'a str> {
    incident
        .metadata
        .scalar(key)
        .map(|value| value.value.as_str())
}

/// `text` with its code spans set as code, each `O<n>`/`H<n>` that the write-up defines linked
/// to its definition, and each mention of an incident that has a page linked to that page.
pub(crate) fn linked(text: &str, incident: &Incident, options: &PageOptions) -> Markup {
    // Between backticks, every odd piece is a code span; an unpaired backtick stays as written.
    let pieces: Vec<&str> = text.split('`').collect();
    let is_paired = pieces.len() % 2 == 1;
    html! {
        @for (position, piece) in pieces.iter().enumerate() {
            @if position % 2 == 1 && (is_paired || position + 1 < pieces.len()) {
                code { (piece) }
            } @else {
                @if position % 2 == 1 { "`" }
                (linked_words(piece, incident, options))
            }
        }
    }
}

fn linked_words(text: &str, incident: &Incident, options: &PageOptions) -> Markup {
    let mut pieces: Vec<(String, Option<String>)> = Vec::new();
    let mut plain_start = 0;
    let mut at = 0;
    while let Some(rest) = text.get(at..) {
        let Some(next) = rest.chars().next() else {
            break;
        };
        let after_word_char = text
            .get(..at)
            .and_then(|before| before.chars().next_back())
            .is_some_and(incident_syntax::is_word_char);
        let link = (!after_word_char)
            .then(|| {
                if let Some(len) = whole_word_id_len(rest) {
                    let id = rest.get(..len)?;
                    incident.definition(id).map(|_| (len, format!("#{id}")))
                } else {
                    let len = incident_ref_len(rest)?;
                    let id = rest.get(..len)?;
                    options
                        .incident_pages
                        .get(id)
                        .map(|href| (len, href.clone()))
                }
            })
            .flatten();
        match link {
            Some((len, href)) => {
                pieces.push((
                    text.get(plain_start..at).unwrap_or_default().to_owned(),
                    None,
                ));
                pieces.push((
                    text.get(at..at + len).unwrap_or_default().to_owned(),
                    Some(href),
                ));
                at += len;
                plain_start = at;
            }
            None => at += next.len_utf8(),
        }
    }
    pieces.push((text.get(plain_start..).unwrap_or_default().to_owned(), None));
    html! {
        @for (piece, href) in &pieces {
            @match href {
                Some(href) => a href=(href) { (piece) },
                None => (piece),
            }
        }
    }
}
