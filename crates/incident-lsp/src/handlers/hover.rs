//! `textDocument/hover`: a summary of a diagnostic's rule with a link to its page, what an ID
//! stands for, which incident an `INC-…` mention names, and what a time is in the incident's
//! zone and how long after the start it was.

use incident_model::{Incident, Milestone, Outcome, TimelineEntry};
use incident_syntax::{IdPrefix, TextRange};
use jiff::ZonedDateTime;
use tower_lsp::jsonrpc::Result;
use tower_lsp::lsp_types::request::HoverRequest;
use tower_lsp::lsp_types::*;

use crate::convert::rule_url;
use crate::handlers::navigation::{incident_id_at, local_id_at};
use crate::handlers::{DocumentRequest, RequestContext, Snapshot, elapsed_label, human_duration};

impl DocumentRequest for HoverRequest {
    fn document(params: &HoverParams) -> &Url {
        &params.text_document_position_params.text_document.uri
    }

    fn answer(cx: &mut RequestContext, params: HoverParams) -> Result<Option<Hover>> {
        let position = params.text_document_position_params.position;
        let workspace = &cx.workspace;
        Ok(hover(&cx.snapshot, position, &|id| {
            workspace.incident_files_defining(id)
        }))
    }
}

/// A file of the workspace that defines an incident ID.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IncidentFile {
    /// The file, as messages name it (relative to its workspace folder).
    pub path: String,
    /// Its front matter's `title`.
    pub title: Option<String>,
}

/// The hover at `position`, if there is anything to say there; `incident_files` finds the files
/// that define an incident ID.
pub fn hover(
    snapshot: &Snapshot,
    position: Position,
    incident_files: &dyn Fn(&str) -> Vec<IncidentFile>,
) -> Option<Hover> {
    let converter = snapshot.converter();
    let offset = converter.offset(position);
    let analysis = &snapshot.analysis;
    let incident = analysis.incident();
    let markup = Markup {
        markdown: snapshot.client.hover_markdown,
    };
    let mut parts = Vec::new();
    let mut range: Option<TextRange> = None;
    for diagnostic in analysis.diagnostics() {
        if diagnostic.range.contains_inclusive(offset) {
            let mut text = format!(
                "{}: {}",
                markup.strong(&format!("{} {}", diagnostic.code(), diagnostic.name())),
                diagnostic.message,
            );
            if let Some(summary) = rule_summary(&diagnostic.rule.documentation()) {
                text.push_str("\n\n");
                text.push_str(&markup.docs_text(&summary));
            }
            if let Some(url) = rule_url(diagnostic.code()) {
                text.push_str("\n\n");
                let label = format!("{} documentation", diagnostic.code());
                text.push_str(&markup.link(&label, &url));
            }
            parts.push(text);
            range = Some(range.map_or(diagnostic.range, |range| range.cover(diagnostic.range)));
        }
    }
    if let Some((id, id_range)) = local_id_at(incident, offset) {
        parts.push(describe_id(snapshot, markup, incident, &id));
        range = Some(id_range);
    } else if let Some(occurrence) = incident_id_at(analysis.parse(), offset) {
        if !occurrence.is_definition {
            parts.push(describe_incident(
                markup,
                &occurrence.id,
                &incident_files(&occurrence.id),
            ));
            range = Some(occurrence.range);
        }
    }
    if let Some((milestone, time, time_range)) = front_matter_time_at(incident, offset) {
        parts.push(describe_milestone(markup, incident, milestone, time));
        range = Some(time_range);
    }
    if let Some((entry_idx, entry)) = incident.timeline.iter().enumerate().find(|(_, entry)| {
        entry
            .time
            .as_ref()
            .is_some_and(|time| time.range.contains_inclusive(offset))
    }) {
        if let Some(text) = describe_time(markup, incident, entry_idx, entry) {
            parts.push(text);
            range = entry.time.as_ref().map(|time| time.range);
        }
    }
    if parts.is_empty() {
        return None;
    }
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: markup.kind(),
            value: parts.join("\n\n---\n\n"),
        }),
        range: range.map(|range| converter.range(range)),
    })
}

/// How hover text is written: Markdown, or plain text without its syntax for clients that do
/// not render Markdown.
#[derive(Clone, Copy)]
struct Markup {
    markdown: bool,
}

impl Markup {
    fn kind(self) -> MarkupKind {
        if self.markdown {
            MarkupKind::Markdown
        } else {
            MarkupKind::PlainText
        }
    }

    /// Emphasized text: `**text**`.
    fn strong(self, text: &str) -> String {
        if self.markdown {
            format!("**{text}**")
        } else {
            text.to_owned()
        }
    }

    /// A name as it is written in the file: `` `text` ``.
    fn code(self, text: &str) -> String {
        if self.markdown {
            format!("`{text}`")
        } else {
            text.to_owned()
        }
    }

    /// A link, or in plain text its label and address.
    fn link(self, label: &str, url: &Url) -> String {
        if self.markdown {
            format!("[{label}]({url})")
        } else {
            format!("{label}: {url}")
        }
    }

    /// Text of the rule docs, which are Markdown: in plain text, inline code loses its
    /// backticks.
    fn docs_text(self, text: &str) -> String {
        if self.markdown {
            text.to_owned()
        } else {
            text.replace('`', "")
        }
    }

    /// A quotation from the file.
    fn quote(self, text: &str) -> String {
        if self.markdown {
            format!("> {text}")
        } else {
            format!("\"{text}\"")
        }
    }
}

/// The first paragraph of a rule's "What it does", as one line.
fn rule_summary(documentation: &str) -> Option<String> {
    let mut lines = documentation
        .lines()
        .skip_while(|line| line.trim() != "## What it does")
        .skip(1)
        .skip_while(|line| line.trim().is_empty());
    let paragraph: Vec<&str> = lines
        .by_ref()
        .take_while(|line| !line.trim().is_empty() && !line.starts_with('#'))
        .map(str::trim)
        .collect();
    (!paragraph.is_empty()).then(|| paragraph.join(" "))
}

/// What an `INC-…` mention names: the files that define it, with their titles.
fn describe_incident(markup: Markup, id: &str, files: &[IncidentFile]) -> String {
    let shown_id = markup.strong(id);
    if files.is_empty() {
        return format!(
            "{shown_id}: no incident file of the workspace has this {}; check the ID, or add the file",
            markup.code("id")
        );
    }
    let lines: Vec<String> = files
        .iter()
        .map(|file| match &file.title {
            Some(title) => format!("{shown_id}: {title}\n\n{}", markup.code(&file.path)),
            None => format!("{shown_id} (no title)\n\n{}", markup.code(&file.path)),
        })
        .collect();
    lines.join("\n\n")
}

/// The front matter milestone whose value is at `offset`, read.
fn front_matter_time_at(
    incident: &Incident,
    offset: u32,
) -> Option<(Milestone, &ZonedDateTime, TextRange)> {
    incident
        .metadata
        .milestones
        .iter()
        .find(|(_, time)| time.range.contains_inclusive(offset))
        .and_then(|(milestone, time)| Some((*milestone, time.value.as_ref().ok()?, time.range)))
}

/// A front matter time in the incident's zone, in UTC, and how long after the start it was.
fn describe_milestone(
    markup: Markup,
    incident: &Incident,
    milestone: Milestone,
    time: &ZonedDateTime,
) -> String {
    let zone = &incident.timezone;
    let local = time.with_time_zone(zone.zone.clone());
    let mut out = format!(
        "{}: {} in {} (UTC{})\n\n{} UTC",
        markup.strong(milestone.name()),
        local.strftime("%Y-%m-%d %H:%M"),
        zone.name,
        local.strftime("%:z"),
        time.with_time_zone(jiff::tz::TimeZone::UTC)
            .strftime("%Y-%m-%d %H:%M"),
    );
    if milestone != Milestone::Started {
        if let Some(start) = started(incident) {
            out.push_str(&format!(
                "\n\n{} since {} ({})",
                elapsed_label(start, time),
                markup.code("started"),
                start.with_time_zone(zone.zone.clone()).strftime("%H:%M")
            ));
        }
    }
    out
}

fn describe_id(snapshot: &Snapshot, markup: Markup, incident: &Incident, id: &str) -> String {
    let converter = snapshot.converter();
    let line_of = |range: TextRange| converter.position(range.start()).line + 1;
    let Some(definition) = incident.definition(id) else {
        return format!("{} is not defined in this file", markup.strong(id));
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
        "{} ({what}), defined on line {} {place}",
        markup.strong(id),
        line_of(definition.id.range)
    );
    if let Some(text) = &definition.text {
        out.push_str("\n\n");
        out.push_str(&markup.quote(&text.value));
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
                "\n\nVerdict: {} on line {}",
                markup.strong(word),
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

fn describe_time(
    markup: Markup,
    incident: &Incident,
    entry_idx: usize,
    entry: &TimelineEntry,
) -> Option<String> {
    let instant = entry.instant()?;
    let zone = &incident.timezone;
    let local = instant
        .with_time_zone(zone.zone.clone())
        .strftime("%Y-%m-%d %H:%M")
        .to_string();
    let mut out = format!("{} ({})", markup.strong(&local), zone.name);
    if let Some(start) = started(incident) {
        out.push_str(&format!(
            "\n\n{} since {} ({})",
            elapsed_label(start, instant),
            markup.code("started"),
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
