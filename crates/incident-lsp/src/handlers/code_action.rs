//! `textDocument/codeAction`: each diagnostic's fix as a quick fix, "disable this rule for this
//! line", and `source.fixAll.incident-lint` for every safe fix at once.
//!
//! Fixing everything means applying fixes until the text stops changing, which costs a check
//! per round, so a client that resolves code actions gets "fix all" without its edit and with
//! `data` naming the document and its version; `codeAction/resolve` ([`resolve`]) computes the
//! edit when the action is chosen, against the document's current text. Clients that do not
//! resolve edits get it inline.

use std::collections::HashMap;

use incident_rules::{Applicability, Diagnostic, fix_until_stable};
use incident_syntax::TextRange;
use serde_json::Value;
use tower_lsp::jsonrpc::Result;
use tower_lsp::lsp_types::request::CodeActionRequest;
use tower_lsp::lsp_types::*;
use tracing::debug;

use crate::convert::minimal_edit;
use crate::handlers::{DocumentRequest, RequestContext, Snapshot};

/// The kind of the action that applies every safe fix.
pub const FIX_ALL_KIND: &str = "source.fixAll.incident-lint";

impl DocumentRequest for CodeActionRequest {
    fn document(params: &CodeActionParams) -> &Url {
        &params.text_document.uri
    }

    fn answer(
        cx: &mut RequestContext,
        params: CodeActionParams,
    ) -> Result<Option<CodeActionResponse>> {
        Ok(Some(code_actions(&cx.snapshot, &params)))
    }
}

/// The code actions for `params.range`: none for a client without code action literals (the
/// server does not announce code actions to it).
pub fn code_actions(snapshot: &Snapshot, params: &CodeActionParams) -> Vec<CodeActionOrCommand> {
    if !snapshot.client.code_action_literals {
        return Vec::new();
    }
    let converter = snapshot.converter();
    let start = converter.offset(params.range.start);
    let end = converter.offset(params.range.end);
    let requested = TextRange::new(start.min(end), start.max(end));
    let only = params.context.only.as_deref();
    let wants = |kind: &str| {
        only.is_none_or(|only| {
            only.iter().any(|wanted| {
                let wanted = wanted.as_str();
                kind == wanted || kind.starts_with(&format!("{wanted}."))
            })
        })
    };
    let mut actions = Vec::new();
    if wants(CodeActionKind::QUICKFIX.as_str()) {
        for diagnostic in snapshot.analysis.diagnostics() {
            let range = diagnostic.range;
            let touches = range.start() <= requested.end() && requested.start() <= range.end();
            if !touches {
                continue;
            }
            let lsp_diagnostic = converter.diagnostic(&snapshot.uri, diagnostic, &snapshot.client);
            if let Some(action) = quick_fix(snapshot, diagnostic, &lsp_diagnostic) {
                actions.push(CodeActionOrCommand::CodeAction(action));
            }
            if let Some(action) = disable_for_line(snapshot, diagnostic, &lsp_diagnostic) {
                actions.push(CodeActionOrCommand::CodeAction(action));
            }
        }
    }
    if wants(FIX_ALL_KIND) {
        if let Some(action) = fix_all(snapshot) {
            actions.push(CodeActionOrCommand::CodeAction(action));
        }
    }
    actions
}

/// The document that an action offered without its edit is for, from its `data`.
pub fn resolve_target(action: &CodeAction) -> std::result::Result<Url, String> {
    let uri = action
        .data
        .as_ref()
        .and_then(|data| data.get("uri"))
        .and_then(Value::as_str)
        .ok_or_else(|| {
            format!(
                "codeAction/resolve: the action `{}` has no `data.uri`; send the action as the server offered it",
                action.title
            )
        })?;
    Url::parse(uri).map_err(|error| format!("codeAction/resolve: `{uri}` is not a URI: {error}"))
}

/// `codeAction/resolve`: the action with its edit, computed against the document's current
/// text (also when it changed since the action was offered). Actions that came with their edit
/// are returned as they are.
pub fn resolve(snapshot: &Snapshot, mut action: CodeAction) -> CodeAction {
    if action.edit.is_some()
        || action.kind.as_ref().map(CodeActionKind::as_str) != Some(FIX_ALL_KIND)
    {
        return action;
    }
    let offered_for = action
        .data
        .as_ref()
        .and_then(|data| data.get("version"))
        .and_then(Value::as_i64);
    if offered_for != Some(i64::from(snapshot.analysis.version)) {
        debug!(
            "codeAction/resolve: {} changed since version {offered_for:?}; fixing version {}",
            snapshot.uri, snapshot.analysis.version
        );
    }
    // Nothing left to fix is an empty edit: the client asked for this action's edit.
    let edits = fix_all_edit(snapshot).into_iter().collect();
    action.edit = Some(workspace_edit(snapshot, edits));
    action
}

fn workspace_edit(snapshot: &Snapshot, edits: Vec<TextEdit>) -> WorkspaceEdit {
    WorkspaceEdit {
        changes: Some(HashMap::from([(snapshot.uri.clone(), edits)])),
        ..Default::default()
    }
}

fn quick_fix(
    snapshot: &Snapshot,
    diagnostic: &Diagnostic,
    lsp_diagnostic: &lsp_types_diagnostic::Diagnostic,
) -> Option<CodeAction> {
    let fix = diagnostic.fix.as_ref()?;
    let converter = snapshot.converter();
    let edits = fix
        .edits
        .iter()
        .map(|edit| converter.text_edit(edit))
        .collect();
    let safe = fix.applicability == Applicability::Safe;
    let title = if safe {
        capitalize(&fix.title)
    } else {
        format!("{} (unsafe: review it)", capitalize(&fix.title))
    };
    Some(CodeAction {
        title,
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![lsp_diagnostic.clone()]),
        edit: Some(workspace_edit(snapshot, edits)),
        is_preferred: preferred(snapshot, safe),
        ..Default::default()
    })
}

/// `<!-- incident-lint disable-next-line <rule> -->` above the line where the diagnostic
/// starts, with that line's indentation. Not offered for syntax errors, which directives do
/// not hide, nor inside the front matter, where a comment block would break it.
fn disable_for_line(
    snapshot: &Snapshot,
    diagnostic: &Diagnostic,
    lsp_diagnostic: &lsp_types_diagnostic::Diagnostic,
) -> Option<CodeAction> {
    if diagnostic.code() == "INC000" {
        return None;
    }
    let incident = snapshot.analysis.incident();
    let start = diagnostic.range.start();
    if incident
        .metadata
        .range
        .is_some_and(|front_matter| front_matter.contains_inclusive(start))
    {
        return None;
    }
    let converter = snapshot.converter();
    let line = converter.index().line_of(start);
    let line_range = converter.line_range(line)?;
    let line_text = snapshot.text().get(line_range.to_usize())?;
    let indentation: String = line_text
        .chars()
        .take_while(|ch| *ch == ' ' || *ch == '\t')
        .collect();
    let line_break = line_break_of(snapshot.text(), line_range.end());
    let insertion = format!(
        "{indentation}<!-- incident-lint disable-next-line {} -->{line_break}",
        diagnostic.name()
    );
    let position = converter.position(line_range.start());
    Some(CodeAction {
        title: format!("Disable {} for this line", diagnostic.name()),
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![lsp_diagnostic.clone()]),
        edit: Some(workspace_edit(
            snapshot,
            vec![TextEdit::new(Range::new(position, position), insertion)],
        )),
        is_preferred: preferred(snapshot, false),
        ..Default::default()
    })
}

/// `isPreferred`, for a client that supports it.
fn preferred(snapshot: &Snapshot, is_preferred: bool) -> Option<bool> {
    snapshot
        .client
        .preferred_code_actions
        .then_some(is_preferred)
}

/// The action that applies every safe fix, when there is one: with its edit, or, for a client
/// that resolves edits, with the `data` that [`resolve`] reads.
fn fix_all(snapshot: &Snapshot) -> Option<CodeAction> {
    let has_safe_fix = snapshot.analysis.diagnostics().iter().any(|diagnostic| {
        diagnostic
            .fix
            .as_ref()
            .is_some_and(|fix| fix.applicability == Applicability::Safe)
    });
    if !has_safe_fix {
        return None;
    }
    let mut action = CodeAction {
        title: "Fix all safe incident-lint problems".to_owned(),
        kind: Some(CodeActionKind::new(FIX_ALL_KIND)),
        ..Default::default()
    };
    if snapshot.client.resolves_code_actions {
        action.data = Some(serde_json::json!({
            "uri": snapshot.uri.as_str(),
            "version": snapshot.analysis.version,
        }));
    } else {
        action.edit = Some(workspace_edit(snapshot, vec![fix_all_edit(snapshot)?]));
    }
    Some(action)
}

/// Every safe fix, applied until the text stops changing, as one edit; `None` when nothing
/// changes.
fn fix_all_edit(snapshot: &Snapshot) -> Option<TextEdit> {
    let text = snapshot.text();
    let fixed = fix_until_stable(text, &snapshot.analysis.settings, Applicability::Safe);
    let edit = minimal_edit(text, &fixed.text)?;
    Some(snapshot.converter().text_edit(&edit))
}

/// The line break that ends the line ending at `end` (`\n` when the line has none).
fn line_break_of(text: &str, end: u32) -> &'static str {
    let rest = text.get(end as usize..).unwrap_or_default();
    if rest.starts_with("\r\n") {
        "\r\n"
    } else if rest.starts_with('\r') {
        "\r"
    } else {
        "\n"
    }
}

fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// `Diagnostic` is also a name in this crate's imports; this alias keeps the LSP one apart.
mod lsp_types_diagnostic {
    pub use tower_lsp::lsp_types::Diagnostic;
}
