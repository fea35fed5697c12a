//! The timeline picture: an inline SVG with a time axis, the milestones, one mark per timeline
//! entry (its text on hover and in the legend below), and the investigation loops as bands
//! with their hypotheses and verdicts.

use incident_model::{Incident, Milestone, Outcome};
use incident_syntax::IdPrefix;
use jiff::{SignedDuration, Timestamp};
use maud::{Markup, html};

use crate::PageOptions;
use crate::text::{linked, time_of_day};

const WIDTH: f64 = 960.0;
const MARGIN: f64 = 48.0;
const HEIGHT: f64 = 150.0;
const MILESTONE_LABEL_Y: f64 = 14.0;
const BAND_TOP: f64 = 24.0;
const BAND_HEIGHT: f64 = 44.0;
const MARK_Y: f64 = 96.0;
const AXIS_Y: f64 = 112.0;

/// The figure and its legend; nothing when no entry or milestone has a time.
pub(crate) fn timeline(incident: &Incident, options: &PageOptions) -> Markup {
    let entries: Vec<(usize, Timestamp)> = incident
        .timeline
        .iter()
        .enumerate()
        .filter_map(|(index, entry)| Some((index, entry.instant()?.timestamp())))
        .collect();
    let milestones: Vec<(Milestone, Timestamp)> = Milestone::ALL
        .into_iter()
        .filter_map(|milestone| Some((milestone, incident.milestone_time(milestone)?.timestamp())))
        .collect();
    let instants = entries
        .iter()
        .map(|(_, instant)| *instant)
        .chain(milestones.iter().map(|(_, instant)| *instant));
    let (Some(first), Some(last)) = (instants.clone().min(), instants.max()) else {
        return html! {
            p.muted { "No timeline entry or milestone has a time, so there is no picture." }
        };
    };
    let scale = Scale::new(first, last);
    let bands = loop_bands(incident, &scale, &milestones);
    let unplaced = incident.timeline.len() - entries.len();
    html! {
        figure {
            svg xmlns="http://www.w3.org/2000/svg" viewBox=(format!("0 0 {WIDTH} {HEIGHT}"))
                role="img" aria-labelledby="timeline-caption" {
                g.axis {
                    line x1=(MARGIN) x2=(WIDTH - MARGIN) y1=(AXIS_Y) y2=(AXIS_Y) {}
                    @for tick in scale.ticks(incident) {
                        line x1=(fmt(tick.x)) x2=(fmt(tick.x)) y1=(AXIS_Y) y2=(AXIS_Y + 4.0) {}
                        text x=(fmt(tick.x)) y=(AXIS_Y + 16.0) text-anchor="middle" { (tick.label) }
                    }
                }
                @for band in &bands {
                    g class=(if band.approximate { "loop approximate" } else { "loop" }) {
                        title { (band.title) }
                        rect x=(fmt(band.x)) y=(BAND_TOP) width=(fmt(band.width)) height=(BAND_HEIGHT) rx="4" {}
                        // A nested svg clips the text to the band.
                        svg x=(fmt(band.x)) y=(BAND_TOP) width=(fmt(band.width)) height=(BAND_HEIGHT) {
                            text x="4" y="14" font-weight="600" { (band.name) }
                            text x="4" y="30" { (band.hypotheses) }
                        }
                    }
                }
                @for (milestone, instant) in &milestones {
                    g.milestone {
                        title { (milestone.name()) " " (time_of_day(incident, &instant.to_zoned_datetime(incident.timezone.zone.clone()))) }
                        line x1=(fmt(scale.x(*instant))) x2=(fmt(scale.x(*instant))) y1=(MILESTONE_LABEL_Y + 4.0) y2=(AXIS_Y) {}
                        text x=(fmt(scale.x(*instant))) y=(MILESTONE_LABEL_Y) text-anchor="middle" { (milestone.name()) }
                    }
                }
                @for (index, instant) in &entries {
                    a href=(format!("#entry-{}", index + 1)) {
                        g.mark data-entry=(index + 1) {
                            title { (entry_label(incident, *index)) }
                            line x1=(fmt(scale.x(*instant))) x2=(fmt(scale.x(*instant))) y1=(MARK_Y - 8.0) y2=(AXIS_Y) {}
                            circle cx=(fmt(scale.x(*instant))) cy=(MARK_Y - 8.0) r="4" {}
                        }
                    }
                }
            }
            figcaption #timeline-caption {
                "Timeline in " (incident.timezone.name) ": milestones as dashed lines, one mark per entry (hover for its text), investigation loops as bands."
                @if bands.iter().any(|band| band.approximate) {
                    " Dashed bands are placed by order: no timeline entry mentions their observations or hypotheses."
                }
            }
        }
        ol.legend {
            @for (index, entry) in incident.timeline.iter().enumerate() {
                li #(format!("entry-{}", index + 1)) {
                    @match entry.instant() {
                        Some(instant) => { time { (time_of_day(incident, instant)) } " " }
                        None => span.muted { "(no time) " },
                    }
                    @if let Some(text) = &entry.text { (linked(&text.value, incident, options)) }
                    @if let Some(milestone) = &entry.milestone { " " span.tag.milestone { (milestone.value.name()) } }
                }
            }
        }
        @if unplaced > 0 {
            p.muted { (unplaced) " of the entries have no valid time and are listed but not drawn." }
        }
    }
}

fn entry_label(incident: &Incident, index: usize) -> String {
    let Some(entry) = incident.timeline.get(index) else {
        return String::new();
    };
    let time = entry
        .instant()
        .map(|instant| time_of_day(incident, instant))
        .unwrap_or_default();
    let text = entry.text.as_ref().map_or("", |text| text.value.as_str());
    format!("{time} {text}")
}

fn fmt(value: f64) -> String {
    format!("{value:.1}")
}

/// Maps instants to x coordinates.
struct Scale {
    start: Timestamp,
    seconds: f64,
}

struct Tick {
    x: f64,
    label: String,
}

impl Scale {
    fn new(first: Timestamp, last: Timestamp) -> Scale {
        let span = last.duration_since(first).as_secs_f64().max(60.0);
        // A little room on both sides, so the first and last marks are not on the edge.
        let padding = span * 0.04;
        Scale {
            start: first - SignedDuration::from_secs_f64(padding),
            seconds: span + 2.0 * padding,
        }
    }

    fn x(&self, instant: Timestamp) -> f64 {
        let offset = instant.duration_since(self.start).as_secs_f64();
        MARGIN + offset / self.seconds * (WIDTH - 2.0 * MARGIN)
    }

    fn end(&self) -> Timestamp {
        self.start + SignedDuration::from_secs_f64(self.seconds)
    }

    /// Ticks at round times of day in the incident's zone, at most about eight.
    fn ticks(&self, incident: &Incident) -> Vec<Tick> {
        const STEPS_MINUTES: [i64; 12] = [1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440];
        let minutes = self.seconds / 60.0;
        let step = STEPS_MINUTES
            .into_iter()
            .find(|&step| minutes / step as f64 <= 8.0)
            .unwrap_or(1440);
        let local = self.start.to_zoned_datetime(incident.timezone.zone.clone());
        let minute_of_day = i64::from(local.hour()) * 60 + i64::from(local.minute());
        let to_next = (step - minute_of_day.rem_euclid(step)) % step;
        let mut tick = self.start + SignedDuration::from_mins(to_next)
            - SignedDuration::from_secs(i64::from(local.second()));
        let mut ticks = Vec::new();
        while tick <= self.end() && ticks.len() < 16 {
            if tick >= self.start {
                let zoned = tick.to_zoned_datetime(incident.timezone.zone.clone());
                ticks.push(Tick {
                    x: self.x(tick),
                    label: time_of_day(incident, &zoned),
                });
            }
            tick += SignedDuration::from_mins(step);
        }
        ticks
    }
}

struct Band {
    x: f64,
    width: f64,
    name: String,
    hypotheses: String,
    title: String,
    approximate: bool,
}

/// Places each loop in time: from the first timeline entry that mentions one of its
/// observations or hypotheses to the next loop's. When some loop has no such entry, or the
/// entries are out of order, the loops share the time from detection to resolution evenly.
fn loop_bands(
    incident: &Incident,
    scale: &Scale,
    milestones: &[(Milestone, Timestamp)],
) -> Vec<Band> {
    if incident.loops.is_empty() {
        return Vec::new();
    }
    let milestone = |wanted: &[Milestone]| {
        wanted.iter().find_map(|wanted| {
            milestones
                .iter()
                .find(|(milestone, _)| milestone == wanted)
                .map(|(_, instant)| *instant)
        })
    };
    let window_start = milestone(&[Milestone::Detected, Milestone::Started]).unwrap_or(scale.start);
    let window_end = milestone(&[Milestone::Resolved, Milestone::Mitigated]).unwrap_or(scale.end());
    let anchors: Vec<Option<Timestamp>> = incident
        .loops
        .iter()
        .map(|ooda_loop| loop_anchor(incident, ooda_loop.index))
        .collect();
    let placed: Option<Vec<Timestamp>> = anchors.iter().copied().collect();
    let in_order = placed.as_ref().is_some_and(|placed| {
        placed
            .windows(2)
            .all(|pair| matches!(pair, [a, b] if a < b))
    });
    let (starts, approximate): (Vec<Timestamp>, bool) = match placed {
        Some(mut placed) if in_order => {
            if let Some(first) = placed.first_mut() {
                *first = (*first).min(window_start);
            }
            (placed, false)
        }
        _ => {
            let count = incident.loops.len() as f64;
            let share = window_end
                .duration_since(window_start)
                .as_secs_f64()
                .max(60.0)
                / count;
            let starts = (0..incident.loops.len())
                .map(|index| window_start + SignedDuration::from_secs_f64(share * index as f64))
                .collect();
            (starts, true)
        }
    };
    let last_end = starts.last().map_or(window_end, |last| {
        window_end.max(*last + SignedDuration::from_mins(1))
    });
    incident
        .loops
        .iter()
        .zip(&starts)
        .enumerate()
        .map(|(position, (ooda_loop, start))| {
            let end = starts.get(position + 1).copied().unwrap_or(last_end);
            let x = scale.x(*start);
            let hypotheses = loop_hypotheses(incident, ooda_loop.index);
            let name = format!("Loop {}", ooda_loop.index + 1);
            Band {
                x,
                width: (scale.x(end) - x).max(2.0),
                title: format!("{name}: {hypotheses}"),
                name,
                hypotheses,
                approximate,
            }
        })
        .collect()
}

/// The first time a timeline entry mentions an observation or hypothesis of the loop.
fn loop_anchor(incident: &Incident, loop_index: usize) -> Option<Timestamp> {
    let defined_here = |id: &str| {
        incident
            .definition(id)
            .and_then(|definition| definition.section)
            .and_then(|section| incident.sections.get(section))
            .is_some_and(|section| section.loop_index == Some(loop_index))
    };
    incident
        .timeline
        .iter()
        .filter(|entry| {
            incident.references.iter().any(|reference| {
                entry.range.contains_range(reference.range) && defined_here(&reference.id)
            })
        })
        .filter_map(|entry| entry.instant().map(|instant| instant.timestamp()))
        .min()
}

/// `H1 rejected, H2 confirmed` for the hypotheses stated in the loop.
fn loop_hypotheses(incident: &Incident, loop_index: usize) -> String {
    let hypotheses: Vec<String> = incident
        .definitions_of(IdPrefix::Hypothesis)
        .filter(|definition| {
            definition
                .section
                .and_then(|section| incident.sections.get(section))
                .is_some_and(|section| section.loop_index == Some(loop_index))
        })
        .map(|definition| {
            let id = &definition.id.value;
            format!("{id} {}", outcome_word(incident, id))
        })
        .collect();
    if hypotheses.is_empty() {
        "no hypothesis".to_owned()
    } else {
        hypotheses.join(", ")
    }
}

/// The last verdict on hypothesis `id`: `confirmed`, `rejected` or `untested`.
pub(crate) fn outcome_word(incident: &Incident, id: &str) -> &'static str {
    match incident
        .verdicts_on(id)
        .last()
        .map(|verdict| verdict.outcome.value)
    {
        Some(Outcome::Confirmed) => "confirmed",
        Some(Outcome::Rejected) => "rejected",
        None => "untested",
    }
}
