//! `textDocument/completion`: what makes sense at the cursor, from the line's text and the model.
//!
//! - `## ` → section headings, the next loop step first (Observe, Orient, Decide, Act), then the
//!   post-mortem sections the file lacks;
//! - in the front matter, keys the file lacks, and values for `severity`, `status`, `timezone`
//!   and the milestone times;
//! - `- H` in an Act section → hypotheses, those without a verdict first; then the verdict words;
//! - `- O` / `- H` elsewhere → the next free number, as a new definition;
//! - `[O` / `[H` → references to what is defined;
//! - in a Timeline section, `- ` → the current time in the incident's timezone, and `[` at the end
//!   of an entry → milestone tags;
//! - on an empty line, a snippet for a whole Observe-Orient-Decide-Act loop, and in an Actions
//!   section one for an action item (plain text, with the placeholders' defaults, for clients
//!   without snippets).
//!
//! A value is replaced whole, also after the cursor, so accepting `SEV1` at `severity: |SEV2`
//! gives `severity: SEV1`.

use std::collections::HashSet;

use incident_model::{Incident, KNOWN_KEYS};
use incident_syntax::{IdPrefix, SectionKind};
use jiff::ZonedDateTime;
use jiff::tz::TimeZone;
use tower_lsp::jsonrpc::Result;
use tower_lsp::lsp_types::request::Completion;
use tower_lsp::lsp_types::*;

use crate::client_support::ClientSupport;
use crate::handlers::{DocumentRequest, RequestContext, Snapshot};

impl DocumentRequest for Completion {
    fn document(params: &CompletionParams) -> &Url {
        &params.text_document_position.text_document.uri
    }

    fn answer(
        cx: &mut RequestContext,
        params: CompletionParams,
    ) -> Result<Option<CompletionResponse>> {
        let now = ZonedDateTime::now();
        let position = params.text_document_position.position;
        let items = completion(&cx.snapshot, position, &now);
        Ok(Some(CompletionResponse::Array(items)))
    }
}

/// The completions at `position`, in the shape the client supports; `now` is the current time,
/// for timeline entries.
pub fn completion(
    snapshot: &Snapshot,
    position: Position,
    now: &ZonedDateTime,
) -> Vec<CompletionItem> {
    let mut items = items_at(snapshot, position, now);
    for item in &mut items {
        fit_to_client(item, &snapshot.client);
    }
    items
}

/// Rewrites what the client does not support: a kind it does not know becomes the nearest one
/// it knows, label details join the detail, and preselection goes.
fn fit_to_client(item: &mut CompletionItem, client: &ClientSupport) {
    item.kind = item.kind.and_then(|kind| client.completion_kind(kind));
    if !client.label_details {
        if let Some(details) = item.label_details.take() {
            let mut parts: Vec<String> = [details.detail, details.description]
                .into_iter()
                .flatten()
                .collect();
            parts.extend(item.detail.take());
            item.detail = (!parts.is_empty()).then(|| parts.join(": "));
        }
    }
    if !client.preselect {
        item.preselect = None;
    }
}

/// Every completion at `position`, with the kinds and details the server would like to send.
fn items_at(snapshot: &Snapshot, position: Position, now: &ZonedDateTime) -> Vec<CompletionItem> {
    let Some(cx) = Cursor::new(snapshot, position) else {
        return Vec::new();
    };
    if cx.in_front_matter() {
        return front_matter(&cx, now);
    }
    if let Some(partial) = heading_partial(cx.before) {
        return sections(&cx, partial);
    }
    if let Some(items) = references(&cx) {
        return items;
    }
    let mut items = Vec::new();
    let kind = cx.section_kind();
    if let Some(item) = list_item(cx.before) {
        match kind {
            Some(SectionKind::Timeline) if item.top_level => {
                if item.rest.is_empty() {
                    items.extend(current_time(&cx, now));
                } else if let Some(tag) = milestone_partial(item.rest) {
                    items.extend(milestone_tags(&cx, tag));
                }
            }
            Some(SectionKind::Act) if is_id_partial(item.rest, 'H') => {
                items.extend(verdict_ids(&cx, item.rest));
            }
            Some(SectionKind::Act) => {
                if let Some(word) = verdict_word_partial(item.rest) {
                    items.extend(verdict_words(&cx, word));
                }
            }
            Some(SectionKind::Actions) if item.top_level && item.rest.is_empty() => {
                items.push(action_snippet(&cx, cx.line_start + item.marker_offset));
            }
            _ => {}
        }
        if !matches!(
            kind,
            Some(SectionKind::Timeline | SectionKind::Actions | SectionKind::Act)
        ) {
            for letter in ['O', 'H'] {
                if is_id_partial(item.rest, letter) {
                    items.extend(next_free_id(&cx, letter, item.rest));
                }
            }
        }
        return items;
    }
    // Snippets on an empty line, or while a word is typed at its start (`ooda`, `action`).
    let word_at_line_start = cx
        .before
        .chars()
        .all(|ch| ch.is_ascii_alphabetic() || ch == '-');
    if word_at_line_start {
        items.push(loop_snippet(&cx));
        if kind == Some(SectionKind::Actions) {
            items.push(action_snippet(&cx, cx.line_start));
        }
    }
    items
}

/// The cursor, with the text of its line before it.
struct Cursor<'a> {
    snapshot: &'a Snapshot,
    offset: u32,
    line_start: u32,
    before: &'a str,
    /// The text of its line after it, without the line break.
    after: &'a str,
}

impl<'a> Cursor<'a> {
    fn new(snapshot: &'a Snapshot, position: Position) -> Option<Cursor<'a>> {
        let converter = snapshot.converter();
        let offset = converter.offset(position);
        let line = converter.index().line_of(offset);
        let line_start = converter.index().line_start(line)?;
        let before = snapshot.text().get(line_start as usize..offset as usize)?;
        let rest = snapshot.text().get(offset as usize..)?;
        let after = rest
            .split('\n')
            .next()
            .unwrap_or_default()
            .trim_end_matches('\r');
        Some(Cursor {
            snapshot,
            offset,
            line_start,
            before,
            after,
        })
    }

    fn incident(&self) -> &'a Incident {
        self.snapshot.analysis.incident()
    }

    fn in_front_matter(&self) -> bool {
        self.incident()
            .metadata
            .range
            .is_some_and(|range| range.start() < self.line_start && self.offset <= range.end())
            && !matches!(self.before.trim_end(), "---" | "...")
    }

    /// The kind of the section the cursor is in (the last one starting before its line).
    fn section_kind(&self) -> Option<SectionKind> {
        self.incident()
            .sections
            .iter()
            .rfind(|section| section.range.start() < self.line_start)
            .map(|section| section.kind)
    }

    /// An edit replacing `start..cursor` with `text`.
    fn edit_from(&self, start: u32, text: String) -> CompletionTextEdit {
        self.edit_between(start, self.offset, text)
    }

    /// An edit replacing `start..end` with `text`.
    fn edit_between(&self, start: u32, end: u32, text: String) -> CompletionTextEdit {
        let converter = self.snapshot.converter();
        CompletionTextEdit::Edit(TextEdit::new(
            Range::new(converter.position(start), converter.position(end)),
            text,
        ))
    }

    /// Whether a front matter field starts on the cursor's line (it is the one being edited).
    fn is_on_cursor_line(&self, range: incident_syntax::TextRange) -> bool {
        (self.line_start..=self.offset).contains(&range.start())
    }

    /// The offset where the last `length` bytes before the cursor start.
    fn back(&self, length: usize) -> u32 {
        self.offset.saturating_sub(length as u32)
    }
}

fn item(
    cx: &Cursor<'_>,
    label: String,
    kind: CompletionItemKind,
    replace_from: u32,
    insert: String,
) -> CompletionItem {
    CompletionItem {
        filter_text: Some(label.clone()),
        label,
        kind: Some(kind),
        text_edit: Some(cx.edit_from(replace_from, insert)),
        ..Default::default()
    }
}

fn ranked(mut items: Vec<CompletionItem>) -> Vec<CompletionItem> {
    for (rank, item) in items.iter_mut().enumerate() {
        item.sort_text = Some(format!("{rank:03}"));
        item.preselect = (rank == 0).then_some(true);
    }
    items
}

/// The section name typed so far after `## `, if the line is a level-2 heading.
fn heading_partial(before: &str) -> Option<&str> {
    let rest = before.strip_prefix("##")?;
    if rest.starts_with('#') {
        return None;
    }
    let partial = rest.trim_start();
    (rest.len() > partial.len() || rest.is_empty()).then_some(partial)
}

fn sections(cx: &Cursor<'_>, partial: &str) -> Vec<CompletionItem> {
    let incident = cx.incident();
    let others: Vec<_> = incident
        .sections
        .iter()
        .filter(|section| !section.heading_range.contains_inclusive(cx.offset))
        .collect();
    let previous_step = others
        .iter()
        .filter(|section| section.range.start() < cx.line_start && section.kind.is_loop_step())
        .map(|section| section.kind)
        .next_back();
    let next_step = match previous_step {
        Some(SectionKind::Observe) => SectionKind::Orient,
        Some(SectionKind::Orient) => SectionKind::Decide,
        Some(SectionKind::Decide) => SectionKind::Act,
        _ => SectionKind::Observe,
    };
    let present: HashSet<SectionKind> = others.iter().map(|section| section.kind).collect();
    let mut order = vec![next_step];
    // A recorded investigation states the cause in its confirmed hypothesis, so a Root cause
    // section is offered as missing only in a plain post-mortem.
    let investigated = present.iter().any(|kind| kind.is_loop_step());
    let missing_post_mortem = SectionKind::KNOWN.into_iter().filter(|kind| {
        let offered_later = kind.is_loop_step() || present.contains(kind);
        let answered_by_verdicts = investigated && *kind == SectionKind::Cause;
        !(offered_later || answered_by_verdicts)
    });
    order.extend(missing_post_mortem);
    order.extend(
        SectionKind::KNOWN
            .into_iter()
            .filter(|kind| kind.is_loop_step() && *kind != next_step),
    );
    order.extend(
        SectionKind::KNOWN
            .into_iter()
            .filter(|kind| !kind.is_loop_step() && present.contains(kind)),
    );
    let start = cx.back(partial.len());
    // Right after `##` (the `#` trigger), the heading still needs its space.
    let separator = if cx.before.ends_with('#') { " " } else { "" };
    let items = order
        .into_iter()
        .map(|kind| {
            let mut completion = item(
                cx,
                kind.title().to_owned(),
                CompletionItemKind::MODULE,
                start,
                format!("{separator}{}", kind.title()),
            );
            completion.detail = Some(section_detail(kind).to_owned());
            completion
        })
        .collect();
    ranked(items)
}

fn section_detail(kind: SectionKind) -> &'static str {
    match kind {
        SectionKind::Summary => "what happened, in a few sentences",
        SectionKind::Impact => "who and what was affected, how much, for how long",
        SectionKind::Observe => "what is up, what is down, what the signals say (O1, O2, ...)",
        SectionKind::Orient => "what changed, what was expected, the story",
        SectionKind::Decide => "a hypothesis to test (H1, H2, ...)",
        SectionKind::Act => "the test and its verdict: confirmed or rejected",
        SectionKind::Timeline => "when things happened, with milestone tags",
        SectionKind::Actions => "follow-up actions with owners and due dates",
        SectionKind::Lessons => "what the team learned",
        SectionKind::Cause => "why it broke, as the investigation found it",
        SectionKind::Other | SectionKind::Unknown => "",
    }
}

fn front_matter(cx: &Cursor<'_>, now: &ZonedDateTime) -> Vec<CompletionItem> {
    let before = cx.before;
    let is_key_char = |ch: char| ch.is_ascii_alphanumeric() || ch == '_' || ch == '-';
    if before.chars().all(is_key_char) {
        let present: HashSet<&str> = cx
            .incident()
            .metadata
            .fields
            .iter()
            .filter(|field| !cx.is_on_cursor_line(field.range))
            .map(|field| field.key.value.as_str())
            .collect();
        let items = KNOWN_KEYS
            .into_iter()
            .filter(|key| !present.contains(key))
            .map(|key| {
                let mut completion = item(
                    cx,
                    key.to_owned(),
                    CompletionItemKind::PROPERTY,
                    cx.line_start,
                    format!("{key}: "),
                );
                completion.detail = Some(key_detail(key).to_owned());
                completion
            })
            .collect();
        return ranked(items);
    }
    let Some((key, value)) = before.split_once(':') else {
        return Vec::new();
    };
    if !key.chars().all(is_key_char) || value.contains(['[', '#']) {
        return Vec::new();
    }
    let partial = value.trim_start();
    let start = cx.back(partial.len());
    // The whole value is replaced, also the part after the cursor (`severity: |SEV2`).
    let end = cx.offset + cx.after.trim_end().len() as u32;
    let settings = &cx.snapshot.analysis.settings;
    let values: Vec<(String, Option<String>)> = match key {
        "severity" => settings
            .severities
            .iter()
            .map(|value| (value.clone(), None))
            .collect(),
        "status" => settings
            .statuses
            .iter()
            .map(|value| (value.clone(), None))
            .collect(),
        "timezone" => timezone_names(partial),
        "started" | "detected" | "mitigated" | "resolved" => {
            let zone = &cx.incident().timezone;
            let local = now.with_time_zone(zone.zone.clone());
            vec![(
                local.strftime("%Y-%m-%d %H:%M").to_string(),
                Some(format!("now, in {}", zone.name)),
            )]
        }
        _ => Vec::new(),
    };
    let kind = if key == "timezone" {
        CompletionItemKind::CONSTANT
    } else {
        CompletionItemKind::ENUM_MEMBER
    };
    let separator = if value.is_empty() { " " } else { "" };
    let items = values
        .into_iter()
        .map(|(value, detail)| {
            let mut completion = item(cx, value.clone(), kind, start, String::new());
            completion.text_edit = Some(cx.edit_between(start, end, format!("{separator}{value}")));
            completion.detail = detail;
            completion
        })
        .collect();
    ranked(items)
}

fn key_detail(key: &str) -> &'static str {
    match key {
        "id" => "identifier other incidents refer to, such as INC-2026-042",
        "title" => "one-line title",
        "severity" => "how bad the incident was",
        "status" => "where the incident stands",
        "timezone" => "zone of times written without an offset",
        "started" => "when the problem began",
        "detected" => "when someone or something noticed it",
        "mitigated" => "when the impact was stopped or reduced",
        "resolved" => "when the system was back to normal",
        "services" => "services affected",
        "authors" => "people who wrote the document",
        _ => "",
    }
}

/// `UTC` and the IANA zone names that start with what was typed (all when nothing was).
fn timezone_names(partial: &str) -> Vec<(String, Option<String>)> {
    let lowercase = partial.to_ascii_lowercase();
    let mut names: Vec<String> = jiff::tz::db()
        .available()
        .map(|name| name.as_str().to_owned())
        .filter(|name| name.to_ascii_lowercase().contains(&lowercase))
        .collect();
    names.sort();
    names.dedup();
    if let Some(utc) = names.iter().position(|name| name == "UTC") {
        names.remove(utc);
    }
    let mut values = vec![("UTC".to_owned(), None)];
    values.extend(names.into_iter().map(|name| (name, None)));
    if !lowercase.is_empty() && !"utc".contains(&lowercase) {
        values.remove(0);
    }
    values
}

/// A list item's first line before the cursor.
struct ItemPrefix<'a> {
    /// Whether the marker is indented at most 3 columns (an item of the section itself).
    top_level: bool,
    /// Where the marker starts, relative to the line.
    marker_offset: u32,
    /// The text after the marker and its space.
    rest: &'a str,
}

fn list_item(before: &str) -> Option<ItemPrefix<'_>> {
    let trimmed = before.trim_start_matches([' ', '\t']);
    let indentation = before.len() - trimmed.len();
    let rest = trimmed.strip_prefix(['-', '*', '+'])?;
    let content = rest.strip_prefix([' ', '\t'])?;
    Some(ItemPrefix {
        top_level: indentation <= 3 && !before.starts_with('\t'),
        marker_offset: indentation as u32,
        rest: content.trim_start_matches([' ', '\t']),
    })
}

/// Whether `text` is `letter` followed by digits only (`H`, `H1`).
fn is_id_partial(text: &str, letter: char) -> bool {
    text.strip_prefix(letter)
        .is_some_and(|digits| digits.chars().all(|ch| ch.is_ascii_digit()))
}

fn prefix_of(letter: char) -> IdPrefix {
    if letter == 'O' {
        IdPrefix::Observation
    } else {
        IdPrefix::Hypothesis
    }
}

fn id_number(id: &str) -> Option<u32> {
    id.get(1..)?.parse().ok()
}

fn next_free_number(incident: &Incident, letter: char) -> u32 {
    incident
        .definitions_of(prefix_of(letter))
        .filter_map(|definition| id_number(&definition.id.value))
        .max()
        .unwrap_or(0)
        .saturating_add(1)
}

fn next_free_id(cx: &Cursor<'_>, letter: char, typed: &str) -> Vec<CompletionItem> {
    let id = format!("{letter}{}", next_free_number(cx.incident(), letter));
    let what = if letter == 'O' {
        "a new observation"
    } else {
        "a new hypothesis"
    };
    let mut completion = item(
        cx,
        id.clone(),
        CompletionItemKind::VARIABLE,
        cx.back(typed.len()),
        format!("{id}: "),
    );
    completion.detail = Some(what.to_owned());
    ranked(vec![completion])
}

fn verdict_ids(cx: &Cursor<'_>, typed: &str) -> Vec<CompletionItem> {
    let incident = cx.incident();
    let mut hypotheses: Vec<_> = incident
        .definitions_of(IdPrefix::Hypothesis)
        .filter(|definition| definition.id.value.starts_with(typed))
        .collect();
    // Hypotheses without a verdict come first, in the order they were written.
    hypotheses
        .sort_by_key(|definition| incident.verdicts_on(&definition.id.value).next().is_some());
    let mut seen = HashSet::new();
    let items = hypotheses
        .into_iter()
        .filter(|definition| seen.insert(definition.id.value.clone()))
        .map(|definition| {
            let id = definition.id.value.clone();
            let tested = incident.verdicts_on(&id).next().is_some();
            let mut completion = item(
                cx,
                id.clone(),
                CompletionItemKind::VARIABLE,
                cx.back(typed.len()),
                format!("{id} "),
            );
            completion.detail = definition.text.as_ref().map(|text| text.value.clone());
            completion.label_details = Some(CompletionItemLabelDetails {
                detail: None,
                description: Some(if tested { "has a verdict" } else { "untested" }.to_owned()),
            });
            completion
        })
        .collect();
    ranked(items)
}

/// The verdict word typed so far after `H<n> `.
fn verdict_word_partial(rest: &str) -> Option<&str> {
    let (id, word) = rest.split_once(' ')?;
    let word = word.trim_start();
    (is_id_partial(id, 'H') && id.len() > 1 && word.chars().all(|ch| ch.is_ascii_alphabetic()))
        .then_some(word)
}

fn verdict_words(cx: &Cursor<'_>, typed: &str) -> Vec<CompletionItem> {
    let items = incident_syntax::vocabulary::VERDICT_WORDS
        .into_iter()
        .map(|word| {
            item(
                cx,
                word.to_owned(),
                CompletionItemKind::KEYWORD,
                cx.back(typed.len()),
                format!("{word}: "),
            )
        })
        .collect();
    ranked(items)
}

/// The reference list being typed after `[`: the IDs typed so far and the partial one.
fn references(cx: &Cursor<'_>) -> Option<Vec<CompletionItem>> {
    let open = cx.before.rfind('[')?;
    let inside = cx.before.get(open + 1..)?;
    if inside.contains(']') {
        return None;
    }
    let partial = inside.rsplit(',').next().unwrap_or(inside).trim_start();
    let complete_ids_before = inside
        .split(',')
        .rev()
        .skip(1)
        .all(|part| is_id_partial(part.trim(), 'O') || is_id_partial(part.trim(), 'H'));
    let letter = partial.chars().next();
    let partial_ok = match letter {
        Some('O' | 'H') => partial.chars().skip(1).all(|ch| ch.is_ascii_digit()),
        _ => false,
    };
    if !complete_ids_before || !partial_ok {
        return None;
    }
    let incident = cx.incident();
    let mut seen = HashSet::new();
    let items = incident
        .definitions
        .iter()
        .filter(|definition| definition.id.value.starts_with(partial))
        .filter(|definition| seen.insert(definition.id.value.clone()))
        .map(|definition| {
            let id = definition.id.value.clone();
            let mut completion = item(
                cx,
                id.clone(),
                CompletionItemKind::REFERENCE,
                cx.back(partial.len()),
                id,
            );
            completion.detail = definition.text.as_ref().map(|text| text.value.clone());
            completion
        })
        .collect();
    Some(ranked(items))
}

fn current_time(cx: &Cursor<'_>, now: &ZonedDateTime) -> Vec<CompletionItem> {
    let incident = cx.incident();
    let zone: &TimeZone = &incident.timezone.zone;
    let local = now.with_time_zone(zone.clone());
    let started_day = incident
        .metadata
        .milestone(incident_model::Milestone::Started)
        .map(|started| started.with_time_zone(zone.clone()).date());
    let format = if started_day.is_none_or(|day| day == local.date()) {
        "%H:%M"
    } else {
        "%Y-%m-%d %H:%M"
    };
    let time = local.strftime(format).to_string();
    let mut completion = item(
        cx,
        time.clone(),
        CompletionItemKind::VALUE,
        cx.offset,
        format!("{time} "),
    );
    completion.detail = Some(format!("now, in {}", incident.timezone.name));
    ranked(vec![completion])
}

/// The milestone tag typed so far after a final `[`.
fn milestone_partial(rest: &str) -> Option<&str> {
    let (_, tag) = rest.rsplit_once('[')?;
    let tag = tag.trim_start();
    tag.chars()
        .all(|ch| ch.is_ascii_alphabetic())
        .then_some(tag)
}

fn milestone_tags(cx: &Cursor<'_>, typed: &str) -> Vec<CompletionItem> {
    let incident = cx.incident();
    let tagged: HashSet<_> = incident
        .timeline
        .iter()
        .filter_map(|entry| entry.milestone.as_ref().map(|tag| tag.value))
        .collect();
    let mut milestones: Vec<_> = incident_model::Milestone::ALL.into_iter().collect();
    milestones.sort_by_key(|milestone| tagged.contains(milestone));
    let items = milestones
        .into_iter()
        .map(|milestone| {
            let name = milestone.name();
            let mut completion = item(
                cx,
                name.to_owned(),
                CompletionItemKind::ENUM_MEMBER,
                cx.back(typed.len()),
                format!("{name}]"),
            );
            if tagged.contains(&milestone) {
                completion.detail = Some("already tagged in the timeline".to_owned());
            }
            completion
        })
        .collect();
    ranked(items)
}

/// A snippet, or for clients without snippets the same text with each placeholder's default.
fn snippet(cx: &Cursor<'_>, label: &str, detail: &str, start: u32, body: String) -> CompletionItem {
    let (format, text) = if cx.snapshot.client.snippets {
        (InsertTextFormat::SNIPPET, body)
    } else {
        (InsertTextFormat::PLAIN_TEXT, without_placeholders(&body))
    };
    CompletionItem {
        label: label.to_owned(),
        kind: Some(CompletionItemKind::SNIPPET),
        detail: Some(detail.to_owned()),
        insert_text_format: Some(format),
        text_edit: Some(cx.edit_from(start, text)),
        sort_text: Some(format!("z{label}")),
        ..Default::default()
    }
}

/// A snippet body as plain text: `${1:text}` becomes `text`, `${1|a,b|}` becomes `a`, and `$1`
/// goes away.
fn without_placeholders(body: &str) -> String {
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    while let Some(dollar) = rest.find('$') {
        out.push_str(rest.get(..dollar).unwrap_or_default());
        let after = rest.get(dollar + 1..).unwrap_or_default();
        if let Some(inner) = after.strip_prefix('{') {
            let Some(close) = inner.find('}') else {
                out.push_str(rest.get(dollar..).unwrap_or_default());
                return out;
            };
            let placeholder = inner.get(..close).unwrap_or_default();
            let tabstop_end = placeholder
                .find(|ch: char| !ch.is_ascii_digit())
                .unwrap_or(placeholder.len());
            let value = placeholder.get(tabstop_end..).unwrap_or_default();
            let default = if let Some(text) = value.strip_prefix(':') {
                text
            } else if let Some(choices) = value.strip_prefix('|') {
                choices.split([',', '|']).next().unwrap_or_default()
            } else {
                ""
            };
            out.push_str(default);
            rest = inner.get(close + 1..).unwrap_or_default();
        } else {
            let digits = after
                .find(|ch: char| !ch.is_ascii_digit())
                .unwrap_or(after.len());
            if digits == 0 {
                out.push('$');
            }
            rest = after.get(digits..).unwrap_or_default();
        }
    }
    out.push_str(rest);
    out
}

fn loop_snippet(cx: &Cursor<'_>) -> CompletionItem {
    let incident = cx.incident();
    let observation = format!("O{}", next_free_number(incident, 'O'));
    let hypothesis = format!("H{}", next_free_number(incident, 'H'));
    let body = format!(
        "## Observe\n\n\
         - up: ${{1:services}}\n\
         - down: ${{2:services}}\n\
         - {observation}: ${{3:what the logs, alerts and dashboards say}}\n\n\
         ## Orient\n\n\
         - changed: ${{4:what changed recently}}\n\
         - expected: ${{5:what should have happened}}\n\n\
         ## Decide\n\n\
         - {hypothesis}: ${{6:the hypothesis}} [{observation}]\n\n\
         ## Act\n\n\
         - {hypothesis} ${{7|confirmed,rejected|}}: ${{8:the reason}}\n"
    );
    snippet(
        cx,
        "ooda-loop",
        "Observe, Orient, Decide and Act sections",
        cx.line_start,
        body,
    )
}

fn action_snippet(cx: &Cursor<'_>, start: u32) -> CompletionItem {
    let body = "- [ ] ${1|prevent,detect,clarify,automate,mitigate|}: ${2:what to do} (owner: ${3:@team}, due: ${4:YYYY-MM-DD})".to_owned();
    snippet(
        cx,
        "action-item",
        "a follow-up action with category, owner and due date",
        start,
        body,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_become_their_defaults() {
        assert_eq!(
            without_placeholders("- [ ] ${1|prevent,detect|}: ${2:what to do} $3(x)"),
            "- [ ] prevent: what to do (x)"
        );
        assert_eq!(
            without_placeholders("costs $ 5 and ${unclosed"),
            "costs $ 5 and ${unclosed"
        );
    }
}
