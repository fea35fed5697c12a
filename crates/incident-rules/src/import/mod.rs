//! The import of a Markdown post-mortem into the `.incident` format (`incident-lint import`).
//!
//! The Markdown is read the way the linter reads it, by the parser and the model, with the
//! configured section names, the headings of every preset, and, for headings neither knows,
//! the kind their words name. The import then edits that text, so that every word of it stays:
//! it adds the front matter the write-up states in prose, renames the headings of known
//! sections to the format's names, rewrites timeline tables, time headings and time
//! paragraphs into timeline list items, guesses the milestones, and turns action lists and
//! tables into task items.
//!
//! Whatever is a guess carries a comment that starts with [`REVIEW_MARK`], in the front matter
//! (`# import: ...`) or in the body (`<!-- import: ... -->`), for people to check.
//! The result is read again: every timeline entry must come back with the same time, or it is
//! written again with its full date and zone, or reported.

mod actions;
mod front_matter;
mod timeline;

use std::collections::{BTreeMap, BTreeSet, HashSet};

use incident_model::{Incident, ModelOptions};
use incident_syntax::{
    Parse, SectionKind, SectionTable, SyntaxError, TextRange, line_ending, normalize_heading,
    parse_with,
};

use crate::diagnostic::Edit;
use crate::fix::splice;
use crate::preset::PRESETS;
use crate::settings::Settings;
use crate::suggest::section_kind_by_words;

/// The word that starts every comment the import writes for people to review.
pub const REVIEW_MARK: &str = "import:";

/// How many times the import writes the text again with full dates and zones for the timeline
/// entries whose time did not read the same.
const MAX_ROUNDS: usize = 3;

/// The `.incident` text of a Markdown post-mortem, and what could not be carried over.
#[derive(Clone, Debug)]
pub struct Imported {
    /// The text in the `.incident` format.
    pub text: String,
    /// What the import could not map, in the Markdown text, in source order.
    pub unmapped: Vec<Unmapped>,
    /// The syntax errors left in [`Imported::text`], for people to fix there.
    pub syntax_errors: Vec<SyntaxError>,
}

/// The words of `markdown` that `imported` writes fewer times, each with how many times it is
/// written before and after: what an import would lose. Words are split at whitespace, without
/// the Markdown the import rewrites: table pipes and delimiter rows (`---`), the `###` of time
/// headings, the emphasis and brackets around times, and the parentheses, commas, semicolons
/// and colons of the `(owner: ..., due: ...)` group and the category that table cells move into.
pub fn lost_words(markdown: &str, imported: &str) -> Vec<(String, usize, usize)> {
    let before = word_counts(markdown);
    let after = word_counts(imported);
    before
        .into_iter()
        .filter_map(|(word, count)| {
            let kept = after.get(&word).copied().unwrap_or(0);
            (kept < count).then_some((word, count, kept))
        })
        .collect()
}

fn word_counts(text: &str) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for word in text.replace('|', " ").split_whitespace() {
        let word = word.trim_matches(['*', '_', '[', ']', '(', ')', ',', ';', ':']);
        let is_markup = word.chars().all(|c| matches!(c, '-' | ':' | '#'));
        if !is_markup {
            *counts.entry(word.to_owned()).or_default() += 1;
        }
    }
    counts
}

/// A part of the Markdown that the import kept as it was, or could not read, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unmapped {
    /// Where it is in the Markdown text.
    pub range: TextRange,
    /// What was not mapped and what to do, lowercase, without a trailing period.
    pub message: String,
}

/// Rewrites the Markdown post-mortem `text` into the `.incident` format.
///
/// `settings` are those of the Markdown file (its name gives the day of times written without
/// one); `output_file_name` is the name of the file the result is written to, whose model is
/// compared with the Markdown's.
pub fn import_markdown(
    text: &str,
    settings: &Settings,
    output_file_name: Option<&str>,
) -> Imported {
    let reading = ReadingTable::for_text(text, settings);
    let parse = parse_with(text, &reading.table);
    let incident = Incident::build(
        &parse,
        &model_options(settings, settings.file_name.as_deref()),
    );
    let cx = ImportContext {
        text,
        eol: line_ending(text),
        parse: &parse,
        incident: &incident,
        settings,
        guessed_sections: &reading.guessed,
    };
    let milestones = timeline::guess_milestones(&incident);
    let mut explicit = BTreeSet::new();
    let mut round = 0;
    loop {
        let mut edits = Vec::new();
        let mut unmapped = Vec::new();
        heading_edits(&cx, &mut edits, &mut unmapped);
        timeline::edits(&cx, &milestones, &explicit, &mut edits);
        actions::edits(&cx, &mut edits);
        front_matter::edits(&cx, &milestones, &mut edits, &mut unmapped);
        edits.sort_by_key(|edit| (edit.range.start(), edit.range.end()));
        let output = splice(text, &edits);
        let output_parse = parse_with(&output, &settings.sections);
        let output_incident =
            Incident::build(&output_parse, &model_options(settings, output_file_name));
        let mismatches = timeline::mismatches(&incident, &output_incident, &milestones);
        let new_mismatches: Vec<usize> = mismatches
            .iter()
            .filter_map(|mismatch| mismatch.entry)
            .filter(|entry| !explicit.contains(entry))
            .collect();
        round += 1;
        if new_mismatches.is_empty() || round > MAX_ROUNDS {
            unmapped.extend(mismatches.into_iter().map(|mismatch| mismatch.unmapped));
            unmapped.sort_by_key(|unmapped| (unmapped.range.start(), unmapped.range.end()));
            return Imported {
                text: output,
                unmapped,
                syntax_errors: output_parse.errors().to_vec(),
            };
        }
        explicit.extend(new_mismatches);
    }
}

/// What every part of the import reads.
struct ImportContext<'a> {
    text: &'a str,
    eol: &'static str,
    parse: &'a Parse,
    incident: &'a Incident,
    settings: &'a Settings,
    /// The normalized headings whose kind was guessed from their words.
    guessed_sections: &'a HashSet<String>,
}

impl ImportContext<'_> {
    fn slice(&self, range: TextRange) -> &str {
        self.text.get(range.to_usize()).unwrap_or_default()
    }

    /// The offset of the end of the line `offset` is on, before its line break.
    fn line_end(&self, offset: u32) -> u32 {
        let rest = self.text.get(offset as usize..).unwrap_or_default();
        offset + rest.find(['\n', '\r']).unwrap_or(rest.len()) as u32
    }

    /// The offset of the start of the line `offset` is on.
    fn line_start(&self, offset: u32) -> u32 {
        let before = self.text.get(..offset as usize).unwrap_or_default();
        before.rfind(['\n', '\r']).map_or(0, |idx| idx as u32 + 1)
    }

    /// Whether the text of `range` ends with a line break, which its replacement must keep.
    fn ends_with_line_break(&self, range: TextRange) -> bool {
        self.slice(range).ends_with(['\n', '\r'])
    }
}

fn model_options(settings: &Settings, file_name: Option<&str>) -> ModelOptions {
    ModelOptions {
        default_timezone: settings.default_timezone.clone(),
        file_name: file_name.map(str::to_owned),
    }
}

/// The section table the Markdown is read with: the configured one, then for the headings it
/// does not know, every preset's (presets never give one heading two kinds), then the kind
/// the words of a heading name.
struct ReadingTable {
    table: SectionTable,
    guessed: HashSet<String>,
}

impl ReadingTable {
    fn for_text(text: &str, settings: &Settings) -> ReadingTable {
        let mut table = settings.sections.clone();
        for preset in PRESETS {
            for (heading, kind) in preset.sections {
                if table.kind_of(heading) == SectionKind::Unknown {
                    table.add_alias(heading, *kind);
                }
            }
        }
        let mut guessed = HashSet::new();
        let first_reading = Incident::build(&parse_with(text, &table), &ModelOptions::default());
        for section in &first_reading.sections {
            let Some(name) = &section.name else {
                continue;
            };
            if section.kind != SectionKind::Unknown {
                continue;
            }
            if let Some(kind) = section_kind_by_words(&name.value) {
                table.add_alias(&name.value, kind);
                guessed.insert(normalize_heading(&name.value));
            }
        }
        ReadingTable { table, guessed }
    }
}

/// Renames the heading of each known section that the format's own names do not know:
/// `## Incident summary` becomes `## Summary (Incident summary)`, which the format reads as
/// a Summary and which keeps the heading's words. Headings of no known kind are reported.
fn heading_edits(cx: &ImportContext<'_>, edits: &mut Vec<Edit>, unmapped: &mut Vec<Unmapped>) {
    let format_table = SectionTable::default();
    for section in &cx.incident.sections {
        let Some(name) = &section.name else {
            continue;
        };
        match section.kind {
            SectionKind::Other => continue,
            SectionKind::Unknown => {
                unmapped.push(Unmapped {
                    range: name.range,
                    message: format!(
                        "section `{}` is of no kind the format or a preset knows: kept as written; name its kind in `[sections]` of `incident-lint.toml` and import again, or rename it",
                        name.value
                    ),
                });
                continue;
            }
            _ => {}
        }
        if format_table.kind_of(&name.value) == section.kind {
            continue;
        }
        let renamed = renamed_heading(&name.value, section.kind);
        if format_table.kind_of(&renamed) != section.kind {
            unmapped.push(Unmapped {
                range: name.range,
                message: format!(
                    "section `{}` reads as {} but could not be renamed: kept as written; rename it to `{}`",
                    name.value,
                    section.kind.title(),
                    section.kind.title()
                ),
            });
            continue;
        }
        edits.push(Edit::replace(name.range, renamed));
        if cx
            .guessed_sections
            .contains(&normalize_heading(&name.value))
        {
            // After the whole heading, so that a setext underline stays under its text.
            let comment = format!(
                "<!-- {REVIEW_MARK} section kind guessed from the heading `{}`; check it -->",
                name.value
            );
            let eol = cx.eol;
            let after_heading = if cx.ends_with_line_break(section.heading_range) {
                format!("{eol}{comment}{eol}")
            } else {
                format!("{eol}{eol}{comment}")
            };
            edits.push(Edit::insert(section.heading_range.end(), after_heading));
        }
    }
}

/// The format's name of `kind`, with the heading as written in parentheses, where the format
/// reads a note: `Root cause (Trigger)`, `Timeline (Chronology, all times UTC)`.
fn renamed_heading(heading: &str, kind: SectionKind) -> String {
    let heading = heading.trim().trim_end_matches(':').trim_end();
    let note = heading
        .strip_suffix(')')
        .and_then(|before| before.rfind('(').map(|open| (before, open)))
        .filter(|(_, open)| *open > 0);
    match note {
        Some((before, open)) => {
            let name = before.get(..open).unwrap_or_default().trim_end();
            let inner = before.get(open + 1..).unwrap_or_default();
            format!("{} ({name}, {inner})", kind.title())
        }
        None => format!("{} ({heading})", kind.title()),
    }
}

#[cfg(test)]
mod tests;
