//! `textDocument/formatting`: the formatter of the rules crate, as one minimal edit.

use tower_lsp::lsp_types::TextEdit;

use crate::convert::minimal_edit;
use crate::handlers::Snapshot;

/// The edits that format the document; none when it has syntax errors (the formatter does not
/// move text it may have misread) or is already formatted.
pub fn formatting(snapshot: &Snapshot) -> Vec<TextEdit> {
    let Ok(formatted) = incident_rules::format(snapshot.analysis.parse()) else {
        return Vec::new();
    };
    let converter = snapshot.converter();
    minimal_edit(snapshot.text(), &formatted)
        .map(|edit| vec![converter.text_edit(&edit)])
        .unwrap_or_default()
}
