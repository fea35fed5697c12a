//! Timeline entries with their times resolved to instants.

use incident_syntax::{Parse, SectionKind, SyntaxKind, SyntaxNode, TextRange};
use jiff::ZonedDateTime;
use jiff::civil::Date;
use serde::Serialize;

use crate::investigation::item_head;
use crate::text::inline_text;
use crate::time::{self, Milestone};
use crate::{Incident, Spanned, ValueError};

/// A list item of a Timeline section.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TimelineEntry {
    /// The time the entry starts with, if any.
    pub time: Option<EntryTime>,
    /// What happened.
    pub text: Option<Spanned<String>>,
    /// The milestone tag at the end, if any.
    pub milestone: Option<Spanned<Milestone>>,
    /// The whole list item.
    pub range: TextRange,
    /// The section it is in.
    pub section: usize,
}

/// The time of a timeline entry.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EntryTime {
    /// The time as written, `~` excluded.
    pub range: TextRange,
    /// Whether it was marked approximate with `~`.
    pub approximate: bool,
    /// Whether a date was written (otherwise the time is on the day `started`).
    pub has_date: bool,
    /// The instant, or why it cannot be known.
    pub value: Result<ZonedDateTime, ValueError>,
}

impl TimelineEntry {
    /// The instant of the entry's time, when it has one that is valid: `None` for an entry
    /// without a time, with a malformed time, or with a time that cannot be placed.
    pub fn instant(&self) -> Option<&ZonedDateTime> {
        self.time.as_ref().and_then(|time| time.value.as_ref().ok())
    }
}

pub(crate) fn read(parse: &Parse, incident: &mut Incident, started_day: Option<Date>) {
    for (section_idx, (section, kind)) in parse.sections().enumerate() {
        if kind != SectionKind::Timeline {
            continue;
        }
        let items = section
            .children_of(SyntaxKind::List)
            .flat_map(|list| list.children_of(SyntaxKind::ListItem));
        for item in items {
            let Some(entry) =
                item_head(item).filter(|head| head.kind() == SyntaxKind::TimelineEntry)
            else {
                continue;
            };
            let time = read_time(entry, incident, started_day);
            let milestone = entry.child(SyntaxKind::MilestoneTag).and_then(|tag| {
                let name = tag.child(SyntaxKind::Text)?;
                Some(Spanned::new(
                    Milestone::from_name(name.text())?,
                    tag.range(),
                ))
            });
            incident.timeline.push(TimelineEntry {
                time,
                text: inline_text(entry),
                milestone,
                range: item.range(),
                section: section_idx,
            });
        }
    }
}

fn read_time(
    entry: SyntaxNode<'_>,
    incident: &Incident,
    started_day: Option<Date>,
) -> Option<EntryTime> {
    let approximate = entry.child(SyntaxKind::Tilde).is_some();
    if let Some(malformed) = entry.child(SyntaxKind::Error) {
        return Some(EntryTime {
            range: malformed.range(),
            approximate,
            has_date: false,
            value: Err(ValueError::new(format!(
                "`{}` is not a time: write `HH:MM` or `YYYY-MM-DD HH:MM`",
                malformed.text()
            ))),
        });
    }
    let timestamp = entry.child(SyntaxKind::Timestamp)?;
    let date_token = timestamp.child(SyntaxKind::Date);
    let time_parts = timestamp
        .child(SyntaxKind::Time)
        .and_then(|token| incident_syntax::parse_time(token.text()));
    let offset = timestamp
        .child(SyntaxKind::Offset)
        .and_then(|token| incident_syntax::parse_offset(token.text()));
    let day = match date_token {
        Some(token) => incident_syntax::parse_date(token.text())
            .ok_or_else(|| ValueError::new(format!("`{}` is not a date", token.text())))
            .and_then(time::civil_date),
        None => started_day.ok_or_else(|| {
            ValueError::new(
                "a time without a date needs a valid `started` date-time in the front matter",
            )
        }),
    };
    let value = match (day, time_parts) {
        (Ok(day), Some(parts)) => time::resolve(day, parts, offset, &incident.timezone.zone),
        (Err(error), _) => Err(error),
        (_, None) => Err(ValueError::new(format!(
            "`{}` is not a time",
            timestamp.text()
        ))),
    };
    Some(EntryTime {
        range: timestamp.range(),
        approximate,
        has_date: date_token.is_some(),
        value,
    })
}

#[cfg(test)]
mod tests {
    use crate::{Incident, ModelOptions};

    #[test]
    fn only_valid_times_have_an_instant() {
        let text = "---\nstarted: 2026-11-20 14:02\n---\n\n## Timeline\n\n\
                    - 14:02 first errors\n- 25:00 out of range\n- no time at all\n";
        let parse = incident_syntax::parse(text);
        let incident = Incident::build(&parse, &ModelOptions::default());
        let instants: Vec<Option<String>> = incident
            .timeline
            .iter()
            .map(|entry| {
                entry
                    .instant()
                    .map(|instant| instant.timestamp().to_string())
            })
            .collect();
        assert_eq!(
            instants,
            vec![Some("2026-11-20T14:02:00Z".to_owned()), None, None]
        );
    }
}
