//! `textDocument/foldingRange`: the front matter, each section, multi-line lists and code blocks.

use incident_syntax::{SyntaxKind, TextRange};
use tower_lsp::jsonrpc::Result;
use tower_lsp::lsp_types::request::FoldingRangeRequest;
use tower_lsp::lsp_types::*;

use crate::convert::Converter;
use crate::handlers::{DocumentRequest, RequestContext, Snapshot};

impl DocumentRequest for FoldingRangeRequest {
    fn document(params: &FoldingRangeParams) -> &Url {
        &params.text_document.uri
    }

    fn answer(
        cx: &mut RequestContext,
        _params: FoldingRangeParams,
    ) -> Result<Option<Vec<FoldingRange>>> {
        Ok(Some(folding_ranges(&cx.snapshot)))
    }
}

/// The foldable ranges, by line.
pub fn folding_ranges(snapshot: &Snapshot) -> Vec<FoldingRange> {
    let converter = snapshot.converter();
    let analysis = &snapshot.analysis;
    let mut ranges = Vec::new();
    if let Some(range) = analysis.incident().metadata.range {
        ranges.extend(fold(&converter, range, Some(FoldingRangeKind::Region)));
    }
    for section in &analysis.incident().sections {
        ranges.extend(fold(
            &converter,
            section.range,
            Some(FoldingRangeKind::Region),
        ));
    }
    for node in analysis.parse().root().descendants() {
        match node.kind() {
            SyntaxKind::List | SyntaxKind::ListItem | SyntaxKind::CodeBlock => {
                ranges.extend(fold(&converter, node.range(), None));
            }
            SyntaxKind::HtmlBlock | SyntaxKind::Directive => {
                ranges.extend(fold(
                    &converter,
                    node.range(),
                    Some(FoldingRangeKind::Comment),
                ));
            }
            _ => {}
        }
    }
    ranges.sort_by_key(|range| (range.start_line, std::cmp::Reverse(range.end_line)));
    ranges.dedup_by_key(|range| (range.start_line, range.end_line));
    ranges
}

/// A fold from the first line of `range` to its last line with text; `None` for one line.
fn fold(
    converter: &Converter<'_>,
    range: TextRange,
    kind: Option<FoldingRangeKind>,
) -> Option<FoldingRange> {
    let text = converter.text().get(range.to_usize())?;
    let content_len = text.trim_end().len() as u32;
    if content_len == 0 {
        return None;
    }
    let start_line = converter.index().line_of(range.start());
    let end_line = converter.index().line_of(range.start() + content_len - 1);
    (end_line > start_line).then_some(FoldingRange {
        start_line,
        start_character: None,
        end_line,
        end_character: None,
        kind,
        collapsed_text: None,
    })
}
