//! Sections, loops, observations, hypotheses, verdicts, references and directives.

use incident_syntax::{IdPrefix, Parse, SectionKind, SyntaxKind, SyntaxNode, TextRange};
use serde::Serialize;

use crate::text::{heading_text, inline_range, inline_text, slice_of, token_text};
use crate::{Incident, Spanned};

/// A level-2 section.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Section {
    /// Its position among the sections, from 0.
    pub index: usize,
    /// What the section table says it is.
    pub kind: SectionKind,
    /// The heading text, whitespace collapsed (`None` for an empty heading).
    pub name: Option<Spanned<String>>,
    /// The heading line.
    pub heading_range: TextRange,
    /// The whole section, heading included.
    pub range: TextRange,
    /// The loop it belongs to, for Observe, Orient, Decide and Act sections.
    pub loop_index: Option<usize>,
    /// Whether it has any content besides its heading, blank lines, HTML comments and directives.
    pub has_content: bool,
}

/// One pass of Observe, Orient, Decide, Act. Each Observe section starts a loop; steps written
/// before the first Observe form a loop without one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Loop {
    /// Its position, from 0 (shown to people as loop 1, 2, …).
    pub index: usize,
    /// The indices of its sections, in order.
    pub sections: Vec<usize>,
    /// From the start of its first section to the end of its last.
    pub range: TextRange,
}

/// An `O<n>: text` or `H<n>: text` item: it defines an observation or a hypothesis.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Definition {
    /// Observation or hypothesis.
    pub prefix: IdPrefix,
    /// The ID as written (`O1`).
    pub id: Spanned<String>,
    /// The text after the colon.
    pub text: Option<Spanned<String>>,
    /// The whole list item, nested items included.
    pub range: TextRange,
    /// The section it is in.
    pub section: Option<usize>,
}

/// Whether a hypothesis held.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    /// The test supported the hypothesis.
    Confirmed,
    /// The test ruled it out.
    Rejected,
}

/// A nested item under a verdict: evidence, a reason, an action taken.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Detail {
    /// The label, lowercase (`evidence`, `reason`, `action taken`), if the item has one.
    pub label: Option<String>,
    /// The text after the label.
    pub text: Option<Spanned<String>>,
    /// The whole nested item.
    pub range: TextRange,
}

/// An `H<n> confirmed: …` or `H<n> rejected: …` item.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Verdict {
    /// The hypothesis ID as written.
    pub hypothesis: Spanned<String>,
    /// Confirmed or rejected, with the verdict word's range.
    pub outcome: Spanned<Outcome>,
    /// The text after the verdict word and colon.
    pub reason: Option<Spanned<String>>,
    /// Nested items, depth first.
    pub details: Vec<Detail>,
    /// The whole list item, nested items included.
    pub range: TextRange,
    /// The section it is in.
    pub section: Option<usize>,
}

/// A mention of `O<n>` or `H<n>` in text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Reference {
    /// The ID as written.
    pub id: String,
    /// Observation or hypothesis.
    pub prefix: IdPrefix,
    /// Where it is written.
    pub range: TextRange,
    /// The section it is in.
    pub section: Option<usize>,
}

/// Whether the systems in a status line are up, down or degraded.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum StatusKind {
    /// Working as expected.
    Up,
    /// Not working.
    Down,
    /// Working badly.
    Degraded,
}

/// An `up:`, `down:` or `degraded:` item: an inventory of systems.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct StatusLine {
    /// Up, down or degraded.
    pub kind: StatusKind,
    /// The systems listed, split at commas.
    pub systems: Vec<Spanned<String>>,
    /// The whole item.
    pub range: TextRange,
    /// The section it is in.
    pub section: Option<usize>,
}

/// What an orientation note records.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum NoteKind {
    /// `changed:` what changed recently.
    Changed,
    /// `expected:` what should have happened.
    Expected,
    /// `story:` the story so far.
    Story,
}

/// A `changed:`, `expected:` or `story:` item.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Note {
    /// What the note records.
    pub kind: NoteKind,
    /// The text after the label.
    pub text: Option<Spanned<String>>,
    /// The whole item.
    pub range: TextRange,
    /// The section it is in.
    pub section: Option<usize>,
}

/// What a directive does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DirectiveVerb {
    /// Turns rules off until they are enabled again.
    Disable,
    /// Turns rules back on.
    Enable,
    /// Turns rules off for the next line only.
    DisableNextLine,
}

/// An `<!-- incident-lint VERB RULES -->` comment.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Directive {
    /// The verb, `None` when it is misspelled (a syntax error).
    pub verb: Option<DirectiveVerb>,
    /// The rules named, codes or names as written; empty means every rule.
    pub rules: Vec<Spanned<String>>,
    /// Why the rules are off: the text after ` -- `, without it.
    pub reason: Option<Spanned<String>>,
    /// The whole comment line.
    pub range: TextRange,
}

/// Reads sections, loops and the items of the investigation into `incident`.
pub(crate) fn read(parse: &Parse, incident: &mut Incident) {
    for (index, (section_node, kind)) in parse.sections().enumerate() {
        let heading = section_node.child(SyntaxKind::Heading);
        // HTML comments (template prompts) and directives are not content.
        let has_content = section_node
            .child_nodes()
            .skip(1)
            .any(|node| match node.kind() {
                SyntaxKind::Directive => false,
                SyntaxKind::HtmlBlock => !node.text().trim_start().starts_with("<!--"),
                _ => true,
            });
        incident.sections.push(Section {
            index,
            kind,
            name: heading.and_then(heading_text),
            heading_range: heading.map_or(section_node.range(), |heading| heading.range()),
            range: section_node.range(),
            loop_index: None,
            has_content,
        });
    }
    group_loops(incident);
    if let Some(preamble) = parse.root().child(SyntaxKind::Preamble) {
        read_items(preamble, None, incident);
    }
    for (index, (section_node, _)) in parse.sections().enumerate() {
        read_items(section_node, Some(index), incident);
    }
}

fn group_loops(incident: &mut Incident) {
    for section_idx in 0..incident.sections.len() {
        let Some(section) = incident.sections.get(section_idx) else {
            continue;
        };
        if !section.kind.is_loop_step() {
            continue;
        }
        let starts_loop = section.kind == SectionKind::Observe || incident.loops.is_empty();
        let range = section.range;
        if starts_loop {
            incident.loops.push(Loop {
                index: incident.loops.len(),
                sections: Vec::new(),
                range,
            });
        }
        let loop_index = incident.loops.len() - 1;
        if let Some(current) = incident.loops.last_mut() {
            current.sections.push(section_idx);
            current.range = current.range.cover(range);
        }
        if let Some(section) = incident.sections.get_mut(section_idx) {
            section.loop_index = Some(loop_index);
        }
    }
}

/// Reads the items, references and directives under `node`.
fn read_items(node: SyntaxNode<'_>, section: Option<usize>, incident: &mut Incident) {
    for element in node.descendants() {
        match element.kind() {
            SyntaxKind::ListItem => read_list_item(element, section, incident),
            SyntaxKind::Reference => {
                let prefix = if element.text().starts_with('O') {
                    IdPrefix::Observation
                } else {
                    IdPrefix::Hypothesis
                };
                incident.references.push(Reference {
                    id: element.text().to_owned(),
                    prefix,
                    range: element.range(),
                    section,
                });
            }
            SyntaxKind::IncidentRef => incident.incident_references.push(token_text(element)),
            SyntaxKind::Directive => incident.directives.push(read_directive(element)),
            _ => {}
        }
    }
}

/// The node that holds an item's first line: a definition, a verdict, a paragraph…
pub(crate) fn item_head(item: SyntaxNode<'_>) -> Option<SyntaxNode<'_>> {
    item.child_nodes()
        .next()
        .filter(|head| head.kind() != SyntaxKind::List)
}

fn read_list_item(item: SyntaxNode<'_>, section: Option<usize>, incident: &mut Incident) {
    let Some(head) = item_head(item) else {
        return;
    };
    match head.kind() {
        SyntaxKind::IdDefinition => {
            let Some(id) = head.child(SyntaxKind::Id) else {
                return;
            };
            let prefix = if id.text().starts_with('O') {
                IdPrefix::Observation
            } else {
                IdPrefix::Hypothesis
            };
            incident.definitions.push(Definition {
                prefix,
                id: token_text(id),
                text: inline_text(head),
                range: item.range(),
                section,
            });
        }
        SyntaxKind::Verdict => {
            let (Some(id), Some(word)) = (
                head.child(SyntaxKind::Id),
                head.child(SyntaxKind::VerdictWord),
            ) else {
                return;
            };
            let outcome = if word.text().eq_ignore_ascii_case("confirmed") {
                Outcome::Confirmed
            } else {
                Outcome::Rejected
            };
            let details = item
                .descendants()
                .skip(1)
                .filter(|nested| nested.kind() == SyntaxKind::ListItem)
                .map(read_detail)
                .collect();
            incident.verdicts.push(Verdict {
                hypothesis: token_text(id),
                outcome: Spanned::new(outcome, word.range()),
                reason: inline_text(head),
                details,
                range: item.range(),
                section,
            });
        }
        SyntaxKind::LabeledItem => {
            let Some(label) = head.child(SyntaxKind::Label) else {
                return;
            };
            let label = normalize_label(label.text());
            let status = match label.as_str() {
                "up" => Some(StatusKind::Up),
                "down" => Some(StatusKind::Down),
                "degraded" => Some(StatusKind::Degraded),
                _ => None,
            };
            let note = match label.as_str() {
                "changed" => Some(NoteKind::Changed),
                "expected" => Some(NoteKind::Expected),
                "story" => Some(NoteKind::Story),
                _ => None,
            };
            if let Some(kind) = status {
                incident.status_lines.push(StatusLine {
                    kind,
                    systems: inline_range(head)
                        .map(|range| split_systems(slice_of(head, range), range.start()))
                        .unwrap_or_default(),
                    range: item.range(),
                    section,
                });
            } else if let Some(kind) = note {
                incident.notes.push(Note {
                    kind,
                    text: inline_text(head),
                    range: item.range(),
                    section,
                });
            }
        }
        _ => {}
    }
}

fn read_detail(item: SyntaxNode<'_>) -> Detail {
    let head = item_head(item);
    Detail {
        label: head
            .and_then(|head| head.child(SyntaxKind::Label))
            .map(|label| normalize_label(label.text())),
        text: head.and_then(inline_text),
        range: item.range(),
    }
}

/// Splits `nginx, postgres`, written at `start`, into its systems, each with its own range.
fn split_systems(list: &str, start: u32) -> Vec<Spanned<String>> {
    let mut systems = Vec::new();
    let mut offset = start;
    for part in list.split(',') {
        let trimmed = part.trim();
        if !trimmed.is_empty() {
            let system_start = offset + (part.len() - part.trim_start().len()) as u32;
            systems.push(Spanned::new(
                trimmed.to_owned(),
                TextRange::new(system_start, system_start + trimmed.len() as u32),
            ));
        }
        offset += part.len() as u32 + 1;
    }
    systems
}

fn read_directive(directive: SyntaxNode<'_>) -> Directive {
    let verb = directive
        .child(SyntaxKind::DirectiveVerb)
        .and_then(|verb| match verb.text() {
            "disable" => Some(DirectiveVerb::Disable),
            "enable" => Some(DirectiveVerb::Enable),
            "disable-next-line" => Some(DirectiveVerb::DisableNextLine),
            _ => None,
        });
    Directive {
        verb,
        rules: directive
            .children_of(SyntaxKind::RuleName)
            .map(token_text)
            .collect(),
        reason: directive.child(SyntaxKind::DirectiveReason).map(|reason| {
            let text = reason.text().trim_start_matches('-').trim();
            Spanned::new(text.to_owned(), reason.range())
        }),
        range: directive.range(),
    }
}

impl Section {
    /// Where to point at the section: its heading text, or the heading line when the heading
    /// has no text.
    pub fn name_range(&self) -> TextRange {
        self.name
            .as_ref()
            .map_or(self.heading_range, |name| name.range)
    }
}

impl Verdict {
    /// The range of `H<n> confirmed` or `H<n> rejected`: the ID and the verdict word.
    pub fn head_range(&self) -> TextRange {
        self.hypothesis.range.cover(self.outcome.range)
    }
}

impl Detail {
    /// Whether the item's label is `label` (such as `action taken`), ignoring case and how
    /// the words are spaced.
    pub fn has_label(&self, label: &str) -> bool {
        self.label.as_ref().is_some_and(|own| {
            own.split_whitespace()
                .map(str::to_lowercase)
                .eq(label.split_whitespace().map(str::to_lowercase))
        })
    }
}

impl Incident {
    /// The sections of `ooda_loop`, in order.
    pub fn loop_sections<'a>(&'a self, ooda_loop: &'a Loop) -> impl Iterator<Item = &'a Section> {
        ooda_loop
            .sections
            .iter()
            .filter_map(|&index| self.sections.get(index))
    }

    /// The loop whose sections contain `offset`: `None` before the first loop section, and in
    /// sections that are not loop steps (Summary, Timeline, …).
    pub fn loop_at(&self, offset: u32) -> Option<&Loop> {
        let loop_index = self.section_at(offset)?.loop_index?;
        self.loops.get(loop_index)
    }

    /// The observations or the hypotheses, in order.
    pub fn definitions_of(&self, prefix: IdPrefix) -> impl Iterator<Item = &Definition> {
        self.definitions
            .iter()
            .filter(move |definition| definition.prefix == prefix)
    }
}

/// A label as compared: lowercase, words separated by one space (`Action  taken` is `action taken`).
fn normalize_label(label: &str) -> String {
    label
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]

    use incident_syntax::{IdPrefix, SectionKind, parse};

    use crate::{Incident, ModelOptions};

    const TWO_LOOPS: &str = "\
## Summary

H1 was wrong.

## Observe

- O1: errors

## Decide

- H1: a bad deploy [O1]

## Act

- H1 rejected: no deploy today
  - Action Taken: none

## Timeline

- 14:02 first errors

## Observe

- O2: disk full

## Decide

- H2: logs filled the disk [O2]
";

    fn build(text: &str) -> Incident {
        Incident::build(&parse(text), &ModelOptions::default())
    }

    #[test]
    fn loop_queries() {
        let incident = build(TWO_LOOPS);
        let second = &incident.loops[1];
        let kinds: Vec<SectionKind> = incident
            .loop_sections(second)
            .map(|section| section.kind)
            .collect();
        assert_eq!(kinds, [SectionKind::Observe, SectionKind::Decide]);
        let h2 = incident.definition("H2").unwrap();
        assert_eq!(
            incident.loop_at(h2.id.range.start()).map(|l| l.index),
            Some(1)
        );
        let h1 = incident.definition("H1").unwrap();
        assert_eq!(
            incident.loop_at(h1.id.range.start()).map(|l| l.index),
            Some(0)
        );
        let summary = incident.sections_of(SectionKind::Summary).next().unwrap();
        assert!(incident.loop_at(summary.range.start()).is_none());
        let timeline = incident.sections_of(SectionKind::Timeline).next().unwrap();
        assert!(incident.loop_at(timeline.range.start()).is_none());
    }

    #[test]
    fn definitions_by_prefix() {
        let incident = build(TWO_LOOPS);
        let hypotheses: Vec<&str> = incident
            .definitions_of(IdPrefix::Hypothesis)
            .map(|definition| definition.id.value.as_str())
            .collect();
        assert_eq!(hypotheses, ["H1", "H2"]);
        assert_eq!(incident.definitions_of(IdPrefix::Observation).count(), 2);
    }

    #[test]
    fn ranges_to_point_at() {
        let incident = build(TWO_LOOPS);
        let summary = &incident.sections[0];
        assert_eq!(&TWO_LOOPS[summary.name_range().to_usize()], "Summary");
        let empty = build("##\n\ntext\n");
        assert_eq!(
            &"##\n\ntext\n"[empty.sections[0].name_range().to_usize()],
            "##\n"
        );
        let verdict = &incident.verdicts[0];
        assert_eq!(&TWO_LOOPS[verdict.head_range().to_usize()], "H1 rejected");
    }

    #[test]
    fn detail_labels_ignore_case_and_spacing() {
        let incident = build(TWO_LOOPS);
        let detail = &incident.verdicts[0].details[0];
        assert!(detail.has_label("action taken"));
        assert!(detail.has_label("Action  Taken"));
        assert!(!detail.has_label("action"));
        assert!(!detail.has_label("evidence"));
    }
}
