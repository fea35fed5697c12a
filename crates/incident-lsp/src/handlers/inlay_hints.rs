//! `textDocument/inlayHint`: time since the start on timeline entries (`T+7m`), and time to
//! detect, mitigate and resolve next to the front matter's milestones.

use incident_model::Milestone;
use tower_lsp::jsonrpc::Result;
use tower_lsp::lsp_types::request::InlayHintRequest;
use tower_lsp::lsp_types::*;

use crate::handlers::hover::started;
use crate::handlers::{DocumentRequest, RequestContext, Snapshot, elapsed_label, human_duration};

impl DocumentRequest for InlayHintRequest {
    fn document(params: &InlayHintParams) -> &Url {
        &params.text_document.uri
    }

    fn answer(cx: &mut RequestContext, params: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
        Ok(Some(inlay_hints(&cx.snapshot, params.range)))
    }
}

/// The hints whose position lies in `range`.
pub fn inlay_hints(snapshot: &Snapshot, range: Range) -> Vec<InlayHint> {
    let converter = snapshot.converter();
    let incident = snapshot.analysis.incident();
    let Some(start) = started(incident) else {
        return Vec::new();
    };
    let requested_start = converter.offset(range.start);
    let requested_end = converter.offset(range.end);
    let in_range = |offset: u32| requested_start <= offset && offset <= requested_end;
    let hint = |offset: u32, label: String| InlayHint {
        position: converter.position(offset),
        label: InlayHintLabel::String(label),
        kind: None,
        text_edits: None,
        tooltip: None,
        padding_left: Some(true),
        padding_right: Some(false),
        data: None,
    };
    let mut hints = Vec::new();
    for (milestone, value) in &incident.metadata.milestones {
        let what = match milestone {
            Milestone::Started => continue,
            Milestone::Detected => "time to detect",
            Milestone::Mitigated => "time to mitigate",
            Milestone::Resolved => "time to resolve",
        };
        let Ok(instant) = &value.value else {
            continue;
        };
        if in_range(value.range.end()) {
            hints.push(hint(
                value.range.end(),
                format!("{what}: {}", human_duration(start.duration_until(instant))),
            ));
        }
    }
    for entry in &incident.timeline {
        let (Some(time), Some(instant)) = (&entry.time, entry.instant()) else {
            continue;
        };
        if in_range(time.range.end()) {
            hints.push(hint(time.range.end(), elapsed_label(start, instant)));
        }
    }
    hints.sort_by_key(|hint| (hint.position.line, hint.position.character));
    hints
}
