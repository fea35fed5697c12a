//! The page of one incident.

use incident_model::{
    Incident, Measure, Milestone, NoteKind, Outcome, StatusKind, format_duration,
};
use incident_syntax::{IdPrefix, SectionKind};
use maud::{DOCTYPE, Markup, PreEscaped, html};

use crate::text::{date_time, front_matter, linked, title};
use crate::timeline::{outcome_word, timeline};
use crate::{PageOptions, STYLE, is_overdue};

/// The page of one incident, as a self-contained HTML document.
pub fn render_incident_html(incident: &Incident, options: &PageOptions) -> String {
    let heading = title(incident, &options.source_name);
    let services: Vec<&str> = incident
        .metadata
        .list("services")
        .into_iter()
        .map(|service| service.value.as_str())
        .collect();
    let authors: Vec<&str> = incident
        .metadata
        .list("authors")
        .into_iter()
        .map(|author| author.value.as_str())
        .collect();
    let page = html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (heading) }
                style { (PreEscaped(STYLE)) }
            }
            body {
                @if let Some(index) = &options.index_href {
                    nav { a href=(index) { "← All incidents" } }
                }
                header {
                    h1 { (heading) }
                    dl.facts {
                        @if let Some(id) = front_matter(incident, "id") { dt { "ID" } dd { (id) } }
                        dt { "Severity" } dd { (front_matter(incident, "severity").unwrap_or("not stated")) }
                        dt { "Status" } dd { (front_matter(incident, "status").unwrap_or("not stated")) }
                        @if !services.is_empty() { dt { "Services" } dd { (services.join(", ")) } }
                        @if !authors.is_empty() { dt { "Authors" } dd { (authors.join(", ")) } }
                        dt { "Times in" } dd { (incident.timezone.name) }
                    }
                }
                section #measures {
                    h2 { "Measures" }
                    (measures(incident))
                    (milestone_table(incident))
                }
                section #timeline {
                    h2 { "Timeline" }
                    (timeline(incident, options))
                }
                @if !incident.loops.is_empty() {
                    section #investigation .story {
                        h2 { "Investigation" }
                        @for ooda_loop in &incident.loops {
                            (investigation_loop(incident, ooda_loop.index, options))
                        }
                    }
                }
                section #actions {
                    h2 { "Actions" }
                    (actions(incident, options))
                }
                footer {
                    "From " (options.source_name)
                    @if let Some(today) = options.today { ", as of " (today) }
                    "."
                }
            }
        }
    };
    page.into_string()
}

fn measures(incident: &Incident) -> Markup {
    html! {
        div.measures {
            @for measure in Measure::ALL {
                @let (from, to) = measure.milestones();
                div.measure data-measure=(measure.name()) {
                    span.value {
                        @match incident.duration(measure) {
                            Some(duration) => (format_duration(duration)),
                            None => "—",
                        }
                    }
                    span.label { (capitalized(measure.name())) ": " (from.name()) " to " (to.name()) }
                }
            }
        }
    }
}

fn milestone_table(incident: &Incident) -> Markup {
    html! {
        table.milestones {
            thead { tr { th { "Milestone" } th { "When (" (incident.timezone.name) ")" } } }
            tbody {
                @for milestone in Milestone::ALL {
                    tr {
                        td { (capitalized(milestone.name())) }
                        td {
                            @match incident.milestone_time(milestone) {
                                Some(time) => time datetime=(time.timestamp().to_string()) { (date_time(incident, time)) },
                                None => span.muted { "not recorded" },
                            }
                        }
                    }
                }
            }
        }
    }
}

/// One loop, its sections in order, each item where it was written.
fn investigation_loop(incident: &Incident, loop_index: usize, options: &PageOptions) -> Markup {
    let Some(ooda_loop) = incident.loops.get(loop_index) else {
        return html! {};
    };
    html! {
        article.loop #(format!("loop-{}", loop_index + 1)) {
            h3 { "Loop " (loop_index + 1) }
            @for section in incident.loop_sections(ooda_loop) {
                h4 { (section_name(section.kind)) }
                @let items = section_items(incident, section.index, options);
                @if items.is_empty() {
                    p.muted { "Nothing recorded." }
                }
                @for (_, item) in items { (item) }
            }
        }
    }
}

fn section_name(kind: SectionKind) -> &'static str {
    match kind {
        SectionKind::Observe => "Observe",
        SectionKind::Orient => "Orient",
        SectionKind::Decide => "Decide",
        SectionKind::Act => "Act",
        _ => "Notes",
    }
}

/// The items of section `section`, in the order they were written.
fn section_items(incident: &Incident, section: usize, options: &PageOptions) -> Vec<(u32, Markup)> {
    let here = |item_section: Option<usize>| item_section == Some(section);
    let mut items: Vec<(u32, Markup)> = Vec::new();
    for status in incident
        .status_lines
        .iter()
        .filter(|status| here(status.section))
    {
        let word = match status.kind {
            StatusKind::Up => "Up",
            StatusKind::Down => "Down",
            StatusKind::Degraded => "Degraded",
        };
        let systems: Vec<&str> = status
            .systems
            .iter()
            .map(|system| system.value.as_str())
            .collect();
        items.push((
            status.range.start(),
            html! {
                p.item.status { b { (word) ": " } (systems.join(", ")) }
            },
        ));
    }
    for note in incident.notes.iter().filter(|note| here(note.section)) {
        let word = match note.kind {
            NoteKind::Changed => "What changed",
            NoteKind::Expected => "What was expected",
            NoteKind::Story => "The story so far",
        };
        let text = note.text.as_ref().map_or("", |text| text.value.as_str());
        items.push((
            note.range.start(),
            html! {
                p.item.note { b { (word) ": " } (linked(text, incident, options)) }
            },
        ));
    }
    for definition in incident
        .definitions
        .iter()
        .filter(|definition| here(definition.section))
    {
        let id = &definition.id.value;
        let text = definition
            .text
            .as_ref()
            .map_or("", |text| text.value.as_str());
        let is_first = incident
            .definition(id)
            .is_some_and(|first| first.range == definition.range);
        let kind = match definition.prefix {
            IdPrefix::Observation => "observation",
            IdPrefix::Hypothesis => "hypothesis",
        };
        items.push((definition.range.start(), html! {
            p.item class=(kind) id=[is_first.then_some(id)] {
                span.id { (id) }
                (linked(text, incident, options))
                @if definition.prefix == IdPrefix::Hypothesis {
                    @let outcome = outcome_word(incident, id);
                    " "
                    @if outcome == "untested" {
                        span.outcome.untested { "(no verdict)" }
                    } @else {
                        a.outcome class=(outcome) href=(format!("#verdict-{id}")) { "(" (outcome) ")" }
                    }
                }
            }
        }));
    }
    for verdict in incident
        .verdicts
        .iter()
        .filter(|verdict| here(verdict.section))
    {
        let id = &verdict.hypothesis.value;
        let outcome = match verdict.outcome.value {
            Outcome::Confirmed => "confirmed",
            Outcome::Rejected => "rejected",
        };
        let is_first = incident
            .verdicts_on(id)
            .next()
            .is_some_and(|first| first.range == verdict.range);
        let reason = verdict
            .reason
            .as_ref()
            .map_or("", |reason| reason.value.as_str());
        items.push((verdict.range.start(), html! {
            div.verdict class=(outcome) id=[is_first.then(|| format!("verdict-{id}"))] {
                p.item {
                    @if incident.definition(id).is_some() {
                        a.id href=(format!("#{id}")) { (id) }
                    } @else {
                        span.id { (id) }
                    }
                    span.outcome class=(outcome) { (outcome) }
                    @if !reason.is_empty() { ": " (linked(reason, incident, options)) }
                }
                @if !verdict.details.is_empty() {
                    ul {
                        @for detail in &verdict.details {
                            li {
                                @if let Some(label) = &detail.label { b { (capitalized(label)) ": " } }
                                @if let Some(text) = &detail.text { (linked(&text.value, incident, options)) }
                            }
                        }
                    }
                }
            }
        }));
    }
    items.sort_by_key(|(start, _)| *start);
    items
}

fn actions(incident: &Incident, options: &PageOptions) -> Markup {
    if incident.actions.is_empty() {
        return html! { p.muted { "No follow-up actions are recorded." } };
    }
    html! {
        table.actions {
            thead { tr { th { "State" } th { "Category" } th { "Action" } th { "Owner" } th { "Due" } } }
            tbody {
                @for action in &incident.actions {
                    @let overdue = is_overdue(action, options.today);
                    tr class=(if overdue { "action overdue" } else { "action" }) {
                        td {
                            @if action.done { span.done { "done" } }
                            @else if overdue { span.overdue { "overdue" } }
                            @else { "open" }
                        }
                        td { @if let Some(category) = &action.category { (category.value) } }
                        td { @if let Some(text) = &action.text { (linked(&text.value, incident, options)) } }
                        td { @match &action.owner { Some(owner) => (owner.value), None => span.muted { "no owner" } } }
                        td {
                            @if let Some(due) = &action.due {
                                @match &due.value {
                                    Ok(date) => {
                                        (date)
                                        @if overdue {
                                            @if let Some(days) = options.today.and_then(|today| date.until(today).ok()) {
                                                " " span.overdue { "(" (days.get_days()) " days late)" }
                                            }
                                        }
                                    }
                                    Err(_) => span.muted { "not a date" },
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}
