//! The writer that turns a seed into an incident report, section by section.

use std::fmt::Write as _;
use std::mem;

use crate::Flaw;
use crate::clock::Moment;
use crate::phrases::{self, Cause, FalseLead};
use crate::rng::Rng;

/// One incident file for `seed` and `index`.
pub(crate) fn single(seed: u64, index: usize) -> String {
    let (rng, flaw) = plan(seed, index);
    let mut writer = Writer::new(rng, flaw, index);
    writer.single();
    writer.finish()
}

/// The flaw `single` gives the file for `seed` and `index`.
pub(crate) fn plan_flaw(seed: u64, index: usize) -> Option<Flaw> {
    plan(seed, index).1
}

/// One long document of at least `target_bytes` bytes.
pub(crate) fn corpus(seed: u64, target_bytes: usize) -> String {
    // The size of the closing sections is only estimated while the loops are written. Each try
    // replays the same random stream with a corrected budget, so it only adds or drops loops at
    // the end, until the document needs little padding to reach the target.
    let mut loop_budget = target_bytes;
    let mut text = String::new();
    for _ in 0..4 {
        // Stream u64::MAX belongs to no file of any realistic corpus.
        let rng = Rng::new(seed, u64::MAX);
        let mut writer = Writer::new(rng, None, 0);
        writer.style.crlf = false;
        let unpadded_len = writer.corpus(loop_budget, target_bytes);
        text = writer.finish();
        let shortfall = target_bytes.saturating_sub(unpadded_len);
        let excess = unpadded_len.saturating_sub(target_bytes);
        if shortfall <= MAX_PADDING && excess <= target_bytes / 50 {
            break;
        }
        loop_budget = (loop_budget + shortfall).saturating_sub(excess);
    }
    text
}

/// How many bytes of extra lessons may top a long document up to its target size.
const MAX_PADDING: usize = 1500;

/// About how many bytes the timeline's surroundings, the actions' heading and the lessons take.
const CLOSING_ESTIMATE: usize = 700;

/// Percent of files with a flaw.
const FLAW_PERCENT: u32 = 5;

/// The random stream of file `index` of `seed`, and the flaw drawn first from it.
fn plan(seed: u64, index: usize) -> (Rng, Option<Flaw>) {
    let mut rng = Rng::new(seed, index as u64);
    let flaw = if rng.percent(FLAW_PERCENT) {
        Flaw::ALL.get(rng.index(Flaw::ALL.len())).copied()
    } else {
        rng.next_u64();
        None
    };
    (rng, flaw)
}

/// Something that happened, for the timeline.
struct Event {
    at: Moment,
    text: String,
    milestone: Option<&'static str>,
}

/// How this author writes: choices that stay the same through one document.
struct Style {
    /// Between a timeline entry's time and its text.
    timeline_separator: &'static str,
    /// Write every timeline time with its date.
    timeline_dates: bool,
    /// Wrap paragraphs at this width, or not at all.
    wrap: Option<usize>,
    /// Front matter lists as `[a, b]` rather than indented `- a` lines.
    flow_lists: bool,
    /// The bullet of list items.
    bullet: char,
    /// Line breaks are CRLF.
    crlf: bool,
}

/// Writes one document into `out`, keeping the story's facts and the author's style.
struct Writer {
    rng: Rng,
    flaw: Option<Flaw>,
    /// Whether the flaw has been written (some need a fitting place).
    flaw_done: bool,
    out: String,
    index: usize,
    style: Style,
    cause: Cause,
    service: &'static str,
    dependency: &'static str,
    team: &'static str,
    region: &'static str,
    path: &'static str,
    version: String,
    authors: Vec<&'static str>,
    timezone: &'static str,
    status: &'static str,
    /// When the change that led to the incident was made.
    changed_at: Moment,
    start: Moment,
    detected: Moment,
    mitigated: Moment,
    resolved: Moment,
    /// The time of the step being written.
    clock: Moment,
    next_observation: u32,
    next_hypothesis: u32,
    /// False leads already tested, so that no idea is tested twice.
    used_leads: Vec<&'static str>,
    /// Observation templates already used.
    used_observations: Vec<&'static str>,
    events: Vec<Event>,
    /// Follow-up actions found along the way.
    actions: Vec<(&'static str, String)>,
}

impl Writer {
    fn new(mut rng: Rng, flaw: Option<Flaw>, index: usize) -> Writer {
        let style = Style {
            timeline_separator: rng.pick(&[" ", " ", " ", " - ", " — ", ": ", " – "]),
            timeline_dates: rng.percent(10),
            wrap: if rng.percent(35) {
                Some(rng.range(68, 88) as usize)
            } else {
                None
            },
            flow_lists: rng.percent(70),
            bullet: if rng.percent(85) { '-' } else { '*' },
            crlf: rng.percent(3),
        };
        let (timezone, has_daylight_saving) = rng.pick(phrases::TIMEZONES);
        let year = rng.range(2023, 2026);
        let month = rng.range(1, 12);
        let day = rng.range(1, 28);
        let mut hour = rng.range(0, 23);
        if has_daylight_saving && hour < 4 {
            // Keep clear of the hour that daylight saving time skips or repeats.
            hour += 5;
        }
        let changed_at = Moment::new(year, month, day, hour, rng.range(0, 59));
        let start = changed_at.plus_minutes(rng.range(5, 90));
        let detected = start.plus_minutes(rng.range(1, 25));
        let mitigated = detected.plus_minutes(rng.range(15, 150));
        let resolved = mitigated.plus_minutes(rng.range(5, 180));
        let n_authors = rng.range(1, 3) as usize;
        let cause = rng.pick(phrases::CAUSES);
        let service = pick_or(&mut rng, cause.services, phrases::SERVICES);
        let dependency = pick_or(&mut rng, cause.dependencies, phrases::DEPENDENCIES);
        Writer {
            flaw,
            flaw_done: false,
            out: String::with_capacity(6 * 1024),
            index,
            cause,
            service,
            dependency,
            team: rng.pick(phrases::TEAMS),
            region: rng.pick(phrases::REGIONS),
            path: rng.pick(phrases::PATHS),
            version: format!(
                "{}.{}.{}",
                rng.range(1, 9),
                rng.range(0, 40),
                rng.range(0, 12)
            ),
            authors: rng.sample(phrases::AUTHORS, n_authors),
            timezone,
            status: rng.pick(&["resolved", "resolved", "closed", "closed", "mitigated"]),
            changed_at,
            start,
            detected,
            mitigated,
            resolved,
            clock: detected,
            next_observation: 1,
            next_hypothesis: 1,
            used_leads: Vec::new(),
            used_observations: Vec::new(),
            events: Vec::new(),
            actions: Vec::new(),
            style,
            rng,
        }
    }

    fn finish(self) -> String {
        if self.style.crlf {
            self.out.replace('\n', "\r\n")
        } else {
            self.out
        }
    }

    fn has_flaw(&self, flaw: Flaw) -> bool {
        self.flaw == Some(flaw) && !self.flaw_done
    }

    /// Marks `flaw` as written and says whether it was still due.
    fn take_flaw(&mut self, flaw: Flaw) -> bool {
        let due = self.has_flaw(flaw);
        if due {
            self.flaw_done = true;
        }
        due
    }

    /// Writes the sections of a single incident.
    fn single(&mut self) {
        let n_loops = match self.rng.below(100) {
            0..30 => 1,
            30..70 => 2,
            70..92 => 3,
            _ => 4,
        };
        // Leave each loop enough time for its tests, so that every verdict comes before mitigation.
        let min_span = 36 * (n_loops as u32 + 1);
        if self.mitigated.minutes_since(self.detected) < min_span {
            self.mitigated = self.detected.plus_minutes(min_span + self.rng.range(0, 30));
            self.resolved = self.mitigated.plus_minutes(self.rng.range(5, 180));
        }
        self.record_start_events();
        self.front_matter();
        self.title();
        let summary = self.capture(Writer::summary);
        let impact = self.capture(Writer::impact);
        let loops = self.capture(|writer| {
            for loop_idx in 0..n_loops {
                let role = if loop_idx + 1 == n_loops {
                    Role::Confirm
                } else {
                    Role::Reject
                };
                writer.investigation_loop(loop_idx, n_loops, role);
            }
        });
        self.record_end_events();
        let timeline = self.capture(Writer::timeline);
        let actions = self.capture(Writer::actions);
        let lessons = self.capture(Writer::lessons);
        let extra = if self.rng.percent(15) {
            self.capture(Writer::went_well)
        } else {
            String::new()
        };
        // Some teams put the timeline first, right after the impact.
        let timeline_first = self.rng.percent(30);
        self.out.push_str(&summary);
        self.out.push_str(&impact);
        if timeline_first {
            self.out.push_str(&timeline);
        }
        self.out.push_str(&loops);
        if !timeline_first {
            self.out.push_str(&timeline);
        }
        self.out.push_str(&actions);
        self.out.push_str(&extra);
        self.out.push_str(&lessons);
    }

    /// Writes a long investigation log whose loops stop near `loop_budget`, then tops it up to
    /// `target_bytes`. Returns the length before topping up.
    fn corpus(&mut self, loop_budget: usize, target_bytes: usize) -> usize {
        self.record_start_events();
        // The title's cause is confirmed last, after the causes that contributed along the way.
        let main_cause = self.cause;
        let main_dependency = self.dependency;
        // The loops come first, so that the front matter and summary can give the final times.
        let header_estimate = 1300;
        let mut loops = String::new();
        let mut loop_idx = 0;
        while header_estimate + loops.len() + self.pending_bytes() + CLOSING_ESTIMATE < loop_budget
        {
            self.clock = self.clock.plus_minutes(self.rng.range(5, 90));
            let role = if self.rng.percent(12) {
                // A long investigation finds several contributing causes, one at a time.
                self.cause = self.rng.pick(phrases::CAUSES);
                self.dependency = pick_or(
                    &mut self.rng,
                    self.cause.dependencies,
                    phrases::DEPENDENCIES,
                );
                Role::Confirm
            } else {
                Role::Reject
            };
            let one_loop = self.capture(|writer| {
                writer.investigation_loop(loop_idx, usize::MAX, role);
            });
            loops.push_str(&one_loop);
            loop_idx += 1;
        }
        self.cause = main_cause;
        self.dependency = main_dependency;
        self.clock = self.clock.plus_minutes(self.rng.range(5, 90));
        let last_loop = self.capture(|writer| {
            writer.investigation_loop(loop_idx, usize::MAX, Role::Confirm);
        });
        loops.push_str(&last_loop);
        self.mitigated = self.clock.plus_minutes(self.rng.range(10, 60));
        self.resolved = self.mitigated.plus_minutes(self.rng.range(30, 240));
        self.record_end_events();
        self.front_matter();
        self.title();
        self.paragraph(
            "This document is the running log of a long investigation. Each loop records what we \
             saw, what we thought, and how we tested it, so that nobody tests the same idea twice.",
        );
        self.summary();
        self.impact();
        self.out.push_str(&loops);
        self.timeline();
        self.actions();
        self.lessons();
        let unpadded_len = self.out.len();
        // Top up with further lessons, each said once while there are new ones.
        let mut lessons: Vec<&'static str> = phrases::LESSONS
            .iter()
            .copied()
            .chain(phrases::CAUSES.iter().map(|cause| cause.lesson))
            .filter(|lesson| !self.out.contains(lesson))
            .collect();
        while self.out.len() < target_bytes {
            let lesson = if lessons.is_empty() {
                self.rng.pick(phrases::LESSONS)
            } else {
                lessons.swap_remove(self.rng.index(lessons.len()))
            };
            let lesson = self.fill(lesson);
            self.paragraph(&lesson);
        }
        unpadded_len
    }

    /// Runs `write` and returns what it wrote instead of appending it.
    fn capture(&mut self, write: impl FnOnce(&mut Writer)) -> String {
        let saved = mem::take(&mut self.out);
        write(self);
        mem::replace(&mut self.out, saved)
    }

    /// About how many bytes the timeline and the actions found so far will take.
    fn pending_bytes(&self) -> usize {
        let timeline: usize = self.events.iter().map(|event| event.text.len() + 24).sum();
        let actions: usize = self.actions.iter().map(|action| action.1.len() + 64).sum();
        timeline + actions
    }

    // Front matter and title.

    fn front_matter(&mut self) {
        let year = self.start.year();
        let title = capitalize(&self.fill(self.cause.title));
        self.line("---");
        if self.rng.percent(10) {
            self.line("# Reviewed in the weekly incident review.");
        }
        let id = format!("INC-{year}-{:03}", self.index + 1);
        self.field("id", &id);
        if self.rng.percent(20) {
            self.field("title", &format!("\"{title}\""));
        } else {
            self.field("title", &title);
        }
        let severity = self
            .rng
            .pick(&["SEV1", "SEV2", "SEV2", "SEV3", "SEV3", "SEV4"]);
        if self.rng.percent(10) {
            self.field(
                "severity",
                &format!("{severity}   # raised by the incident commander"),
            );
        } else {
            self.field("severity", severity);
        }
        let status = self.status;
        self.field("status", status);
        self.field("timezone", self.timezone);
        let started = self.front_matter_time(self.start);
        self.field("started", &started);
        let detected = self.front_matter_time(self.detected);
        self.field("detected", &detected);
        let mitigated = if self.take_flaw(Flaw::InvalidDate) {
            let month = self.rng.pick(&["04", "06", "09", "11"]);
            format!("{year}-{month}-31 {}", self.mitigated.time())
        } else {
            self.front_matter_time(self.mitigated)
        };
        self.field("mitigated", &mitigated);
        if status == "mitigated" {
            self.line("resolved:");
        } else {
            let resolved = self.front_matter_time(self.resolved);
            self.field("resolved", &resolved);
        }
        let mut services = vec![self.service.to_owned(), self.dependency.to_owned()];
        let other = self.rng.pick(phrases::SERVICES).to_owned();
        if self.rng.percent(40) && !services.contains(&other) {
            services.push(other);
        }
        let authors: Vec<String> = self
            .authors
            .iter()
            .map(|author| (*author).to_owned())
            .collect();
        if self.take_flaw(Flaw::UnclosedFlowList) {
            self.field("services", &format!("[{}", services.join(", ")));
        } else {
            self.list_field("services", &services);
        }
        self.list_field("authors", &authors);
        if self.rng.percent(15) {
            let review = self
                .start
                .plus_days(self.rng.range(3, 10))
                .date()
                .to_string();
            self.field("review_date", &review);
        }
        if self.rng.percent(10) {
            self.line("tags: [customer-facing, postmortem]");
        }
        self.line("---");
        self.blank();
    }

    fn front_matter_time(&mut self, moment: Moment) -> String {
        let separator = if self.rng.percent(15) { "T" } else { " " };
        let zone = if matches!(self.timezone, "UTC" | "Z") && self.rng.percent(20) {
            "Z"
        } else {
            ""
        };
        format!("{}{separator}{}{zone}", moment.date(), moment.time())
    }

    fn field(&mut self, key: &str, value: &str) {
        self.line(&format!("{key}: {value}"));
    }

    fn list_field(&mut self, key: &str, values: &[String]) {
        if self.style.flow_lists {
            self.field(key, &format!("[{}]", values.join(", ")));
        } else {
            self.line(&format!("{key}:"));
            for value in values {
                self.line(&format!("  - {value}"));
            }
        }
    }

    fn title(&mut self) {
        if self.take_flaw(Flaw::UnknownDirectiveVerb) {
            self.line("<!-- incident-lint ignore missing-impact -->");
            self.blank();
        } else if self.rng.percent(5) {
            self.line("<!-- incident-lint disable timeline-entry-without-time -->");
            self.blank();
        }
        let title = capitalize(&self.fill(self.cause.title));
        if self.rng.percent(10) {
            let underline = "=".repeat(title.chars().count().clamp(3, 60));
            self.line(&title);
            self.line(&underline);
        } else {
            self.line(&format!("# {title}"));
        }
        self.blank();
    }

    // Post-mortem sections.

    fn summary(&mut self) {
        self.heading("Summary");
        let mut summary = capitalize(&self.fill(self.cause.summary));
        let minutes = self.resolved.minutes_since(self.start);
        let _ = write!(
            summary,
            " Customers were affected for {} h {} min.",
            minutes / 60,
            minutes % 60
        );
        self.paragraph(&summary);
    }

    fn impact(&mut self) {
        self.heading("Impact");
        let n_sentences = self.rng.range(2, 4) as usize;
        // The first three sentences quantify the impact; the others qualify it.
        let (quantified, qualifying) = phrases::IMPACTS
            .split_at_checked(3)
            .unwrap_or((phrases::IMPACTS, &[]));
        let first = self.rng.pick(quantified);
        let mut sentences = vec![capitalize(&self.fill(first))];
        for sentence in self.rng.sample(qualifying, n_sentences - 1) {
            sentences.push(capitalize(&self.fill(sentence)));
        }
        if self.rng.percent(30) {
            for sentence in &sentences {
                self.item(0, sentence);
            }
            self.blank();
        } else {
            self.paragraph(&sentences.join(" "));
        }
        if self.rng.percent(30) {
            self.impact_table();
        }
        if self.rng.percent(12) {
            let note = self.rng.pick(phrases::FOREIGN_NOTES);
            self.paragraph(note);
        }
    }

    fn impact_table(&mut self) {
        self.line("| Region | Failed requests | Duration |");
        self.line("|--------|----------------:|----------|");
        let n_rows = self.rng.range(2, 4) as usize;
        for region in self.rng.sample(phrases::REGIONS, n_rows) {
            let failed = self.count();
            let minutes = self.rng.range(3, 120);
            self.line(&format!("| {region} | {failed} | {minutes} min |"));
        }
        self.blank();
    }

    fn timeline(&mut self) {
        self.heading("Timeline");
        self.events.sort_by_key(|event| event.at);
        let events = mem::take(&mut self.events);
        let malformed_at = if self.take_flaw(Flaw::MalformedTime) {
            Some(self.rng.index(events.len()))
        } else {
            None
        };
        for (event_idx, event) in events.iter().enumerate() {
            let time = if malformed_at == Some(event_idx) {
                self.malformed_time(event.at)
            } else {
                self.timeline_time(event.at)
            };
            // A malformed time keeps a plain space: `14.15: text` would not read as a time-like word at all.
            let separator = if malformed_at == Some(event_idx) {
                " "
            } else {
                self.style.timeline_separator
            };
            let mut line = format!("{time}{separator}{}", event.text);
            if let Some(milestone) = event.milestone {
                let _ = write!(line, " [{milestone}]");
            }
            self.item(0, &line);
        }
        self.blank();
        self.events = events;
    }

    fn timeline_time(&mut self, at: Moment) -> String {
        let approximate = if self.rng.percent(6) { "~" } else { "" };
        let time = if self.rng.percent(8) {
            at.time_with_seconds().to_string()
        } else {
            at.time().to_string()
        };
        let zone = if self.timezone == "UTC" && self.rng.percent(5) {
            "Z"
        } else {
            ""
        };
        if self.style.timeline_dates || !at.same_day(self.start) {
            let separator = if self.rng.percent(20) { "T" } else { " " };
            format!("{approximate}{}{separator}{time}{zone}", at.date())
        } else {
            format!("{approximate}{time}{zone}")
        }
    }

    fn malformed_time(&mut self, at: Moment) -> String {
        let time = at.time().to_string();
        let (hour, minute) = time.split_once(':').unwrap_or(("14", "05"));
        // `2:15pm` and `--:--` are read (as a 12-hour time and an unknown time), so they are
        // not syntax errors.
        match self.rng.below(3) {
            0 => format!("{hour}h{minute}"),
            1 => format!("{hour}:{minute}h"),
            _ => format!("{hour}.{minute}"),
        }
    }

    fn actions(&mut self) {
        let heading = self
            .rng
            .pick(&["Actions", "Actions", "Action items", "Follow-up actions"]);
        self.heading(heading);
        let cause_actions = self.cause.actions;
        let mut actions: Vec<(&'static str, String)> = cause_actions
            .iter()
            .map(|(category, text)| (*category, self.fill(text)))
            .collect();
        actions.append(&mut self.actions);
        let n_generic = self.rng.range(0, 3) as usize;
        for (category, text) in self.rng.sample(phrases::GENERIC_ACTIONS, n_generic) {
            let text = self.fill(text);
            actions.push((category, text));
        }
        // A long investigation can find the same follow-up twice; it is listed once.
        let mut seen: Vec<String> = Vec::new();
        actions.retain(|(_, text)| {
            let new = !seen.contains(text);
            if new {
                seen.push(text.clone());
            }
            new
        });
        let missing_owner_at = if self.take_flaw(Flaw::MissingOwner) {
            Some(self.rng.index(actions.len()))
        } else {
            None
        };
        for (action_idx, (category, text)) in actions.iter().enumerate() {
            let done = self.rng.percent(25);
            let task_box = if done { "[x]" } else { "[ ]" };
            let category = if self.rng.percent(90) {
                let mut category = (*category).to_owned();
                if self.rng.percent(10) {
                    category = capitalize(&category);
                }
                format!("{category}: ")
            } else {
                String::new()
            };
            let owner = self.rng.pick(phrases::TEAMS);
            let due = self
                .start
                .plus_days(self.rng.range(7, 90))
                .date()
                .to_string();
            let meta = if missing_owner_at == Some(action_idx) {
                format!(" (due: {due})")
            } else if done {
                format!(" (owner: {owner})")
            } else if self.rng.percent(10) {
                format!(" (owner: {owner}, due: {due}, priority: high)")
            } else {
                format!(" (owner: {owner}, due: {due})")
            };
            self.item(0, &format!("{task_box} {category}{text}{meta}"));
        }
        self.blank();
    }

    fn lessons(&mut self) {
        let heading = self.rng.pick(&["Lessons", "Lessons", "Lessons learned"]);
        self.heading(heading);
        let mut lessons = vec![self.cause.lesson.to_owned()];
        let n_more = self.rng.range(0, 2) as usize;
        for lesson in self.rng.sample(phrases::LESSONS, n_more) {
            lessons.push(self.fill(lesson));
        }
        match self.rng.below(3) {
            0 => {
                for lesson in &lessons {
                    self.item(0, lesson);
                }
                self.blank();
            }
            1 => {
                for (lesson_idx, lesson) in lessons.iter().enumerate() {
                    self.line(&format!("{}. {lesson}", lesson_idx + 1));
                }
                self.blank();
            }
            _ => {
                for lesson in &lessons {
                    self.paragraph(lesson);
                }
            }
        }
    }

    fn went_well(&mut self) {
        self.heading("What went well");
        let lines = [
            "the on-call engineer was paged within a minute of the first alert",
            "the rollback procedure worked as documented",
            "customer support had a macro ready before the first ticket arrived",
        ];
        let n_lines = self.rng.range(1, 3) as usize;
        for line in self.rng.sample(&lines, n_lines) {
            self.item(0, line);
        }
        self.blank();
    }

    // The investigation.

    fn record_start_events(&mut self) {
        let first = self.rng.pick(&[
            "first errors in the {svc} logs",
            "{svc} error rate starts to climb",
            "first customer reports in the support queue",
            "latency of `{path}` rises above 2 s",
        ]);
        let first = self.fill(first);
        self.event(self.start, first, Some("started"));
        let alert = self.rng.pick(&[
            "alert `{Svc}ErrorRate` fires, on-call paged",
            "synthetic check `{svc}-smoke` fails, on-call paged",
            "support escalates to the on-call engineer",
        ]);
        let alert = self.fill(alert);
        self.event(self.detected, alert, Some("detected"));
        let n_coordination = self.rng.range(0, 3) as usize;
        for text in self
            .rng
            .sample(phrases::COORDINATION_EVENTS, n_coordination)
        {
            let offset = self.rng.range(1, 20);
            let text = self.fill(text);
            self.event(self.detected.plus_minutes(offset), text, None);
        }
    }

    fn record_end_events(&mut self) {
        let fix = self.fill(self.cause.fix);
        self.event(self.mitigated, fix, Some("mitigated"));
        if self.status == "mitigated" {
            return;
        }
        let end = self.rng.pick(&[
            "error rate back to baseline",
            "all checks green, monitoring for another hour",
            "queue drained, latency normal",
        ]);
        self.event(self.resolved, end.to_owned(), Some("resolved"));
    }

    fn event(&mut self, at: Moment, text: String, milestone: Option<&'static str>) {
        self.events.push(Event {
            at,
            text,
            milestone,
        });
    }

    fn investigation_loop(&mut self, loop_idx: usize, n_loops: usize, role: Role) {
        let last_single = loop_idx + 1 == n_loops;
        if n_loops != usize::MAX {
            // Spread the loops of a single incident between detection and mitigation.
            let span = self.mitigated.minutes_since(self.detected);
            let step = span / (n_loops as u32 + 1);
            self.clock = self
                .detected
                .plus_minutes(step * (loop_idx as u32 + 1) + self.rng.range(0, 4));
        }
        // Observe.
        self.heading("Observe");
        if loop_idx == 0 {
            self.status_lines();
        }
        let n_observations = self.rng.range(1, 4);
        let mut observed = Vec::new();
        for observation_idx in 0..n_observations {
            let is_clue = role == Role::Confirm && observation_idx == 0;
            let (id, text) = self.observation(is_clue);
            if observation_idx == 0 {
                let at = self.clock.plus_minutes(self.rng.range(0, 3));
                self.event(at, format!("{text} (O{id})"), None);
            }
            observed.push(id);
        }
        if loop_idx == 0 && self.rng.percent(20) {
            self.chat_quote();
        }
        if self.rng.percent(8) {
            self.details_block();
        }
        // Orient.
        self.heading("Orient");
        self.orient(role, &observed);
        // Decide.
        self.heading("Decide");
        let mut hypotheses = Vec::new();
        // A flaw of a missing reason needs a rejected hypothesis to show in.
        if role == Role::Reject || self.has_flaw(Flaw::MissingReason) || self.rng.percent(30) {
            let lead = self.false_lead();
            let refs = self.cite(&observed);
            let id = self.next_hypothesis;
            self.next_hypothesis += 1;
            let text = self.fill(lead.hypothesis);
            self.item(0, &format!("H{id}: {text} {refs}"));
            hypotheses.push((id, Some(lead)));
        }
        if role == Role::Confirm {
            let refs = self.cite(&observed);
            let id = self.next_hypothesis;
            self.next_hypothesis += 1;
            let text = self.fill(self.cause.hypothesis);
            self.item(0, &format!("H{id}: {text} {refs}"));
            hypotheses.push((id, None));
        }
        self.blank();
        // Act.
        self.heading("Act");
        for (id, lead) in hypotheses {
            self.clock = self.clock.plus_minutes(self.rng.range(3, 15));
            match lead {
                Some(lead) => self.rejection(id, lead),
                None => self.confirmation(id, last_single),
            }
        }
        self.blank();
        if self.rng.percent(10) {
            let note = self.rng.pick(phrases::FOREIGN_NOTES);
            self.line(&format!("### Notes ({})", loop_idx + 1));
            self.blank();
            self.paragraph(note);
        }
    }

    fn status_lines(&mut self) {
        let others = self.rng.sample(phrases::SERVICES, 3);
        let up: Vec<&str> = others
            .into_iter()
            .filter(|other| *other != self.service)
            .collect();
        if !up.is_empty() {
            self.item(0, &format!("up: {}", up.join(", ")));
        }
        let state = if self.rng.percent(50) {
            "down"
        } else {
            "degraded"
        };
        self.item(0, &format!("{state}: {}", self.service));
        if self.rng.percent(40) {
            self.item(0, &format!("degraded: {}", self.dependency));
        }
    }

    /// Writes one observation (two for the clue) and returns the number and text of the first.
    fn observation(&mut self, is_clue: bool) -> (u32, String) {
        let id = self.next_observation;
        self.next_observation += 1;
        if is_clue {
            let clue = self.fill(self.cause.clue);
            self.item(0, &format!("O{id}: {clue}"));
            let log = self.fill(self.cause.log);
            let log_id = self.next_observation;
            self.next_observation += 1;
            if self.rng.percent(40) {
                let service = self.service;
                self.item(
                    0,
                    &format!("O{log_id}: the {service} logs repeat this line:"),
                );
                self.blank();
                self.fenced(1, "text", &[log]);
                self.blank();
            } else {
                self.item(0, &format!("O{log_id}: {} logs show `{log}`", self.service));
            }
            return (id, clue);
        }
        let template = self.fresh_observation();
        let text = self.fill(template);
        self.item(0, &format!("O{id}: {text}"));
        if self.rng.percent(12) {
            let (command, output) = self.rng.pick(phrases::COMMANDS);
            let command = format!("$ {}", self.fill(command));
            let output = self.fill(output);
            let mut lines = vec![command];
            lines.extend(output.lines().map(str::to_owned));
            self.blank();
            self.fenced(1, "console", &lines);
            self.blank();
        } else if self.rng.percent(10) {
            let n_lines = self.rng.range(3, 7);
            let mut lines = Vec::new();
            let mut at = self.clock;
            for _ in 0..n_lines {
                at = at.plus_seconds(self.rng.range(1, 40));
                let template = self.rng.pick(phrases::LOG_LINES);
                let text = self.fill(template);
                lines.push(format!(
                    "{}T{}.{:03}Z {text}",
                    at.date(),
                    at.time_with_seconds(),
                    self.rng.below(1000)
                ));
            }
            self.blank();
            self.fenced(1, "log", &lines);
            self.blank();
        }
        (id, text)
    }

    /// An observation template not used yet in this document, while there are any.
    fn fresh_observation(&mut self) -> &'static str {
        let fresh: Vec<&'static str> = phrases::OBSERVATIONS
            .iter()
            .copied()
            .filter(|template| !self.used_observations.contains(template))
            .collect();
        if fresh.is_empty() {
            self.used_observations.clear();
        }
        let template = if fresh.is_empty() {
            self.rng.pick(phrases::OBSERVATIONS)
        } else {
            self.rng.pick(&fresh)
        };
        self.used_observations.push(template);
        template
    }

    fn chat_quote(&mut self) {
        self.blank();
        let n_lines = self.rng.range(2, 4) as usize;
        for line in self.rng.sample(phrases::CHAT_LINES, n_lines) {
            let line = self.fill(line);
            self.line(&format!("> {line}"));
        }
        self.blank();
    }

    fn details_block(&mut self) {
        self.blank();
        self.line("<details>");
        self.line("<summary>Full log excerpt</summary>");
        self.blank();
        let n_lines = self.rng.range(2, 5);
        let mut lines = Vec::new();
        for _ in 0..n_lines {
            let template = self.rng.pick(phrases::LOG_LINES);
            lines.push(self.fill(template));
        }
        self.fenced(0, "", &lines);
        self.blank();
        self.line("</details>");
        self.blank();
    }

    fn orient(&mut self, role: Role, observed: &[u32]) {
        self.blank();
        if role == Role::Confirm {
            let changed = self.fill(self.cause.changed);
            self.item(0, &format!("changed: {changed}"));
            let expected = self.fill(self.cause.expected);
            self.item(0, &format!("expected: {expected}"));
        } else {
            let changed = self.rng.pick(&[
                "nothing was deployed to {svc} since yesterday",
                "traffic moved to {region} for planned maintenance at {time}",
                "{dep} was upgraded to a new minor version last week",
                "a new on-call rota started this morning",
            ]);
            let changed = self.fill(changed);
            self.item(0, &format!("changed: {changed}"));
            if self.rng.percent(50) {
                let expected = self.rng.pick(&[
                    "{svc} answers in under 300 ms at this traffic level",
                    "{dep} handles twice today's load",
                    "failover to the standby takes less than a minute",
                ]);
                let expected = self.fill(expected);
                self.item(0, &format!("expected: {expected}"));
            }
        }
        let story = if self.take_flaw(Flaw::UndefinedReference) {
            let missing = self.next_observation + 7;
            format!(
                "the errors started with the change, as O{missing} already showed {}",
                self.cite(observed)
            )
        } else {
            let template = self.rng.pick(&[
                "the errors line up with the change; nothing else moved around {time}",
                "{svc} waits on {dep}, so the problem is probably below {svc}",
                "symptoms → {dep} slow → {svc} times out → clients retry",
                "only writes fail, which points at {dep} rather than the gateway",
                "the timing fits a slow leak more than a sudden break",
            ]);
            let template = if role == Role::Confirm {
                self.cause.story
            } else {
                template
            };
            let story = self.fill(template);
            format!("{story} {}", self.cite(observed))
        };
        self.item(0, &format!("story: {story}"));
        self.blank();
        if self.rng.percent(10) {
            self.line("| Metric | Before | During |");
            self.line("|---|---|---|");
            let before = self.rng.range(20, 300);
            let during = before * self.rng.range(5, 60);
            self.line(&format!("| p99 latency | {before} ms | {during} ms |"));
            let rate = self.rng.range(1, 60);
            self.line(&format!("| error rate | 0.1% | {rate}% |"));
            self.blank();
        } else if role == Role::Confirm && self.cause.topic == "pool" && self.rng.percent(50) {
            self.line("The diff of the last configuration release:");
            self.blank();
            self.fenced(
                0,
                "diff",
                &[
                    " pool:".to_owned(),
                    "-  max_size: 200".to_owned(),
                    "+  maxSize: 200".to_owned(),
                    "   idle_timeout: 30s".to_owned(),
                ],
            );
            self.blank();
        }
    }

    fn false_lead(&mut self) -> FalseLead {
        let cause_topic = self.cause.topic;
        let fresh: Vec<FalseLead> = phrases::FALSE_LEADS
            .iter()
            .copied()
            .filter(|lead| lead.topic != cause_topic && !self.used_leads.contains(&lead.hypothesis))
            .collect();
        let lead = if fresh.is_empty() {
            // A long investigation runs out of new ideas and goes over old ones again.
            self.used_leads.clear();
            let idx = self.rng.index(phrases::FALSE_LEADS.len());
            phrases::FALSE_LEADS.get(idx).copied().unwrap_or_default()
        } else {
            self.rng.pick(&fresh)
        };
        self.used_leads.push(lead.hypothesis);
        lead
    }

    fn rejection(&mut self, id: u32, lead: FalseLead) {
        let word = self
            .rng
            .pick(&["rejected", "rejected", "rejected", "Rejected"]);
        if self.take_flaw(Flaw::MissingReason) {
            self.item(0, &format!("H{id} {word}"));
            self.event(self.clock, format!("H{id} rejected"), None);
            return;
        }
        let reason = self.fill(lead.reason);
        let evidence = self.fill(lead.evidence);
        match self.rng.below(10) {
            0..6 => {
                self.item(0, &format!("H{id} {word}: {reason}"));
                if self.rng.percent(60) {
                    self.item(1, &format!("evidence: {evidence}"));
                }
            }
            6..8 => {
                self.item(0, &format!("H{id} {word}"));
                self.item(1, &format!("reason: {reason}"));
                self.item(2, &format!("evidence: {evidence}"));
            }
            _ => {
                self.item(0, &format!("H{id} {word}"));
                self.item(1, &format!("evidence: {evidence}"));
            }
        }
        self.event(self.clock, format!("H{id} rejected, {reason}"), None);
    }

    fn confirmation(&mut self, id: u32, last: bool) {
        let word = self.rng.pick(&["confirmed", "confirmed", "Confirmed"]);
        let confirmation = self.fill(self.cause.confirmation);
        self.item(0, &format!("H{id} {word}: {confirmation}"));
        let evidence = self.fill(self.cause.evidence);
        self.item(1, &format!("evidence: {evidence}"));
        let fix = self.fill(self.cause.fix);
        if last {
            self.item(1, &format!("action taken: {fix}"));
        } else {
            self.item(0, &format!("action taken: {fix}"));
            let category = self
                .cause
                .actions
                .first()
                .map_or("prevent", |action| action.0);
            let text = self.cause.actions.first().map_or("", |action| action.1);
            let text = self.fill(text);
            self.actions.push((category, text));
        }
        self.event(self.clock, format!("H{id} confirmed, {confirmation}"), None);
    }

    /// `[O1, O3]`: a few of the observations, in brackets.
    fn cite(&mut self, observed: &[u32]) -> String {
        let mut cited = observed.to_vec();
        if self.next_observation > 3 && self.rng.percent(30) {
            // Older observations are cited too.
            cited.push(self.rng.range(1, self.next_observation - 1));
        }
        cited.sort_unstable();
        cited.dedup();
        let n_cited = self.rng.range(1, cited.len().max(1) as u32) as usize;
        let ids: Vec<String> = cited
            .iter()
            .take(n_cited)
            .map(|id| format!("O{id}"))
            .collect();
        if ids.is_empty() {
            String::new()
        } else if self.rng.percent(85) {
            format!("[{}]", ids.join(", "))
        } else {
            format!("({})", ids.join(", "))
        }
    }

    // Filling templates.

    fn fill(&mut self, template: &str) -> String {
        let mut out = String::with_capacity(template.len() + 32);
        let mut rest = template;
        while let Some((before, after_brace)) = rest.split_once('{') {
            out.push_str(before);
            let Some((key, after)) = after_brace.split_once('}') else {
                out.push('{');
                rest = after_brace;
                continue;
            };
            match self.placeholder(key) {
                Some(value) => out.push_str(&value),
                None => {
                    out.push('{');
                    out.push_str(key);
                    out.push('}');
                }
            }
            rest = after;
        }
        out.push_str(rest);
        out
    }

    fn placeholder(&mut self, key: &str) -> Option<String> {
        let value = match key {
            "svc" => self.service.to_owned(),
            "Svc" => camel_case(self.service),
            "dep" => self.dependency.to_owned(),
            "team" => self.team.to_owned(),
            "region" => self.region.to_owned(),
            "path" => self.path.to_owned(),
            "ver" => self.version.clone(),
            "author" => self.rng.pick(&self.authors).to_owned(),
            "time" => {
                // A time in the half hour before the step being written, but not before the start.
                let elapsed = self.clock.minutes_since(self.start);
                let back = self.rng.range(0, elapsed.min(30));
                self.start.plus_minutes(elapsed - back).time().to_string()
            }
            "before" => self.changed_at.time().to_string(),
            "start" => self.start.time().to_string(),
            "end" => self.resolved.time().to_string(),
            "minutes" => self.mitigated.minutes_since(self.start).to_string(),
            "previous" => format!(
                "INC-{}-{:03}",
                self.start.year().saturating_sub(1),
                self.rng.range(1, 300)
            ),
            "n" => self.rng.range(2, 9).to_string(),
            "lo" => self.rng.range(15, 60).to_string(),
            "hi" => self.rng.range(55, 99).to_string(),
            "nn" => self.rng.range(10, 99).to_string(),
            "pct" => self.rng.range(2, 99).to_string(),
            "ms" => self.rng.range(20, 900).to_string(),
            "count" => self.count(),
            _ => return None,
        };
        Some(value)
    }

    /// A count such as `12,408`.
    fn count(&mut self) -> String {
        let value = self.rng.range(1_000, 250_000);
        format!("{},{:03}", value / 1000, value % 1000)
    }

    // Markdown output.

    fn line(&mut self, text: &str) {
        self.out.push_str(text);
        self.out.push('\n');
    }

    fn blank(&mut self) {
        if !self.out.is_empty() && !self.out.ends_with("\n\n") {
            self.out.push('\n');
        }
    }

    fn heading(&mut self, name: &str) {
        self.blank();
        self.line(&format!("## {name}"));
        self.blank();
    }

    /// A list item at nesting `depth` (0 for top level).
    fn item(&mut self, depth: usize, text: &str) {
        let indent = "  ".repeat(depth);
        let bullet = if depth == 0 { self.style.bullet } else { '-' };
        self.line(&format!("{indent}{bullet} {text}"));
    }

    /// A paragraph, wrapped when the author wraps, then a blank line.
    fn paragraph(&mut self, text: &str) {
        match self.style.wrap {
            Some(width) if !text.contains('`') => {
                for line in wrap(text, width) {
                    self.line(&line);
                }
            }
            _ => self.line(text),
        }
        self.blank();
    }

    /// A fenced code block, inside a list item of nesting `depth - 1` when `depth > 0`.
    fn fenced(&mut self, depth: usize, info: &str, lines: &[String]) {
        let indent = "  ".repeat(depth);
        let fence = if self.rng.percent(15) { "~~~" } else { "```" };
        self.line(&format!("{indent}{fence}{info}"));
        for line in lines {
            self.line(&format!("{indent}{line}"));
        }
        self.line(&format!("{indent}{fence}"));
    }
}

/// Whether a loop tests false leads only or ends with a confirmed hypothesis.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    Reject,
    Confirm,
}

/// One of `preferred`, or of `fallback` when `preferred` is empty.
fn pick_or(rng: &mut Rng, preferred: &[&'static str], fallback: &[&'static str]) -> &'static str {
    if preferred.is_empty() {
        rng.pick(fallback)
    } else {
        rng.pick(preferred)
    }
}

/// `checkout-api` → `CheckoutApi`.
fn camel_case(name: &str) -> String {
    name.split('-').map(capitalize).collect()
}

fn capitalize(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Splits `text` into lines of at most `width` characters where it can, never starting a line
/// with a word that would read as the start of a block (a list marker, a heading, a quote).
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut current = String::new();
    for word in text.split(' ').filter(|word| !word.is_empty()) {
        let fits = current.chars().count() + 1 + word.chars().count() <= width;
        if !current.is_empty() && !fits && !starts_block(word) {
            lines.push(mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(word);
    }
    if !current.is_empty() {
        lines.push(current);
    }
    lines
}

fn starts_block(word: &str) -> bool {
    let first = word.chars().next().unwrap_or(' ');
    if matches!(
        first,
        '-' | '+' | '*' | '#' | '>' | '<' | '|' | '=' | '`' | '~' | '_'
    ) {
        return true;
    }
    let digits = word.chars().take_while(char::is_ascii_digit).count();
    digits > 0 && matches!(word.chars().nth(digits), Some('.' | ')'))
}
