//! Builds the model of every file in the shared corpus and snapshots a readable summary of it.

#![allow(clippy::unwrap_used, clippy::indexing_slicing, missing_docs)]

use std::fmt::Write as _;
use std::fs;

use incident_model::{FieldValue, Incident, ModelOptions, Spanned, ValueError};
use jiff::ZonedDateTime;

#[test]
fn corpus() {
    insta::glob!("../../../tests/corpus", "**/*.incident", |path| {
        let text = fs::read_to_string(path).unwrap();
        let parse = incident_syntax::parse(&text);
        let incident = Incident::build(&parse, &ModelOptions::default());
        insta::assert_snapshot!(render(&incident));
    });
}

#[test]
fn model_serializes_to_json() {
    let text = fs::read_to_string("../../examples/checkout-502.incident").unwrap();
    let incident = Incident::build(&incident_syntax::parse(&text), &ModelOptions::default());
    let json: serde_json::Value = serde_json::to_value(&incident).unwrap();
    assert_eq!(json["timeline"][0]["milestone"]["value"], "started");
    assert_eq!(
        json["metadata"]["milestones"][0][1]["value"]["Ok"],
        "2026-11-20T14:02:00+00:00[UTC]"
    );
    assert_eq!(json["verdicts"][0]["outcome"]["value"], "rejected");
}

fn text(value: &Option<Spanned<String>>) -> String {
    value.as_ref().map_or_else(
        || "-".to_owned(),
        |spanned| format!("{:?} @{:?}", shorten(&spanned.value), spanned.range),
    )
}

fn shorten(value: &str) -> String {
    if value.chars().count() > 70 {
        format!("{}…", value.chars().take(70).collect::<String>())
    } else {
        value.to_owned()
    }
}

fn instant(value: &Result<ZonedDateTime, ValueError>) -> String {
    match value {
        Ok(zoned) => zoned.to_string(),
        Err(error) => format!("error: {}", error.message),
    }
}

fn render(incident: &Incident) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "title: {}", text(&incident.title));
    let _ = writeln!(out, "timezone: {}", incident.timezone.name);
    if let Some(zone) = &incident.metadata.timezone {
        if let Err(error) = &zone.value {
            let _ = writeln!(out, "  error: {}", error.message);
        }
    }
    for field in &incident.metadata.fields {
        let value = match &field.value {
            FieldValue::Empty => "(empty)".to_owned(),
            FieldValue::Scalar(scalar) => format!("{:?}", shorten(&scalar.value)),
            FieldValue::List(items) => format!(
                "{:?}",
                items
                    .iter()
                    .map(|item| item.value.as_str())
                    .collect::<Vec<_>>()
            ),
            FieldValue::Nested(range) => format!("(nested @{range:?})"),
        };
        let _ = writeln!(out, "field {} = {value}", field.key.value);
    }
    for (milestone, value) in &incident.metadata.milestones {
        let _ = writeln!(out, "milestone {milestone:?}: {}", instant(&value.value));
    }
    for section in &incident.sections {
        let loop_text = section
            .loop_index
            .map_or(String::new(), |idx| format!(" loop {}", idx + 1));
        let content = if section.has_content { "" } else { " (empty)" };
        let _ = writeln!(
            out,
            "section {} {:?} {}{loop_text}{content}",
            section.index,
            section.kind,
            text(&section.name)
        );
    }
    for ooda_loop in &incident.loops {
        let _ = writeln!(
            out,
            "loop {}: sections {:?} @{:?}",
            ooda_loop.index + 1,
            ooda_loop.sections,
            ooda_loop.range
        );
    }
    for definition in &incident.definitions {
        let _ = writeln!(
            out,
            "definition {} in section {:?}: {}",
            definition.id.value,
            definition.section,
            text(&definition.text)
        );
    }
    for verdict in &incident.verdicts {
        let _ = writeln!(
            out,
            "verdict {} {:?} in section {:?}: {}",
            verdict.hypothesis.value,
            verdict.outcome.value,
            verdict.section,
            text(&verdict.reason)
        );
        for detail in &verdict.details {
            let _ = writeln!(out, "  detail {:?}: {}", detail.label, text(&detail.text));
        }
    }
    for reference in &incident.references {
        let _ = writeln!(
            out,
            "reference {} @{:?} in section {:?}",
            reference.id, reference.range, reference.section
        );
    }
    for status in &incident.status_lines {
        let systems: Vec<&str> = status
            .systems
            .iter()
            .map(|system| system.value.as_str())
            .collect();
        let _ = writeln!(out, "status {:?}: {systems:?}", status.kind);
    }
    for note in &incident.notes {
        let _ = writeln!(out, "note {:?}: {}", note.kind, text(&note.text));
    }
    for entry in &incident.timeline {
        let time = entry.time.as_ref().map_or_else(
            || "no time".to_owned(),
            |time| {
                let approximate = if time.approximate { "~" } else { "" };
                format!("{approximate}{}", instant(&time.value))
            },
        );
        let milestone = entry
            .milestone
            .as_ref()
            .map_or(String::new(), |tag| format!(" [{:?}]", tag.value));
        let _ = writeln!(out, "timeline {time}{milestone}: {}", text(&entry.text));
    }
    for action in &incident.actions {
        let task_box = match (action.in_table, action.has_task_box, action.done) {
            (true, _, false) => "table row",
            (true, _, true) => "table row done",
            (false, false, _) => "no box",
            (false, true, false) => "[ ]",
            (false, true, true) => "[x]",
        };
        let due = action.due.as_ref().map_or_else(
            || "-".to_owned(),
            |due| match &due.value {
                Ok(date) => date.to_string(),
                Err(error) => format!("error: {}", error.message),
            },
        );
        let _ = writeln!(
            out,
            "action {task_box} category {:?} owner {:?} due {due}: {}",
            action
                .category
                .as_ref()
                .map(|category| category.value.as_str()),
            action.owner.as_ref().map(|owner| owner.value.as_str()),
            text(&action.text)
        );
    }
    for directive in &incident.directives {
        let rules: Vec<&str> = directive
            .rules
            .iter()
            .map(|rule| rule.value.as_str())
            .collect();
        let _ = writeln!(out, "directive {:?} {rules:?}", directive.verb);
    }
    for reference in &incident.incident_references {
        let _ = writeln!(
            out,
            "incident reference {} @{:?}",
            reference.value, reference.range
        );
    }
    out
}
