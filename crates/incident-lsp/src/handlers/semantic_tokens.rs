//! `textDocument/semanticTokens/full`: IDs, verdict words, timestamps, milestone tags, front
//! matter keys, labels and incident IDs, so that editors highlight what the linter reads.

use incident_syntax::{SyntaxKind, TextRange};
use tower_lsp::jsonrpc::Result;
use tower_lsp::lsp_types::request::SemanticTokensFullRequest;
use tower_lsp::lsp_types::*;

use crate::handlers::{DocumentRequest, RequestContext, Snapshot};
use crate::workspace::incident_id_occurrences;

impl DocumentRequest for SemanticTokensFullRequest {
    fn document(params: &SemanticTokensParams) -> &Url {
        &params.text_document.uri
    }

    fn answer(
        cx: &mut RequestContext,
        _params: SemanticTokensParams,
    ) -> Result<Option<SemanticTokensResult>> {
        Ok(Some(SemanticTokensResult::Tokens(semantic_tokens(
            &cx.snapshot,
        ))))
    }
}

/// The token types, in legend order.
pub const TOKEN_TYPES: [SemanticTokenType; 7] = [
    SemanticTokenType::VARIABLE,
    SemanticTokenType::KEYWORD,
    SemanticTokenType::NUMBER,
    SemanticTokenType::ENUM_MEMBER,
    SemanticTokenType::PROPERTY,
    SemanticTokenType::TYPE,
    SemanticTokenType::DECORATOR,
];

const ID: u32 = 0;
const VERDICT_WORD: u32 = 1;
const TIMESTAMP: u32 = 2;
const MILESTONE_TAG: u32 = 3;
const FRONT_MATTER_KEY: u32 = 4;
const INCIDENT_ID: u32 = 5;
const LABEL: u32 = 6;

/// The modifier bit of an ID's definition.
const DECLARATION: u32 = 1;

/// The legend the server declares.
pub fn legend() -> SemanticTokensLegend {
    SemanticTokensLegend {
        token_types: TOKEN_TYPES.to_vec(),
        token_modifiers: vec![SemanticTokenModifier::DECLARATION],
    }
}

/// Every token of the document, in order, relative-encoded.
pub fn semantic_tokens(snapshot: &Snapshot) -> SemanticTokens {
    let analysis = &snapshot.analysis;
    let incident = analysis.incident();
    let mut found: Vec<(TextRange, u32, u32)> = Vec::new();
    found.extend(
        incident
            .definitions
            .iter()
            .map(|definition| (definition.id.range, ID, DECLARATION)),
    );
    for verdict in &incident.verdicts {
        found.push((verdict.hypothesis.range, ID, 0));
        found.push((verdict.outcome.range, VERDICT_WORD, 0));
    }
    found.extend(
        incident
            .references
            .iter()
            .map(|reference| (reference.range, ID, 0)),
    );
    for entry in &incident.timeline {
        if let Some(time) = &entry.time {
            found.push((time.range, TIMESTAMP, 0));
        }
        if let Some(tag) = &entry.milestone {
            found.push((tag.range, MILESTONE_TAG, 0));
        }
    }
    found.extend(
        incident
            .metadata
            .fields
            .iter()
            .map(|field| (field.key.range, FRONT_MATTER_KEY, 0)),
    );
    found.extend(
        incident_id_occurrences(analysis.parse())
            .into_iter()
            .map(|occurrence| {
                (
                    occurrence.range,
                    INCIDENT_ID,
                    u32::from(occurrence.is_definition),
                )
            }),
    );
    found.extend(
        analysis
            .parse()
            .root()
            .descendants()
            .filter(|token| token.kind() == SyntaxKind::Label)
            .map(|token| (token.range(), LABEL, 0)),
    );
    found.sort_by_key(|(range, _, _)| (range.start(), range.end()));
    let converter = snapshot.converter();
    let mut data = Vec::with_capacity(found.len());
    let (mut previous_line, mut previous_start) = (0, 0);
    let mut covered_to = 0;
    for (range, token_type, modifiers) in found {
        // Tokens may not overlap; the first one written wins.
        if range.is_empty() || range.start() < covered_to {
            continue;
        }
        covered_to = range.end();
        let start = converter.position(range.start());
        let end = converter.position(range.end());
        let length = if end.line == start.line {
            end.character.saturating_sub(start.character)
        } else {
            // A token never spans lines; keep what is on the first one.
            let line_end = converter
                .line_range(start.line)
                .map_or(range.start(), |line| line.end());
            converter
                .position(line_end)
                .character
                .saturating_sub(start.character)
        };
        if length == 0 {
            continue;
        }
        let delta_line = start.line.saturating_sub(previous_line);
        let delta_start = if delta_line == 0 {
            start.character.saturating_sub(previous_start)
        } else {
            start.character
        };
        data.push(SemanticToken {
            delta_line,
            delta_start,
            length,
            token_type,
            token_modifiers_bitset: modifiers,
        });
        previous_line = start.line;
        previous_start = start.character;
    }
    SemanticTokens {
        result_id: None,
        data,
    }
}
