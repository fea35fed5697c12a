//! `textDocument/hover`: a diagnostic's rule documentation, what an ID stands for, and how long
//! after the start a timeline entry happened.

use incident_model::{Incident, Milestone, Outcome, TimelineEntry};
use incident_syntax::{IdPrefix, TextRange};
use jiff::ZonedDateTime;
use tower_lsp::lsp_types::*;

use crate::handlers::navigation::local_id_at;
use crate::handlers::{Snapshot, elapsed_label, human_duration};

/// The hover at `position`, if there is anything to say there.
pub fn hover(snapshot: &Snapshot, position: Position) -> Option<Hover> {
    let converter = snapshot.converter();
    let offset = converter.offset(position);
    let analysis = &snapshot.analysis;
    let incident = analysis.incident();
    let mut parts = Vec::new();
    let mut range: Option<TextRange> = None;
    for diagnostic in analysis.diagnostics() {
        if diagnostic.range.contains_inclusive(offset) {
            parts.push(format!(
                "**{} {}**: {}\n\n{}",
                diagnostic.code(),
                diagnostic.name(),
                diagnostic.message,
                diagnostic.rule.documentation().trim_end()
            ));
            range = Some(range.map_or(diagnostic.range, |range| range.cover(diagnostic.range)));
        }
    }
    if let Some((id, id_range)) = local_id_at(incident, offset) {
        parts.push(describe_id(snapshot, incident, &id));
        range = Some(id_range);
    }
    if let Some((entry_idx, entry)) = incident.timeline.iter().enumerate().find(|(_, entry)| {
        entry
            .time
            .as_ref()
            .is_some_and(|time| time.range.contains_inclusive(offset))
    }) {
        if let Some(text) = describe_time(incident, entry_idx, entry) {
            parts.push(text);
            range = entry.time.as_ref().map(|time| time.range);
        }
    }
    if parts.is_empty() {
        return None;
    }
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: parts.join("\n\n---\n\n"),
        }),
        range: range.map(|range| converter.range(range)),
    })
}

fn describe_id(snapshot: &Snapshot, incident: &Incident, id: &str) -> String {
    let converter = snapshot.converter();
    let line_of = |range: TextRange| converter.position(range.start()).line + 1;
    let Some(definition) = incident.definition(id) else {
        return format!("**{id}** is not defined in this file");
    };
    let what = match definition.prefix {
        IdPrefix::Observation => "observation",
        IdPrefix::Hypothesis => "hypothesis",
    };
    let section = definition
        .section
        .and_then(|index| incident.sections.get(index));
    let place = match section {
        Some(section) => {
            let name = section
                .name
                .as_ref()
                .map_or(section.kind.title(), |name| name.value.as_str());
            match section.loop_index {
                Some(loop_index) => format!("in {name} (loop {})", loop_index + 1),
                None => format!("in {name}"),
            }
        }
        None => String::new(),
    };
    let mut out = format!(
        "**{id}** ({what}), defined on line {} {place}",
        line_of(definition.id.range)
    );
    if let Some(text) = &definition.text {
        out.push_str("\n\n> ");
        out.push_str(&text.value);
    }
    if definition.prefix == IdPrefix::Hypothesis {
        let verdicts: Vec<_> = incident.verdicts_on(id).collect();
        if verdicts.is_empty() {
            out.push_str("\n\nNo verdict yet: test it in an Act section.");
        }
        for verdict in verdicts {
            let word = match verdict.outcome.value {
                Outcome::Confirmed => "confirmed",
                Outcome::Rejected => "rejected",
            };
            out.push_str(&format!(
                "\n\nVerdict: **{word}** on line {}",
                line_of(verdict.range)
            ));
            let reasons: Vec<&str> = verdict
                .reason
                .iter()
                .map(|reason| reason.value.as_str())
                .chain(
                    verdict
                        .details
                        .iter()
                        .filter_map(|detail| detail.text.as_ref().map(|text| text.value.as_str())),
                )
                .filter(|reason| !reason.trim().is_empty())
                .collect();
            if !reasons.is_empty() {
                out.push_str(": ");
                out.push_str(&reasons.join("; "));
            }
        }
    } else {
        let cited_by: Vec<&str> = incident
            .definitions_of(IdPrefix::Hypothesis)
            .filter(|hypothesis| {
                hypothesis.range.contains_range(definition.range)
                    || incident
                        .references_to(id)
                        .any(|reference| hypothesis.range.contains_range(reference.range))
            })
            .map(|hypothesis| hypothesis.id.value.as_str())
            .collect();
        if !cited_by.is_empty() {
            out.push_str(&format!("\n\nEvidence for {}", cited_by.join(", ")));
        }
    }
    out
}

/// When the incident started: the front matter's `started`, else the entry tagged `[started]`.
pub fn started(incident: &Incident) -> Option<&ZonedDateTime> {
    incident.metadata.milestone(Milestone::Started).or_else(|| {
        incident
            .timeline
            .iter()
            .find(|entry| {
                entry
                    .milestone
                    .as_ref()
                    .is_some_and(|tag| tag.value == Milestone::Started)
            })
            .and_then(TimelineEntry::instant)
    })
}

fn describe_time(incident: &Incident, entry_idx: usize, entry: &TimelineEntry) -> Option<String> {
    let instant = entry.instant()?;
    let zone = &incident.timezone;
    let mut out = format!(
        "**{}** ({})",
        instant
            .with_time_zone(zone.zone.clone())
            .strftime("%Y-%m-%d %H:%M"),
        zone.name
    );
    if let Some(start) = started(incident) {
        out.push_str(&format!(
            "\n\n{} since `started` ({})",
            elapsed_label(start, instant),
            start.with_time_zone(zone.zone.clone()).strftime("%H:%M")
        ));
    }
    let previous = incident
        .timeline
        .get(..entry_idx)
        .unwrap_or_default()
        .iter()
        .rev()
        .find_map(TimelineEntry::instant);
    if let Some(previous) = previous {
        out.push_str(&format!(
            "\n\n+{} since the previous entry ({})",
            human_duration(previous.duration_until(instant)),
            previous.with_time_zone(zone.zone.clone()).strftime("%H:%M")
        ));
    }
    Some(out)
}
