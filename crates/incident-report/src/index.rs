//! The index page of an archive: every incident, linked to its page, and the numbers across
//! them.

use incident_model::{Measure, Milestone, format_duration};
use jiff::civil::Date;
use maud::{DOCTYPE, Markup, PreEscaped, html};

use crate::text::{date_time, front_matter, title};
use crate::{ArchiveStats, ArchivedIncident, STYLE, Summary};

/// An incident on the index page, and where its page is.
pub struct IndexEntry<'a> {
    /// The incident.
    pub archived: &'a ArchivedIncident<'a>,
    /// Its page, relative to the index.
    pub href: String,
}

/// The index page of an archive, as a self-contained HTML document.
pub fn render_index_html(
    entries: &[IndexEntry<'_>],
    stats: &ArchiveStats,
    today: Option<Date>,
) -> String {
    let page = html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { "Incidents" }
                style { (PreEscaped(STYLE)) }
            }
            body {
                h1 { "Incidents" }
                p.muted {
                    (stats.incidents) " write-ups; "
                    (stats.method.followed) " of them (" (percent(stats.method.share)) ") followed the method, with no error of the loop (INC1xx) and hypothesis (INC2xx) rules."
                }
                table.incidents {
                    thead { tr {
                        th { "Incident" } th { "Severity" } th { "Status" } th { "Started" }
                        th.number { "Time to detect" } th.number { "Time to resolve" } th.number { "Method errors" }
                    } }
                    tbody {
                        @for entry in entries {
                            @let incident = entry.archived.incident;
                            tr {
                                td {
                                    a href=(entry.href) { (title(incident, &entry.archived.name)) }
                                    br; span.muted { (entry.archived.id()) }
                                }
                                td { (front_matter(incident, "severity").unwrap_or("—")) }
                                td { (front_matter(incident, "status").unwrap_or("—")) }
                                td {
                                    @match incident.milestone_time(Milestone::Started) {
                                        Some(started) => { (date_time(incident, started)) " " span.muted { (incident.timezone.name) } }
                                        None => "—",
                                    }
                                }
                                @for measure in [Measure::TimeToDetect, Measure::TimeToResolve] {
                                    td.number { (incident.duration(measure).map_or_else(|| "—".to_owned(), format_duration)) }
                                }
                                td.number { (entry.archived.method_errors().count()) }
                            }
                        }
                    }
                }
                (numbers(stats))
                footer {
                    "Made by incident-lint"
                    @if let Some(today) = today { ", as of " (today) }
                    "."
                }
            }
        }
    };
    page.into_string()
}

/// The statistics as tables.
fn numbers(stats: &ArchiveStats) -> Markup {
    let minutes = |summary: &Summary, value: Option<i64>| match value {
        Some(minutes) if summary.measured > 0 => {
            format_duration(jiff::SignedDuration::from_mins(minutes))
        }
        _ => "—".to_owned(),
    };
    html! {
        h2 { "Numbers" }
        h3 { "Incidents by severity" }
        (counts("Severity", stats.by_severity.iter()))
        h3 { "Time to detect and to resolve" }
        table {
            thead { tr {
                th { "Severity" }
                th.number { "Detect: median" } th.number { "Detect: p90" }
                th.number { "Resolve: median" } th.number { "Resolve: p90" } th.number { "Measured" }
            } }
            tbody {
                @for (severity, durations) in &stats.durations_by_severity {
                    @let (detect, resolve) = (&durations.time_to_detect, &durations.time_to_resolve);
                    tr {
                        td { (severity) }
                        td.number { (minutes(detect, detect.median_minutes)) }
                        td.number { (minutes(detect, detect.p90_minutes)) }
                        td.number { (minutes(resolve, resolve.median_minutes)) }
                        td.number { (minutes(resolve, resolve.p90_minutes)) }
                        td.number { (resolve.measured) }
                    }
                }
            }
        }
        h3 { "Incidents by service" }
        (counts("Service", stats.by_service.iter()))
        h3 { "Open actions by owner" }
        (action_counts("Owner", stats.actions_by_owner.iter()))
        h3 { "Open actions by category" }
        (action_counts("Category", stats.actions_by_category.iter()))
        h3 { "Action mix" }
        (counts("Category", stats.action_mix.iter()))
        h3 { "Recurrences" }
        @if stats.recurrences.is_empty() {
            p.muted { "No hypothesis points at an earlier incident." }
        } @else {
            table {
                thead { tr { th { "Incident" } th { "Hypothesis" } th { "Points at" } } }
                tbody {
                    @for recurrence in &stats.recurrences {
                        tr { td { (recurrence.incident) } td { (recurrence.hypothesis) } td { (recurrence.earlier) } }
                    }
                }
            }
        }
    }
}

fn counts<'a>(key: &str, rows: impl Iterator<Item = (&'a String, &'a usize)>) -> Markup {
    html! {
        table {
            thead { tr { th { (key) } th.number { "Incidents" } } }
            tbody { @for (name, count) in rows { tr { td { (name) } td.number { (count) } } } }
        }
    }
}

fn action_counts<'a>(
    key: &str,
    rows: impl Iterator<Item = (&'a String, &'a crate::ActionCounts)>,
) -> Markup {
    html! {
        table {
            thead { tr { th { (key) } th.number { "Open" } th.number { "Overdue" } } }
            tbody {
                @for (name, count) in rows {
                    tr { td { (name) } td.number { (count.open) } td.number.overdue[count.overdue > 0] { (count.overdue) } }
                }
            }
        }
    }
}

fn percent(share: f64) -> String {
    format!("{:.0} %", share * 100.0)
}
