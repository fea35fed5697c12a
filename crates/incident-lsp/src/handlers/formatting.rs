//! `textDocument/formatting`: the formatter of `incident-format`, as one minimal edit, with the
//! client's options for trailing whitespace and the final line break.

use incident_syntax::ColumnUnit;
use tower_lsp::jsonrpc;
use tower_lsp::lsp_types::request::Formatting;
use tower_lsp::lsp_types::{DocumentFormattingParams, FormattingOptions, TextEdit, Url};

use crate::convert::minimal_edit;
use crate::handlers::{DocumentRequest, RequestContext, Snapshot};

impl DocumentRequest for Formatting {
    fn document(params: &DocumentFormattingParams) -> &Url {
        &params.text_document.uri
    }

    fn answer(
        cx: &mut RequestContext,
        params: DocumentFormattingParams,
    ) -> jsonrpc::Result<Option<Vec<TextEdit>>> {
        match formatting(&cx.snapshot, &params.options) {
            Ok(edits) => Ok(Some(edits)),
            Err(reason) => {
                // An empty answer alone would look like a formatter that did nothing.
                cx.warnings.push(reason);
                Ok(Some(Vec::new()))
            }
        }
    }
}

/// The edits that format the document (none when it is already formatted), or why it cannot be
/// formatted: the formatter does not move text it may have misread, so a file with syntax errors
/// is left alone, and the message says where the first error is, as the command line does.
pub fn formatting(
    snapshot: &Snapshot,
    options: &FormattingOptions,
) -> Result<Vec<TextEdit>, String> {
    let parse = snapshot.analysis.parse();
    let formatted = incident_format::format(parse).map_err(|error| {
        let name = file_name(snapshot);
        match parse.errors().first() {
            Some(first) => {
                let index = snapshot.converter().index();
                let place = index.line_col(snapshot.text(), first.range.start(), ColumnUnit::Utf32);
                format!(
                    "{name}:{}:{}: {error}; the first: {}",
                    place.line + 1,
                    place.col + 1,
                    first.message
                )
            }
            None => format!("{name}: {error}"),
        }
    })?;
    let formatted = with_options(snapshot.text(), formatted, options);
    let converter = snapshot.converter();
    Ok(minimal_edit(snapshot.text(), &formatted)
        .map(|edit| vec![converter.text_edit(&edit)])
        .unwrap_or_default())
}

/// Applies the client's options to the formatter's output: `trimTrailingWhitespace` trims
/// every line (when that adds no syntax error), and `insertFinalNewline: false` keeps a file
/// that ends without a line break so.
fn with_options(original: &str, formatted: String, options: &FormattingOptions) -> String {
    let mut out = formatted;
    if options.trim_trailing_whitespace == Some(true) {
        let trimmed: String = out
            .split_inclusive('\n')
            .map(|line| {
                let content = line.trim_end_matches(['\n', '\r']);
                let ending = line.get(content.len()..).unwrap_or_default();
                format!("{}{ending}", content.trim_end_matches([' ', '\t']))
            })
            .collect();
        if incident_syntax::parse(&trimmed).errors().is_empty() {
            out = trimmed;
        }
    }
    if options.insert_final_newline == Some(false) && !original.ends_with('\n') {
        let without = out.trim_end_matches(['\n', '\r']).len();
        out.truncate(without);
    }
    out
}

fn file_name(snapshot: &Snapshot) -> String {
    snapshot
        .uri
        .to_file_path()
        .ok()
        .and_then(|path| {
            path.file_name()
                .map(|name| name.to_string_lossy().into_owned())
        })
        .unwrap_or_else(|| snapshot.uri.to_string())
}
