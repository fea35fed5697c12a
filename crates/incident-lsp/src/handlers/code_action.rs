//! `textDocument/codeAction`: each diagnostic's fix as a quick fix, "disable this rule for this
//! line", and `source.fixAll.incident-lint` for every safe fix at once.

use std::collections::HashMap;

use incident_rules::{Applicability, Diagnostic, fix_until_stable};
use incident_syntax::TextRange;
use tower_lsp::lsp_types::*;

use tower_lsp::jsonrpc::Result;
use tower_lsp::lsp_types::request::CodeActionRequest;

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

/// The code actions for `params.range`.
pub fn code_actions(snapshot: &Snapshot, params: &CodeActionParams) -> Vec<CodeActionOrCommand> {
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
            let lsp_diagnostic = converter.diagnostic(&snapshot.uri, diagnostic);
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
        is_preferred: Some(safe),
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
        is_preferred: Some(false),
        ..Default::default()
    })
}

/// Every safe fix, applied until the text stops changing, as one edit.
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
    let text = snapshot.text();
    let fixed = fix_until_stable(text, &snapshot.analysis.settings, Applicability::Safe);
    let edit = minimal_edit(text, &fixed.text)?;
    let converter = snapshot.converter();
    Some(CodeAction {
        title: "Fix all safe incident-lint problems".to_owned(),
        kind: Some(CodeActionKind::new(FIX_ALL_KIND)),
        edit: Some(workspace_edit(snapshot, vec![converter.text_edit(&edit)])),
        ..Default::default()
    })
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
