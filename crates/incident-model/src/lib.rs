//! The semantic model of an incident write-up, built from its syntax tree.
//!
//! [`Incident::build`] reads a [`Parse`] into what the linter and the language server ask
//! about: the front matter as typed values, the sections grouped into Observe-Orient-Decide-Act
//! loops, observations and hypotheses with their references and verdicts, the timeline with
//! times resolved to absolute instants in the incident's timezone, and the follow-up actions.
//!
//! Building never fails: a value that cannot be read is kept with a [`ValueError`], for the
//! linter to report.

mod action_text;
mod actions;
mod durations;
mod investigation;
mod metadata;
mod prose;
mod table;
mod text;
mod time;
mod timeline;

use std::collections::HashMap;

use incident_syntax::{Parse, SyntaxKind, SyntaxNode, TextRange};
use jiff::tz::TimeZone;
use serde::Serialize;

pub use actions::{ActionCategory, ActionItem, is_category_word};
pub use durations::{Measure, format_duration};
pub use investigation::{
    Definition, Detail, Directive, DirectiveVerb, Loop, Note, NoteKind, Outcome, Reference,
    Section, StatusKind, StatusLine, Verdict,
};
pub use metadata::{Field, FieldValue, KNOWN_KEYS, Metadata, Status};
pub use prose::{Prose, prose_blocks};
pub use table::{ActionColumn, DONE_WORDS, Table, TableRow, is_done_word, lines_of};
pub use text::inline_range;
pub use time::{Milestone, TimeZoneValue, date_in_text};
pub use timeline::{DateSource, EntryShape, EntryTime, TimelineEntry, TwelveHourTime, WrittenZone};

/// Whether `heading` is a level-1 heading: `# Title`, or a title underlined with `===`.
pub fn is_level_one_heading(heading: SyntaxNode<'_>) -> bool {
    heading.kind() == SyntaxKind::Heading
        && (heading
            .child(SyntaxKind::Hashes)
            .is_some_and(|hashes| hashes.text() == "#")
            || heading
                .child(SyntaxKind::Punct)
                .is_some_and(|underline| underline.text().starts_with('=')))
}

/// A value with the range of text it was read from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Spanned<T> {
    /// The value.
    pub value: T,
    /// Where it was written.
    pub range: TextRange,
}

impl<T> Spanned<T> {
    /// Pairs `value` with `range`.
    pub fn new(value: T, range: TextRange) -> Spanned<T> {
        Spanned { value, range }
    }
}

/// Why a written value could not be read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ValueError {
    /// What is wrong, lowercase, without a trailing period.
    pub message: String,
}

impl ValueError {
    pub(crate) fn new(message: impl Into<String>) -> ValueError {
        ValueError {
            message: message.into(),
        }
    }
}

/// Settings the model needs from outside the file.
#[derive(Clone, Debug)]
pub struct ModelOptions {
    /// The timezone of times written without one when the front matter names none.
    pub default_timezone: TimeZone,
    /// The file's name, whose date (`2019-12-05-dns-outage.md`) is the last place the day of
    /// timeline times is looked for.
    pub file_name: Option<String>,
}

impl Default for ModelOptions {
    fn default() -> ModelOptions {
        ModelOptions {
            default_timezone: TimeZone::UTC,
            file_name: None,
        }
    }
}

/// Everything the write-up says, in typed form.
#[derive(Clone, Debug, Serialize)]
pub struct Incident {
    /// The front matter.
    pub metadata: Metadata,
    /// The first level-1 heading before any section.
    pub title: Option<Spanned<String>>,
    /// The level-2 sections in order.
    pub sections: Vec<Section>,
    /// The investigation loops: each Observe section starts one.
    pub loops: Vec<Loop>,
    /// `O<n>:` and `H<n>:` items in order.
    pub definitions: Vec<Definition>,
    /// `H<n> confirmed` / `H<n> rejected` items in order.
    pub verdicts: Vec<Verdict>,
    /// Mentions of `O<n>` and `H<n>` in text.
    pub references: Vec<Reference>,
    /// `up:`, `down:` and `degraded:` items.
    pub status_lines: Vec<StatusLine>,
    /// `changed:`, `expected:` and `story:` items.
    pub notes: Vec<Note>,
    /// Entries of Timeline sections.
    pub timeline: Vec<TimelineEntry>,
    /// The items of Actions sections: task items, and plain bullets written without a box.
    pub actions: Vec<ActionItem>,
    /// `<!-- incident-lint ... -->` directives.
    pub directives: Vec<Directive>,
    /// Mentions of other incidents (`INC-…`) outside the front matter.
    pub incident_references: Vec<Spanned<String>>,
    /// The timezone of times written without one.
    pub timezone: TimeZoneValue,
    /// Lookups by ID, so that rules stay linear in the size of the file.
    #[serde(skip)]
    index: ModelIndex,
}

/// Positions in the model's vectors, by ID.
#[derive(Clone, Debug, Default)]
struct ModelIndex {
    /// The first definition of each ID.
    first_definition: HashMap<String, usize>,
    /// The verdicts on each hypothesis, in order.
    verdicts: HashMap<String, Vec<usize>>,
}

impl ModelIndex {
    fn build(incident: &Incident) -> ModelIndex {
        let mut index = ModelIndex::default();
        for (position, definition) in incident.definitions.iter().enumerate() {
            index
                .first_definition
                .entry(definition.id.value.clone())
                .or_insert(position);
        }
        for (position, verdict) in incident.verdicts.iter().enumerate() {
            index
                .verdicts
                .entry(verdict.hypothesis.value.clone())
                .or_default()
                .push(position);
        }
        index
    }
}

impl Incident {
    /// Reads the model out of a parse.
    pub fn build(parse: &Parse, options: &ModelOptions) -> Incident {
        let mut metadata = Metadata::read(parse.root());
        let timezone = metadata.resolve_times(&options.default_timezone);
        let title = parse
            .root()
            .child(SyntaxKind::Preamble)
            .and_then(|preamble| {
                preamble
                    .children_of(SyntaxKind::Heading)
                    .find(|&heading| is_level_one_heading(heading))
            })
            .and_then(text::heading_text);
        let mut incident = Incident {
            metadata,
            title,
            sections: Vec::new(),
            loops: Vec::new(),
            definitions: Vec::new(),
            verdicts: Vec::new(),
            references: Vec::new(),
            status_lines: Vec::new(),
            notes: Vec::new(),
            timeline: Vec::new(),
            actions: Vec::new(),
            directives: Vec::new(),
            incident_references: Vec::new(),
            timezone,
            index: ModelIndex::default(),
        };
        investigation::read(parse, &mut incident);
        let document_dates = timeline::DocumentDates {
            started: incident.metadata.started_day(&incident.timezone.zone),
            front_matter_date: incident
                .metadata
                .scalar("date")
                .and_then(|date| incident_syntax::date_prefix(date.value.trim()))
                .and_then(|(parts, _)| time::civil_date(parts).ok()),
            title: incident
                .title
                .as_ref()
                .or(incident.metadata.scalar("title"))
                .and_then(|title| time::date_in_text(&title.value)),
            file_name: options.file_name.as_deref().and_then(time::date_in_text),
        };
        timeline::read(parse, &mut incident, document_dates);
        actions::read(parse, &mut incident);
        incident.index = ModelIndex::build(&incident);
        incident
    }

    /// The definition of the observation or hypothesis `id` (such as `H2`), the first if repeated.
    pub fn definition(&self, id: &str) -> Option<&Definition> {
        self.index
            .first_definition
            .get(id)
            .and_then(|&position| self.definitions.get(position))
    }

    /// The verdicts on hypothesis `id`.
    pub fn verdicts_on<'a>(&'a self, id: &'a str) -> impl Iterator<Item = &'a Verdict> + 'a {
        self.index
            .verdicts
            .get(id)
            .into_iter()
            .flatten()
            .filter_map(|&position| self.verdicts.get(position))
    }

    /// The references to `id` in text.
    pub fn references_to<'a>(&'a self, id: &'a str) -> impl Iterator<Item = &'a Reference> + 'a {
        self.references
            .iter()
            .filter(move |reference| reference.id == id)
    }

    /// The sections of `kind`.
    pub fn sections_of(
        &self,
        kind: incident_syntax::SectionKind,
    ) -> impl Iterator<Item = &Section> {
        self.sections
            .iter()
            .filter(move |section| section.kind == kind)
    }

    /// Whether the write-up records an investigation: an Observe, Orient or Act section, or an
    /// observation, hypothesis or verdict. One without is a plain post-mortem (Summary, Root
    /// cause, Timeline, Actions), and the rules about the investigation loop do not apply to it.
    pub fn has_investigation(&self) -> bool {
        use incident_syntax::SectionKind;
        !self.definitions.is_empty()
            || !self.verdicts.is_empty()
            || self.sections.iter().any(|section| {
                matches!(
                    section.kind,
                    SectionKind::Observe | SectionKind::Orient | SectionKind::Act
                )
            })
    }

    /// Whether the write-up is plainly a post-mortem though its front matter gives no status:
    /// it has a Timeline or an Actions section and records no investigation.
    pub fn is_plain_post_mortem(&self) -> bool {
        use incident_syntax::SectionKind;
        self.metadata.scalar("status").is_none()
            && !self.has_investigation()
            && self
                .sections
                .iter()
                .any(|section| matches!(section.kind, SectionKind::Timeline | SectionKind::Actions))
    }

    /// Whether the write-up reads as finished, whatever its status says: its front matter has a
    /// `resolved` time, its timeline tags an entry `[resolved]`, or it looks back (a Lessons or
    /// Root cause section) and lists follow-up actions.
    pub fn reads_as_finished(&self) -> bool {
        use incident_syntax::SectionKind;
        let resolved_in_front_matter = self
            .metadata
            .milestones
            .iter()
            .any(|(milestone, _)| *milestone == Milestone::Resolved);
        let resolved_in_timeline = self.timeline.iter().any(|entry| {
            entry
                .milestone
                .as_ref()
                .is_some_and(|tag| tag.value == Milestone::Resolved)
        });
        let looks_back = self
            .sections
            .iter()
            .any(|section| matches!(section.kind, SectionKind::Lessons | SectionKind::Cause));
        resolved_in_front_matter || resolved_in_timeline || (looks_back && !self.actions.is_empty())
    }

    /// The section containing `offset`.
    ///
    /// Sections follow each other without overlapping, so this is a binary search: rules call
    /// it for every item, and long files have thousands of sections.
    pub fn section_at(&self, offset: u32) -> Option<&Section> {
        // Sections are in source order and do not overlap.
        let after = self
            .sections
            .partition_point(|section| section.range.start() <= offset);
        after
            .checked_sub(1)
            .and_then(|position| self.sections.get(position))
            .filter(|section| section.range.contains(offset))
    }
}
