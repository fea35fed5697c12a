//! Go to definition, find references and rename: for observation and hypothesis IDs (`O1`,
//! `H2`) within a file, and for incident IDs (`INC-…`) across the workspace folders.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;

use incident_model::Incident;
use incident_syntax::{LineIndex, Parse, TextRange, incident_ref_len};
use incident_workspace::{ConfigResolver, incident_files, read_incident_file};
use tower_lsp::jsonrpc::{Error, Result};
use tower_lsp::lsp_types::request::{GotoDefinition, PrepareRenameRequest, References, Rename};
use tower_lsp::lsp_types::*;

use crate::convert::{Converter, PositionEncoding};
use crate::handlers::{DocumentRequest, RequestContext, Snapshot};
use crate::workspace::{IdOccurrence, incident_id_occurrences};

impl DocumentRequest for GotoDefinition {
    fn document(params: &GotoDefinitionParams) -> &Url {
        &params.text_document_position_params.text_document.uri
    }

    fn answer(
        cx: &mut RequestContext,
        params: GotoDefinitionParams,
    ) -> Result<Option<GotoDefinitionResponse>> {
        let position = params.text_document_position_params.position;
        Ok(match target_at(&cx.snapshot, position) {
            Some(Target::Local(id)) => {
                local_definition(&cx.snapshot, &id).map(GotoDefinitionResponse::Scalar)
            }
            Some(Target::Incident(id)) => {
                let locations = incident_definitions(&cx.workspace.files(), &id);
                (!locations.is_empty()).then_some(GotoDefinitionResponse::Array(locations))
            }
            None => None,
        })
    }
}

impl DocumentRequest for References {
    fn document(params: &ReferenceParams) -> &Url {
        &params.text_document_position.text_document.uri
    }

    fn answer(cx: &mut RequestContext, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
        let position = params.text_document_position.position;
        let include_declaration = params.context.include_declaration;
        Ok(match target_at(&cx.snapshot, position) {
            Some(Target::Local(id)) => {
                Some(local_references(&cx.snapshot, &id, include_declaration))
            }
            Some(Target::Incident(id)) => Some(incident_references(
                &cx.workspace.files(),
                &id,
                include_declaration,
            )),
            None => None,
        })
    }
}

impl DocumentRequest for PrepareRenameRequest {
    fn document(params: &TextDocumentPositionParams) -> &Url {
        &params.text_document.uri
    }

    fn answer(
        cx: &mut RequestContext,
        params: TextDocumentPositionParams,
    ) -> Result<Option<PrepareRenameResponse>> {
        Ok(prepare_rename(&cx.snapshot, params.position))
    }
}

impl DocumentRequest for Rename {
    fn document(params: &RenameParams) -> &Url {
        &params.text_document_position.text_document.uri
    }

    fn answer(cx: &mut RequestContext, params: RenameParams) -> Result<Option<WorkspaceEdit>> {
        let position = params.text_document_position.position;
        match target_at(&cx.snapshot, position) {
            Some(Target::Local(id)) => local_rename(&cx.snapshot, &id, &params.new_name).map(Some),
            Some(Target::Incident(id)) => {
                incident_rename(&cx.workspace.files(), &id, &params.new_name).map(Some)
            }
            None => Ok(None),
        }
    }
}

/// What the cursor is on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// An observation or hypothesis ID of this file.
    Local(String),
    /// An incident ID, defined in some file's front matter.
    Incident(String),
}

/// The observation or hypothesis ID at `offset`: in a definition, a verdict or a reference.
pub fn local_id_at(incident: &Incident, offset: u32) -> Option<(String, TextRange)> {
    let definitions = incident
        .definitions
        .iter()
        .map(|definition| (&definition.id.value, definition.id.range));
    let verdicts = incident
        .verdicts
        .iter()
        .map(|verdict| (&verdict.hypothesis.value, verdict.hypothesis.range));
    let references = incident
        .references
        .iter()
        .map(|reference| (&reference.id, reference.range));
    definitions
        .chain(verdicts)
        .chain(references)
        .find(|(_, range)| range.contains_inclusive(offset))
        .map(|(id, range)| (id.clone(), range))
}

/// The incident ID at `offset`: the front matter's `id` or an `INC-…` mention.
pub fn incident_id_at(parse: &Parse, offset: u32) -> Option<IdOccurrence> {
    incident_id_occurrences(parse)
        .into_iter()
        .find(|occurrence| occurrence.range.contains_inclusive(offset))
}

/// What is at `position`.
pub fn target_at(snapshot: &Snapshot, position: Position) -> Option<Target> {
    let offset = snapshot.converter().offset(position);
    let analysis = &snapshot.analysis;
    if let Some((id, _)) = local_id_at(analysis.incident(), offset) {
        return Some(Target::Local(id));
    }
    incident_id_at(analysis.parse(), offset).map(|occurrence| Target::Incident(occurrence.id))
}

/// Every place `id` is written in the file, with whether it is a definition.
fn local_occurrences(incident: &Incident, id: &str) -> Vec<(TextRange, bool)> {
    let mut occurrences: Vec<(TextRange, bool)> = incident
        .definitions
        .iter()
        .filter(|definition| definition.id.value == id)
        .map(|definition| (definition.id.range, true))
        .chain(
            incident
                .verdicts_on(id)
                .map(|verdict| (verdict.hypothesis.range, false)),
        )
        .chain(
            incident
                .references_to(id)
                .map(|reference| (reference.range, false)),
        )
        .collect();
    occurrences.sort_by_key(|(range, _)| *range);
    occurrences.dedup();
    occurrences
}

/// Where `id` is defined in this file.
pub fn local_definition(snapshot: &Snapshot, id: &str) -> Option<Location> {
    let definition = snapshot.analysis.incident().definition(id)?;
    Some(Location::new(
        snapshot.uri.clone(),
        snapshot.converter().range(definition.id.range),
    ))
}

/// Where `id` is written in this file.
pub fn local_references(snapshot: &Snapshot, id: &str, include_declaration: bool) -> Vec<Location> {
    let converter = snapshot.converter();
    local_occurrences(snapshot.analysis.incident(), id)
        .into_iter()
        .filter(|(_, is_definition)| include_declaration || !is_definition)
        .map(|(range, _)| Location::new(snapshot.uri.clone(), converter.range(range)))
        .collect()
}

/// The range of the ID that a rename at `position` would change.
pub fn prepare_rename(snapshot: &Snapshot, position: Position) -> Option<PrepareRenameResponse> {
    let converter = snapshot.converter();
    let offset = converter.offset(position);
    let analysis = &snapshot.analysis;
    let range = local_id_at(analysis.incident(), offset)
        .map(|(_, range)| range)
        .or_else(|| incident_id_at(analysis.parse(), offset).map(|occurrence| occurrence.range))?;
    Some(PrepareRenameResponse::Range(converter.range(range)))
}

/// Renames `id` to `new_name` in this file: its definitions, verdicts and references.
pub fn local_rename(snapshot: &Snapshot, id: &str, new_name: &str) -> Result<WorkspaceEdit> {
    let new_name = new_name.trim();
    let same_kind = id.chars().next() == new_name.chars().next();
    let well_formed = incident_syntax::whole_word_id_len(new_name) == Some(new_name.len());
    if !same_kind || !well_formed {
        return Err(Error::invalid_params(format!(
            "`{new_name}` is not a valid new name for `{id}`: use `{}` and a number",
            id.get(..1).unwrap_or("O")
        )));
    }
    let incident = snapshot.analysis.incident();
    if new_name != id && incident.definition(new_name).is_some() {
        return Err(Error::invalid_params(format!(
            "`{new_name}` is already defined in this file"
        )));
    }
    let converter = snapshot.converter();
    let edits = local_occurrences(incident, id)
        .into_iter()
        .map(|(range, _)| TextEdit::new(converter.range(range), new_name.to_owned()))
        .collect();
    Ok(WorkspaceEdit {
        changes: Some(HashMap::from([(snapshot.uri.clone(), edits)])),
        ..Default::default()
    })
}

/// The incident files of the workspace, read when a request needs them.
#[derive(Clone, Debug)]
pub struct WorkspaceFiles {
    /// The workspace folders; without any, only open documents are searched.
    pub folders: Vec<PathBuf>,
    /// The open documents and their current text, which wins over the file on disk.
    pub open: Vec<(Url, String)>,
    /// The negotiated position encoding.
    pub encoding: PositionEncoding,
    /// The configurations, whose `include` and `exclude` say which files are incident files.
    pub configs: Arc<ConfigResolver>,
}

/// One file's incident IDs.
struct FileIds {
    uri: Url,
    text: String,
    index: LineIndex,
    occurrences: Vec<IdOccurrence>,
}

impl WorkspaceFiles {
    /// Every incident file with its occurrences of incident IDs.
    fn scan(&self) -> Vec<FileIds> {
        let mut files: Vec<(Url, String)> = self.open.clone();
        // Open documents, and files of a folder inside another folder, are read once.
        let mut seen: HashSet<PathBuf> = self
            .open
            .iter()
            .filter_map(|(uri, _)| uri.to_file_path().ok())
            .collect();
        for folder in &self.folders {
            for path in incident_files(folder, &self.configs) {
                if !seen.insert(path.clone()) {
                    continue;
                }
                let Some(text) = read_incident_file(&path) else {
                    continue;
                };
                if let Ok(uri) = Url::from_file_path(&path) {
                    files.push((uri, text));
                }
            }
        }
        files
            .into_iter()
            .map(|(uri, text)| {
                let parse = incident_syntax::parse(&text);
                let occurrences = incident_id_occurrences(&parse);
                let index = LineIndex::new(&text);
                FileIds {
                    uri,
                    text,
                    index,
                    occurrences,
                }
            })
            .collect()
    }

    fn locations(&self, id: &str, keep: impl Fn(&IdOccurrence) -> bool) -> Vec<Location> {
        let mut locations = Vec::new();
        for file in self.scan() {
            let converter = Converter::new(&file.text, &file.index, self.encoding);
            for occurrence in &file.occurrences {
                if occurrence.id == id && keep(occurrence) {
                    locations.push(Location::new(
                        file.uri.clone(),
                        converter.range(occurrence.range),
                    ));
                }
            }
        }
        locations
            .sort_by(|a, b| (a.uri.as_str(), a.range.start).cmp(&(b.uri.as_str(), b.range.start)));
        locations
    }
}

/// The front matters that define incident `id`.
pub fn incident_definitions(files: &WorkspaceFiles, id: &str) -> Vec<Location> {
    files.locations(id, |occurrence| occurrence.is_definition)
}

/// Every mention of incident `id` in the workspace (and its definitions, when asked).
pub fn incident_references(
    files: &WorkspaceFiles,
    id: &str,
    include_declaration: bool,
) -> Vec<Location> {
    files.locations(id, |occurrence| {
        include_declaration || !occurrence.is_definition
    })
}

/// Renames incident `id` in every file of the workspace: front matter and mentions.
pub fn incident_rename(files: &WorkspaceFiles, id: &str, new_name: &str) -> Result<WorkspaceEdit> {
    let new_name = new_name.trim();
    if incident_ref_len(new_name) != Some(new_name.len()) {
        return Err(Error::invalid_params(format!(
            "`{new_name}` is not an incident ID: write `INC-` and letters, digits and dashes"
        )));
    }
    let mut changes: HashMap<Url, Vec<TextEdit>> = HashMap::new();
    for location in files.locations(id, |_| true) {
        changes
            .entry(location.uri)
            .or_default()
            .push(TextEdit::new(location.range, new_name.to_owned()));
    }
    Ok(WorkspaceEdit {
        changes: Some(changes),
        ..Default::default()
    })
}
