//! Text that fixes insert: section skeletons placed where the method expects them, written
//! with the file's own line endings.

use incident_model::{Incident, Milestone, Section};
use incident_syntax::{IdPrefix, SectionKind, TextRange, line_ending};

use crate::diagnostic::Edit;

/// `value` as a front matter scalar: plain, or in double quotes when it holds a character
/// that YAML readers or the format would take for syntax (a comment, a key, a quote, a list).
pub fn front_matter_scalar(value: &str) -> String {
    if value.contains(['#', ':', '"', '\'']) || value.starts_with(['[', '{']) {
        format!("\"{}\"", value.replace('\\', "\\\\").replace('"', "\\\""))
    } else {
        value.to_owned()
    }
}

/// Joins `lines` with the file's line ending, ending with one.
pub(crate) fn lines(text: &str, lines: &[String]) -> String {
    let eol = line_ending(text);
    let mut out = String::new();
    for line in lines {
        out.push_str(line);
        out.push_str(eol);
    }
    out
}

/// An edit that inserts a whole section (`block`, ending with a line break) before the first
/// section of one of `before` kinds, or at the end of the file, with a blank line around it.
pub(crate) fn insert_section(
    text: &str,
    incident: &Incident,
    block: &str,
    before: &[SectionKind],
) -> Edit {
    let eol = line_ending(text);
    let next = incident
        .sections
        .iter()
        .find(|section| before.contains(&section.kind));
    match next {
        Some(section) => Edit::insert(section.range.start(), format!("{block}{eol}")),
        None => {
            let mut prefix = String::new();
            if !text.is_empty() && !text.ends_with('\n') && !text.ends_with('\r') {
                prefix.push_str(eol);
            }
            if !text.is_empty() && !text.ends_with(&format!("{eol}{eol}")) {
                prefix.push_str(eol);
            }
            Edit::insert(text.len() as u32, format!("{prefix}{block}"))
        }
    }
}

/// The sections that come after `kind` in a complete write-up, for placing a missing section.
pub(crate) fn sections_after(kind: SectionKind) -> Vec<SectionKind> {
    let position = SectionKind::KNOWN
        .iter()
        .position(|known| *known == kind)
        .unwrap_or(0);
    SectionKind::KNOWN
        .iter()
        .skip(position + 1)
        .copied()
        .collect()
}

/// The next free number for observation or hypothesis IDs.
pub(crate) fn next_id(incident: &Incident, prefix: IdPrefix) -> u32 {
    incident
        .definitions
        .iter()
        .filter(|definition| definition.prefix == prefix)
        .filter_map(|definition| definition.id.value.get(1..)?.parse::<u32>().ok())
        .max()
        .map_or(1, |max| max + 1)
}

/// Timeline entries for the milestones the front matter records, in order, or a single
/// entry to fill in when it records none.
pub(crate) fn timeline_entries(incident: &Incident) -> Vec<String> {
    let zone = &incident.timezone.zone;
    let started_day = incident
        .metadata
        .milestone(Milestone::Started)
        .map(|started| started.with_time_zone(zone.clone()).date());
    let entries: Vec<String> = Milestone::ALL
        .into_iter()
        .filter_map(|milestone| {
            let at = incident
                .metadata
                .milestone(milestone)?
                .with_time_zone(zone.clone());
            let time = if Some(at.date()) == started_day {
                at.strftime("%H:%M").to_string()
            } else {
                at.strftime("%Y-%m-%d %H:%M").to_string()
            };
            Some(format!(
                "- {time} incident {name} [{name}]",
                name = milestone.name()
            ))
        })
        .collect();
    if entries.is_empty() {
        vec!["- HH:MM first sign of trouble [started]".to_owned()]
    } else {
        entries
    }
}

/// The offset where the line that holds `offset` starts.
pub(crate) fn line_start(text: &str, offset: u32) -> u32 {
    text.get(..offset as usize)
        .and_then(|before| before.rfind(['\n', '\r']))
        .map_or(0, |line_break| line_break as u32 + 1)
}

/// The column of `offset` in its line, counted as the format measures indentation: a tab
/// advances to the next multiple of 4.
pub(crate) fn column(text: &str, offset: u32) -> usize {
    let before = text
        .get(line_start(text, offset) as usize..offset as usize)
        .unwrap_or_default();
    before.chars().fold(0, |column, c| {
        if c == '\t' {
            column + 4 - column % 4
        } else {
            column + 1
        }
    })
}

/// Lines to insert at `offset`, the end of an item or section: `block` (ending with a line
/// break), preceded by a line break when `offset` is not at the start of a line (the last line
/// of a file without one).
pub(crate) fn insert_lines_at(text: &str, offset: u32, block: &str) -> Edit {
    let at_line_start = offset == 0
        || text
            .get(..offset as usize)
            .is_some_and(|before| before.ends_with(['\n', '\r']));
    if at_line_start {
        Edit::insert(offset, block)
    } else {
        Edit::insert(offset, format!("{}{block}", line_ending(text)))
    }
}

/// An edit that inserts a missing section of `kind`: its heading, a blank line and `body`,
/// placed before the sections that follow `kind` in a complete write-up.
pub(crate) fn insert_missing_section(
    text: &str,
    incident: &Incident,
    kind: SectionKind,
    body: &[String],
) -> Edit {
    let mut block = vec![format!("## {}", kind.title()), String::new()];
    block.extend(body.iter().cloned());
    let block = lines(text, &block);
    insert_section(text, incident, &block, &sections_after(kind))
}

/// An edit that inserts `body` lines directly under the heading of `section`, with a blank
/// line before them and, unless the heading is followed by a blank line or nothing, one after
/// them, so that the text below does not continue the last inserted line.
pub(crate) fn insert_after_heading(text: &str, section: &Section, body: &[String]) -> Edit {
    let eol = line_ending(text);
    let offset = section.heading_range.end();
    let before = text.get(..offset as usize).unwrap_or_default();
    let after = text.get(offset as usize..).unwrap_or_default();
    let mut insert = String::new();
    if !before.is_empty() && !before.ends_with('\n') && !before.ends_with('\r') {
        insert.push_str(eol);
    }
    insert.push_str(eol);
    insert.push_str(&lines(text, body));
    let next_line = after.lines().next().unwrap_or_default();
    if !next_line.trim().is_empty() {
        insert.push_str(eol);
    }
    Edit::insert(offset, insert)
}

/// The first line of the file after a byte order mark, without its line ending: where a
/// front matter goes, and where findings about the whole document are reported when it has no
/// title. Empty at the start of an empty file.
pub(crate) fn first_line(text: &str) -> TextRange {
    let start = if text.starts_with('\u{feff}') {
        '\u{feff}'.len_utf8()
    } else {
        0
    };
    let line = text
        .get(start..)
        .and_then(|rest| rest.split(['\n', '\r']).next())
        .unwrap_or_default();
    TextRange::new(start as u32, (start + line.len()) as u32)
}

/// Reports a post-mortem section of `kind` that an incident which is over lacks, with a fix
/// that inserts the section with `placeholder` (a sentence to replace) in template order.
pub(crate) fn report_missing_post_mortem_section(
    cx: &mut crate::context::LintContext<'_>,
    kind: SectionKind,
    placeholder: &str,
    message: &str,
    help: &str,
) {
    let incident = cx.incident;
    if !cx.is_over() || incident.sections_of(kind).next().is_some() {
        return;
    }
    let edit = insert_missing_section(cx.text(), incident, kind, &[placeholder.to_owned()]);
    let article = if kind.title().starts_with(['A', 'E', 'I', 'O', 'U']) {
        "an"
    } else {
        "a"
    };
    cx.report(crate::query::document_anchor(cx), message)
        .help(help)
        .fix(crate::diagnostic::Fix {
            title: format!("insert {article} {} section to fill in", kind.title()),
            edits: vec![edit],
            applicability: crate::diagnostic::Applicability::Unsafe,
        });
}
