//! `textDocument/documentSymbol`: the front matter and its keys, the loops with their sections,
//! the other sections, observations, and hypotheses with their verdicts.

use incident_model::{Incident, Outcome, Section};
use incident_syntax::{IdPrefix, SectionKind, TextRange};
use tower_lsp::jsonrpc::Result;
use tower_lsp::lsp_types::request::DocumentSymbolRequest;
use tower_lsp::lsp_types::*;

use crate::convert::Converter;
use crate::handlers::{DocumentRequest, RequestContext, Snapshot};

impl DocumentRequest for DocumentSymbolRequest {
    fn document(params: &DocumentSymbolParams) -> &Url {
        &params.text_document.uri
    }

    fn answer(
        cx: &mut RequestContext,
        _params: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        Ok(Some(DocumentSymbolResponse::Nested(document_symbols(
            &cx.snapshot,
        ))))
    }
}

/// The outline of the document.
pub fn document_symbols(snapshot: &Snapshot) -> Vec<DocumentSymbol> {
    let converter = snapshot.converter();
    let incident = snapshot.analysis.incident();
    let mut symbols = Vec::new();
    if let Some(range) = incident.metadata.range {
        let children = incident
            .metadata
            .fields
            .iter()
            .map(|field| {
                symbol(
                    &converter,
                    field.key.value.clone(),
                    field.value.as_scalar().map(|value| value.value.clone()),
                    SymbolKind::PROPERTY,
                    field.range,
                    field.key.range,
                    Vec::new(),
                )
            })
            .collect();
        let selection = TextRange::new(
            range.start(),
            range.start().saturating_add(3).min(range.end()),
        );
        symbols.push(symbol(
            &converter,
            "Front matter".to_owned(),
            None,
            SymbolKind::NAMESPACE,
            range,
            selection,
            children,
        ));
    }
    for section in incident
        .sections
        .iter()
        .filter(|section| section.loop_index.is_none())
    {
        symbols.push(section_symbol(&converter, incident, section));
    }
    for ooda_loop in &incident.loops {
        let children: Vec<DocumentSymbol> = incident
            .loop_sections(ooda_loop)
            .map(|section| section_symbol(&converter, incident, section))
            .collect();
        let Some(first) = incident.loop_sections(ooda_loop).next() else {
            continue;
        };
        let has_observe = incident
            .loop_sections(ooda_loop)
            .any(|section| section.kind == SectionKind::Observe);
        symbols.push(symbol(
            &converter,
            format!("Loop {}", ooda_loop.index + 1),
            (!has_observe).then(|| "without Observe".to_owned()),
            SymbolKind::PACKAGE,
            ooda_loop.range,
            first.heading_range,
            children,
        ));
    }
    symbols.sort_by_key(|symbol| (symbol.range.start.line, symbol.range.start.character));
    symbols
}

fn section_symbol(
    converter: &Converter<'_>,
    incident: &Incident,
    section: &Section,
) -> DocumentSymbol {
    let name = section.name.as_ref().map_or_else(
        || section.kind.title().to_owned(),
        |name| name.value.clone(),
    );
    let mut children: Vec<DocumentSymbol> = incident
        .definitions
        .iter()
        .filter(|definition| definition.section == Some(section.index))
        .map(|definition| {
            let detail = match definition.prefix {
                IdPrefix::Observation => definition.text.as_ref().map(|text| text.value.clone()),
                IdPrefix::Hypothesis => {
                    let verdict = incident.verdicts_on(&definition.id.value).last().map_or(
                        "untested",
                        |verdict| match verdict.outcome.value {
                            Outcome::Confirmed => "confirmed",
                            Outcome::Rejected => "rejected",
                        },
                    );
                    Some(match &definition.text {
                        Some(text) => format!("{verdict}: {}", text.value),
                        None => verdict.to_owned(),
                    })
                }
            };
            let kind = match definition.prefix {
                IdPrefix::Observation => SymbolKind::CONSTANT,
                IdPrefix::Hypothesis => SymbolKind::VARIABLE,
            };
            symbol(
                converter,
                definition.id.value.clone(),
                detail,
                kind,
                definition.range,
                definition.id.range,
                Vec::new(),
            )
        })
        .collect();
    children.extend(
        incident
            .verdicts
            .iter()
            .filter(|verdict| verdict.section == Some(section.index))
            .map(|verdict| {
                let word = match verdict.outcome.value {
                    Outcome::Confirmed => "confirmed",
                    Outcome::Rejected => "rejected",
                };
                symbol(
                    converter,
                    format!("{} {word}", verdict.hypothesis.value),
                    verdict.reason.as_ref().map(|reason| reason.value.clone()),
                    SymbolKind::EVENT,
                    verdict.range,
                    verdict.head_range(),
                    Vec::new(),
                )
            }),
    );
    children.sort_by_key(|symbol| (symbol.range.start.line, symbol.range.start.character));
    symbol(
        converter,
        name,
        None,
        SymbolKind::MODULE,
        section.range,
        section.name_range(),
        children,
    )
}

#[allow(deprecated)]
fn symbol(
    converter: &Converter<'_>,
    name: String,
    detail: Option<String>,
    kind: SymbolKind,
    range: TextRange,
    selection: TextRange,
    children: Vec<DocumentSymbol>,
) -> DocumentSymbol {
    let selection = if range.contains_range(selection) {
        selection
    } else {
        TextRange::empty(range.start())
    };
    DocumentSymbol {
        name: if name.trim().is_empty() {
            "(untitled)".to_owned()
        } else {
            name
        },
        detail,
        kind,
        tags: None,
        deprecated: None,
        range: converter.range(range),
        selection_range: converter.range(selection),
        children: (!children.is_empty()).then_some(children),
    }
}
