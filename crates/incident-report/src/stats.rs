//! Numbers across an archive of incidents: how many, how fast they were detected and resolved,
//! which actions are open or overdue, which incidents recur, and how many write-ups followed
//! the method.

use std::collections::{BTreeMap, HashMap};

use incident_model::{Incident, Measure};
use incident_rules::{Diagnostic, Severity};
use incident_syntax::IdPrefix;
use jiff::civil::Date;
use serde::Serialize;

/// The label of incidents, actions and services that do not say (no severity, no owner, …).
pub const UNSTATED: &str = "(none)";

/// One incident of the archive, with what the linter found in it.
pub struct ArchivedIncident<'a> {
    /// The file's name as shown to people, and the page it links to.
    pub name: String,
    /// The model.
    pub incident: &'a Incident,
    /// The linter's findings in the file.
    pub diagnostics: &'a [Diagnostic],
}

impl ArchivedIncident<'_> {
    /// The incident's `id`, or its file name.
    pub fn id(&self) -> &str {
        self.incident
            .metadata
            .scalar("id")
            .map_or(self.name.as_str(), |id| id.value.as_str())
    }

    /// The method findings: errors of the rules on the order of the loop (INC1xx) and on
    /// hypotheses and verdicts (INC2xx).
    pub fn method_errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|diagnostic| {
            diagnostic.severity == Severity::Error
                && (diagnostic.rule.code.starts_with("INC1")
                    || diagnostic.rule.code.starts_with("INC2"))
        })
    }
}

/// Everything `incident-lint stats` prints.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ArchiveStats {
    /// How many incidents were read.
    pub incidents: usize,
    /// Incidents by `severity`.
    pub by_severity: BTreeMap<String, usize>,
    /// Incidents by each of their `services`.
    pub by_service: BTreeMap<String, usize>,
    /// Median and 90th percentile of the time to detect and to resolve, by severity.
    pub durations_by_severity: BTreeMap<String, SeverityDurations>,
    /// Open and overdue actions by `owner`.
    pub actions_by_owner: BTreeMap<String, ActionCounts>,
    /// Open and overdue actions by category.
    pub actions_by_category: BTreeMap<String, ActionCounts>,
    /// All actions, done or open, by category: what the follow-ups are for.
    pub action_mix: BTreeMap<String, usize>,
    /// Hypotheses that point at an earlier incident.
    pub recurrences: Vec<Recurrence>,
    /// How many write-ups followed the method.
    pub method: MethodShare,
}

/// Summary statistics of one measure over incidents of one severity, in whole minutes.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SeverityDurations {
    /// Time to detect.
    pub time_to_detect: Summary,
    /// Time to resolve.
    pub time_to_resolve: Summary,
}

/// The median and 90th percentile (nearest rank) of a measure, over the incidents where it is
/// known.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Summary {
    /// How many incidents had the measure.
    pub measured: usize,
    /// The median, in minutes.
    pub median_minutes: Option<i64>,
    /// The 90th percentile, in minutes.
    pub p90_minutes: Option<i64>,
}

/// Counts of actions that are not done.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ActionCounts {
    /// Not ticked.
    pub open: usize,
    /// Not ticked and due before today.
    pub overdue: usize,
}

/// A hypothesis that names an earlier incident: the same cause may have come back.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Recurrence {
    /// The incident whose hypothesis it is.
    pub incident: String,
    /// The hypothesis ID.
    pub hypothesis: String,
    /// The earlier incident it names.
    pub earlier: String,
}

/// How many write-ups have no method error.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MethodShare {
    /// Write-ups without errors of the INC1xx and INC2xx rules.
    pub followed: usize,
    /// Write-ups read.
    pub total: usize,
    /// `followed / total`, from 0 to 1 (0 for an empty archive).
    pub share: f64,
}

impl ArchiveStats {
    /// Computes the numbers of `archive`; actions due before `today` are overdue.
    pub fn compute(archive: &[ArchivedIncident<'_>], today: Option<Date>) -> ArchiveStats {
        let mut by_severity = BTreeMap::new();
        let mut by_service = BTreeMap::new();
        let mut minutes: BTreeMap<String, [Vec<i64>; 2]> = BTreeMap::new();
        let mut actions_by_owner: BTreeMap<String, ActionCounts> = BTreeMap::new();
        let mut actions_by_category: BTreeMap<String, ActionCounts> = BTreeMap::new();
        let mut action_mix: BTreeMap<String, usize> = BTreeMap::new();
        for archived in archive {
            let incident = archived.incident;
            let severity = severity_of(incident);
            *by_severity.entry(severity.clone()).or_insert(0) += 1;
            for service in incident.metadata.list("services") {
                *by_service.entry(service.value.clone()).or_insert(0) += 1;
            }
            let measured = minutes.entry(severity).or_default();
            for (samples, measure) in measured
                .iter_mut()
                .zip([Measure::TimeToDetect, Measure::TimeToResolve])
            {
                if let Some(duration) = incident.duration(measure) {
                    samples.push(duration.as_secs() / 60);
                }
            }
            for action in &incident.actions {
                let category = action
                    .category_kind()
                    .map_or(UNSTATED, |category| category.name())
                    .to_owned();
                *action_mix.entry(category.clone()).or_insert(0) += 1;
                if action.done {
                    continue;
                }
                let overdue = is_overdue(action, today);
                let owner = action
                    .owner
                    .as_ref()
                    .map_or(UNSTATED, |owner| owner.value.as_str())
                    .to_owned();
                for counts in [
                    actions_by_owner.entry(owner).or_default(),
                    actions_by_category.entry(category.clone()).or_default(),
                ] {
                    counts.open += 1;
                    counts.overdue += usize::from(overdue);
                }
            }
        }
        let durations_by_severity = minutes
            .into_iter()
            .map(|(severity, [detect, resolve])| {
                (
                    severity,
                    SeverityDurations {
                        time_to_detect: Summary::of(detect),
                        time_to_resolve: Summary::of(resolve),
                    },
                )
            })
            .collect();
        let followed = archive
            .iter()
            .filter(|archived| archived.method_errors().next().is_none())
            .count();
        ArchiveStats {
            incidents: archive.len(),
            by_severity,
            by_service,
            durations_by_severity,
            actions_by_owner,
            actions_by_category,
            action_mix,
            recurrences: recurrences(archive),
            method: MethodShare {
                followed,
                total: archive.len(),
                share: if archive.is_empty() {
                    0.0
                } else {
                    followed as f64 / archive.len() as f64
                },
            },
        }
    }

    /// The numbers as rows `(measure, group, key, value)`, for CSV and tables.
    pub fn rows(&self) -> Vec<[String; 4]> {
        let mut rows = vec![row("incidents", "all", "all", self.incidents)];
        for (severity, count) in &self.by_severity {
            rows.push(row("incidents", "severity", severity, count));
        }
        for (service, count) in &self.by_service {
            rows.push(row("incidents", "service", service, count));
        }
        for (severity, durations) in &self.durations_by_severity {
            for (name, summary) in [
                ("time_to_detect", &durations.time_to_detect),
                ("time_to_resolve", &durations.time_to_resolve),
            ] {
                let minutes =
                    |value: Option<i64>| value.map_or_else(String::new, |m| m.to_string());
                rows.push(row(
                    &format!("{name}_measured"),
                    "severity",
                    severity,
                    summary.measured,
                ));
                rows.push(row(
                    &format!("{name}_median_minutes"),
                    "severity",
                    severity,
                    minutes(summary.median_minutes),
                ));
                rows.push(row(
                    &format!("{name}_p90_minutes"),
                    "severity",
                    severity,
                    minutes(summary.p90_minutes),
                ));
            }
        }
        for (group, counts) in [
            ("owner", &self.actions_by_owner),
            ("category", &self.actions_by_category),
        ] {
            for (key, count) in counts {
                rows.push(row("open_actions", group, key, count.open));
                rows.push(row("overdue_actions", group, key, count.overdue));
            }
        }
        for (category, count) in &self.action_mix {
            rows.push(row("actions", "category", category, count));
        }
        for recurrence in &self.recurrences {
            rows.push(row(
                "recurrence",
                &recurrence.incident,
                &recurrence.hypothesis,
                &recurrence.earlier,
            ));
        }
        rows.push(row("method_followed", "all", "all", self.method.followed));
        rows.push(row(
            "method_share",
            "all",
            "all",
            format!("{:.2}", self.method.share),
        ));
        rows
    }
}

fn row(measure: &str, group: &str, key: &str, value: impl ToString) -> [String; 4] {
    [
        measure.to_owned(),
        group.to_owned(),
        key.to_owned(),
        value.to_string(),
    ]
}

impl Summary {
    fn of(mut minutes: Vec<i64>) -> Summary {
        minutes.sort_unstable();
        Summary {
            measured: minutes.len(),
            median_minutes: nearest_rank(&minutes, 50),
            p90_minutes: nearest_rank(&minutes, 90),
        }
    }
}

/// The `percent`th percentile of sorted `values` by the nearest-rank method: the smallest value
/// with at least `percent` % of the values at or below it.
fn nearest_rank(values: &[i64], percent: usize) -> Option<i64> {
    let rank = (values.len() * percent).div_ceil(100).max(1);
    values.get(rank - 1).copied()
}

/// The incident's `severity` as written, or [`UNSTATED`].
pub fn severity_of(incident: &Incident) -> String {
    incident
        .metadata
        .scalar("severity")
        .map_or_else(|| UNSTATED.to_owned(), |severity| severity.value.clone())
}

/// Whether an open action is due before `today`.
pub fn is_overdue(action: &incident_model::ActionItem, today: Option<Date>) -> bool {
    let due = action.due.as_ref().and_then(|due| due.value.as_ref().ok());
    !action.done && matches!((due, today), (Some(due), Some(today)) if *due < today)
}

/// Hypotheses that name another incident that started earlier, or that is not in the archive
/// (an archive rarely holds every old write-up).
fn recurrences(archive: &[ArchivedIncident<'_>]) -> Vec<Recurrence> {
    let started: HashMap<&str, Option<jiff::Timestamp>> = archive
        .iter()
        .map(|archived| {
            (
                archived.id(),
                archived
                    .incident
                    .milestone_time(incident_model::Milestone::Started)
                    .map(|time| time.timestamp()),
            )
        })
        .collect();
    let mut found = Vec::new();
    for archived in archive {
        let incident = archived.incident;
        let own_id = archived.id();
        let own_start = started.get(own_id).copied().flatten();
        for hypothesis in incident.definitions_of(IdPrefix::Hypothesis) {
            for reference in &incident.incident_references {
                if !hypothesis.range.contains_range(reference.range) || reference.value == own_id {
                    continue;
                }
                let earlier = match (started.get(reference.value.as_str()), own_start) {
                    (Some(Some(other_start)), Some(own_start)) => *other_start < own_start,
                    _ => true,
                };
                let recurrence = Recurrence {
                    incident: own_id.to_owned(),
                    hypothesis: hypothesis.id.value.clone(),
                    earlier: reference.value.clone(),
                };
                if earlier && !found.contains(&recurrence) {
                    found.push(recurrence);
                }
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_by_nearest_rank() {
        assert_eq!(nearest_rank(&[], 50), None);
        assert_eq!(nearest_rank(&[7], 90), Some(7));
        assert_eq!(nearest_rank(&[1, 2, 3, 4], 50), Some(2));
        assert_eq!(nearest_rank(&[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90), Some(9));
        assert_eq!(
            nearest_rank(&[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 90),
            Some(10)
        );
    }
}
