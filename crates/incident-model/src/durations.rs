//! The measures of an incident: how long it took to notice it, to contain it and to end it.
//!
//! Every consumer (the stated-duration rule, the HTML report, the statistics) asks
//! [`Incident::duration`], so the arithmetic exists once. Durations are differences of
//! instants, so a night or a daylight saving change in between counts as the time that passed.

use jiff::{SignedDuration, ZonedDateTime};
use serde::Serialize;

use crate::{Incident, Milestone};

/// A duration between two milestones that incident reviews track.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    /// From `started` to `detected`.
    TimeToDetect,
    /// From `detected` to `mitigated`.
    TimeToMitigate,
    /// From `started` to `resolved`.
    TimeToResolve,
}

impl Measure {
    /// Every measure, in the order of the milestones they end at.
    pub const ALL: [Measure; 3] = [
        Measure::TimeToDetect,
        Measure::TimeToMitigate,
        Measure::TimeToResolve,
    ];

    /// The milestones it is measured between.
    pub fn milestones(self) -> (Milestone, Milestone) {
        match self {
            Measure::TimeToDetect => (Milestone::Started, Milestone::Detected),
            Measure::TimeToMitigate => (Milestone::Detected, Milestone::Mitigated),
            Measure::TimeToResolve => (Milestone::Started, Milestone::Resolved),
        }
    }

    /// Its name for people, lowercase: `time to detect`.
    pub fn name(self) -> &'static str {
        match self {
            Measure::TimeToDetect => "time to detect",
            Measure::TimeToMitigate => "time to mitigate",
            Measure::TimeToResolve => "time to resolve",
        }
    }
}

impl Incident {
    /// When `milestone` happened: the front matter's time when it is written and valid, else
    /// the time of the first timeline entry tagged with it.
    pub fn milestone_time(&self, milestone: Milestone) -> Option<&ZonedDateTime> {
        self.metadata.milestone(milestone).or_else(|| {
            self.timeline
                .iter()
                .filter(|entry| {
                    entry
                        .milestone
                        .as_ref()
                        .is_some_and(|tag| tag.value == milestone)
                })
                .find_map(|entry| entry.instant())
        })
    }

    /// How long `measure` took: `None` when either milestone is unknown, or when they are in
    /// the wrong order (a mistake other rules report, not a duration).
    pub fn duration(&self, measure: Measure) -> Option<SignedDuration> {
        let (from, to) = measure.milestones();
        self.duration_between(from, to)
    }

    /// How long passed from milestone `from` to milestone `to`: `None` when either is unknown
    /// or `to` is before `from`.
    pub fn duration_between(&self, from: Milestone, to: Milestone) -> Option<SignedDuration> {
        let duration = self
            .milestone_time(to)?
            .duration_since(self.milestone_time(from)?);
        (!duration.is_negative()).then_some(duration)
    }
}

/// A duration for people, to the minute: `45 min`, `1 h 29 min`, `2 d 3 h`; under a minute,
/// in seconds.
pub fn format_duration(duration: SignedDuration) -> String {
    let seconds = duration.as_secs().unsigned_abs();
    let sign = if duration.is_negative() { "-" } else { "" };
    if seconds < 60 {
        return format!("{sign}{seconds} s");
    }
    let minutes = seconds / 60;
    let (days, hours, minutes) = (minutes / (24 * 60), minutes / 60 % 24, minutes % 60);
    let text = match (days, hours, minutes) {
        (0, 0, minutes) => format!("{minutes} min"),
        (0, hours, 0) => format!("{hours} h"),
        (0, hours, minutes) => format!("{hours} h {minutes} min"),
        (days, 0, 0) => format!("{days} d"),
        (days, hours, _) => format!("{days} d {hours} h"),
    };
    format!("{sign}{text}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ModelOptions;

    fn build(text: &str) -> Incident {
        Incident::build(&incident_syntax::parse(text), &ModelOptions::default())
    }

    fn minutes(incident: &Incident, measure: Measure) -> Option<i64> {
        incident
            .duration(measure)
            .map(|duration| duration.as_secs() / 60)
    }

    #[test]
    fn measures_come_from_the_front_matter() {
        let incident = build(
            "---\nstarted: 2026-11-20 14:02\ndetected: 2026-11-20 14:09\n\
             mitigated: 2026-11-20 14:40\nresolved: 2026-11-20 15:31\n---\n",
        );
        assert_eq!(minutes(&incident, Measure::TimeToDetect), Some(7));
        assert_eq!(minutes(&incident, Measure::TimeToMitigate), Some(31));
        assert_eq!(minutes(&incident, Measure::TimeToResolve), Some(89));
    }

    #[test]
    fn timeline_tags_fill_in_missing_front_matter_times() {
        let incident = build(
            "---\nstarted: 2026-11-20 23:50\n---\n\n## Timeline\n\n\
             - 23:50 first errors [started]\n- 2026-11-21 00:05 paged [detected]\n\
             - 2026-11-21 01:10 fixed [resolved]\n",
        );
        assert_eq!(minutes(&incident, Measure::TimeToDetect), Some(15));
        assert_eq!(minutes(&incident, Measure::TimeToMitigate), None);
        assert_eq!(minutes(&incident, Measure::TimeToResolve), Some(80));
    }

    #[test]
    fn a_night_and_a_daylight_saving_change_count_as_the_time_that_passed() {
        // Berlin moves its clocks back from 03:00 to 02:00 on 2026-10-25: the wall clock shows
        // 3 h 30 min between 01:30 and 05:00, but 4 h 30 min passed.
        let incident = build(
            "---\ntimezone: Europe/Berlin\nstarted: 2026-10-24 23:40\n\
             detected: 2026-10-25 01:30\nresolved: 2026-10-25 05:00\n---\n",
        );
        assert_eq!(minutes(&incident, Measure::TimeToDetect), Some(110));
        assert_eq!(minutes(&incident, Measure::TimeToResolve), Some(380));
        // And forward from 02:00 to 03:00 on 2026-03-29: one hour less passed.
        let spring = build(
            "---\ntimezone: Europe/Berlin\nstarted: 2026-03-29 01:30\n\
             resolved: 2026-03-29 03:30\n---\n",
        );
        assert_eq!(minutes(&spring, Measure::TimeToResolve), Some(60));
    }

    #[test]
    fn milestones_in_the_wrong_order_give_no_duration() {
        let incident = build("---\nstarted: 2026-11-20 14:02\ndetected: 2026-11-20 13:09\n---\n");
        assert_eq!(incident.duration(Measure::TimeToDetect), None);
    }

    #[test]
    fn durations_read_to_the_minute() {
        let format = |seconds| format_duration(SignedDuration::from_secs(seconds));
        assert_eq!(format(42), "42 s");
        assert_eq!(format(45 * 60), "45 min");
        assert_eq!(format(89 * 60 + 30), "1 h 29 min");
        assert_eq!(format(2 * 3600), "2 h");
        assert_eq!(format(26 * 3600 + 60), "1 d 2 h");
        assert_eq!(format(48 * 3600), "2 d");
        assert_eq!(format(-90 * 60), "-1 h 30 min");
    }
}
