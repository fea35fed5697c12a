//! The next step of the method while an incident goes on: which step, the question to ask,
//! and where to show it, for `incident-lint next` and the editor's code lens.

use incident_model::{Incident, Outcome, Section};
use incident_syntax::{IdPrefix, SectionKind, TextRange};

use crate::settings::Settings;
use crate::skeleton;
use crate::suggest::is_placeholder;

/// A step of the method.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// Look before guessing: what is up, what is down, what the logs say.
    Observe,
    /// Make sense of it: what changed, what should have happened.
    Orient,
    /// Pick one hypothesis that explains the observations.
    Decide,
    /// Test it and record the verdict.
    Act,
    /// A cause is confirmed: restore the service.
    Mitigate,
    /// The service is restored: check that it stays so, then close the incident.
    Resolve,
    /// The incident is over: finish the post-mortem.
    PostMortem,
}

impl Step {
    /// The step's name, as people read it.
    pub fn name(self) -> &'static str {
        match self {
            Step::Observe => "Observe",
            Step::Orient => "Orient",
            Step::Decide => "Decide",
            Step::Act => "Act",
            Step::Mitigate => "Mitigate",
            Step::Resolve => "Resolve",
            Step::PostMortem => "Post-mortem",
        }
    }
}

/// What to do next: the step, the question that leads it, and the range of the last section
/// written (its heading), where an editor hangs a code lens.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NextStep {
    /// The step of the method.
    pub step: Step,
    /// The question to ask, with an example of what to write.
    pub question: String,
    /// The heading of the last section of the investigation that says something, else of the
    /// first Observe section, else the title or the first line.
    pub range: TextRange,
}

/// The next step of the method for `incident`, read from the last step written: after an
/// observation, orient; after orienting, decide; after a hypothesis, test it; after a
/// rejection, observe again, further away; after a confirmation, mitigate.
/// Once the status says the incident is over, the step is the post-mortem, whose gaps
/// `check` lists.
pub fn next_step(incident: &Incident, settings: &Settings) -> NextStep {
    let last = incident
        .sections
        .iter()
        .rfind(|section| section.loop_index.is_some() && says_something(incident, section));
    let range = last
        .or_else(|| incident.sections_of(SectionKind::Observe).next())
        .map_or_else(|| anchor(incident), Section::name_range);
    let next_observation = skeleton::next_id(incident, IdPrefix::Observation);
    let next_hypothesis = skeleton::next_id(incident, IdPrefix::Hypothesis);
    let (step, question) = if settings.is_over(incident) {
        (
            Step::PostMortem,
            "the incident is over: is the cause confirmed with what showed it, does the timeline \
             show the steps, and does one action prevent it and one detect it earlier? \
             `incident-lint check` lists what is missing"
                .to_owned(),
        )
    } else {
        match last.map(|section| section.kind) {
            None => (
                Step::Observe,
                "before guessing a cause: what is up, what is down, and what do the logs say? \
                 (`- up: nginx, postgres`, `- down: checkout-api`, \
                 `- O1: the log says \"password authentication failed\"`)"
                    .to_owned(),
            ),
            Some(SectionKind::Observe) => (
                Step::Orient,
                "what changed recently, and what should have happened instead? \
                 (`- changed: the rotation job ran at 13:55`, `- expected: …`)"
                    .to_owned(),
            ),
            Some(SectionKind::Orient) => (
                Step::Decide,
                format!(
                    "which one hypothesis explains what you observed, and what would you see if it \
                     were true? (`- H{next_hypothesis}: … [O1]`)"
                ),
            ),
            Some(SectionKind::Decide) => {
                let untested = incident
                    .definitions_of(IdPrefix::Hypothesis)
                    .filter(|hypothesis| {
                        incident.verdicts_on(&hypothesis.id.value).next().is_none()
                    })
                    .last()
                    .map_or("the hypothesis", |hypothesis| hypothesis.id.value.as_str());
                (
                    Step::Act,
                    format!(
                        "how do you test {untested}? Record what you saw: \
                         `- {untested} confirmed: …` or `- {untested} rejected: …`"
                    ),
                )
            }
            _ => after_verdicts(incident, next_observation),
        }
    };
    NextStep {
        step,
        question,
        range,
    }
}

/// The step after an Act section: observe again after a rejection, mitigate or resolve after a
/// confirmation, else record the verdict.
fn after_verdicts(incident: &Incident, next_observation: u32) -> (Step, String) {
    let Some(verdict) = incident.verdicts.last() else {
        return (
            Step::Act,
            "what did the test show? Record the verdict: `- H1 confirmed: …` or `- H1 rejected: …`"
                .to_owned(),
        );
    };
    let id = &verdict.hypothesis.value;
    match verdict.outcome.value {
        Outcome::Rejected => (
            Step::Observe,
            format!(
                "{id} was rejected, so the picture is incomplete: what have you not looked at yet? \
                 Check the systems one step further away, and whether you are the only one with \
                 failures (`- O{next_observation}: …`)"
            ),
        ),
        Outcome::Confirmed => {
            let mitigated = incident
                .metadata
                .scalar("status")
                .is_some_and(|status| status.value.trim().eq_ignore_ascii_case("mitigated"));
            if mitigated {
                (
                    Step::Resolve,
                    "is the service back to normal, and does it stay so? Then set `status: resolved` \
                     and the `resolved` time, and write the post-mortem"
                        .to_owned(),
                )
            } else {
                (
                    Step::Mitigate,
                    format!(
                        "{id} is confirmed: what restores the service? Record it \
                         (`- action taken: …`), then set `status: mitigated`"
                    ),
                )
            }
        }
    }
}

/// Whether the loop section `section` records something of its step, read from the model:
/// an observation or a system, a note, a hypothesis, a verdict.
fn says_something(incident: &Incident, section: &Section) -> bool {
    let in_section = |index: Option<usize>| index == Some(section.index);
    let has_text = |text: &Option<incident_model::Spanned<String>>| {
        text.as_ref()
            .is_some_and(|text| !is_placeholder(&text.value))
    };
    incident
        .definitions
        .iter()
        .any(|definition| in_section(definition.section) && has_text(&definition.text))
        || incident.status_lines.iter().any(|status| {
            in_section(status.section)
                && status
                    .systems
                    .iter()
                    .any(|system| !is_placeholder(&system.value))
        })
        || incident
            .notes
            .iter()
            .any(|note| in_section(note.section) && has_text(&note.text))
        || incident
            .verdicts
            .iter()
            .any(|verdict| in_section(verdict.section))
}

/// The title, else an empty range at the start.
fn anchor(incident: &Incident) -> TextRange {
    incident
        .title
        .as_ref()
        .map_or(TextRange::new(0, 0), |title| title.range)
}
