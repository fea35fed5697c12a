//! Where the incident IDs are written in a file, for navigation and highlighting across the
//! workspace folders; which files the folders hold, and which IDs they define, is
//! `incident_workspace`'s, as for the command line.

use incident_model::Metadata;
use incident_syntax::{Parse, SyntaxKind, TextRange};

/// Where an incident ID is written in a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IdOccurrence {
    /// The ID.
    pub id: String,
    /// The ID's text, without quotes.
    pub range: TextRange,
    /// Whether this is the front matter's `id` (the definition) rather than a mention.
    pub is_definition: bool,
}

/// Every place `parse` writes an incident ID: the front matter's `id` and each `INC-…` mention.
pub fn incident_id_occurrences(parse: &Parse) -> Vec<IdOccurrence> {
    let mut occurrences = Vec::new();
    let metadata = Metadata::read_front_matter(parse.root());
    if let Some(id) = metadata.scalar("id") {
        let written = parse.text().get(id.range.to_usize()).unwrap_or_default();
        let quoted = written.len() >= 2 && (written.starts_with(['"', '\'']));
        let range = if quoted {
            TextRange::new(id.range.start() + 1, id.range.end() - 1)
        } else {
            id.range
        };
        occurrences.push(IdOccurrence {
            id: id.value.trim().to_owned(),
            range,
            is_definition: true,
        });
    }
    for token in parse.root().descendants() {
        if token.kind() == SyntaxKind::IncidentRef {
            occurrences.push(IdOccurrence {
                id: token.text().to_owned(),
                range: token.range(),
                is_definition: false,
            });
        }
    }
    occurrences
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn occurrences_cover_the_definition_and_mentions() {
        let parse = incident_syntax::parse(
            "---\nid: \"INC-1\"\n---\n\n## Orient\n\n- story: like INC-2 and INC-1\n",
        );
        let occurrences = incident_id_occurrences(&parse);
        let found: Vec<(&str, &str, bool)> = occurrences
            .iter()
            .map(|occurrence| {
                (
                    occurrence.id.as_str(),
                    parse
                        .text()
                        .get(occurrence.range.to_usize())
                        .unwrap_or_default(),
                    occurrence.is_definition,
                )
            })
            .collect();
        assert_eq!(
            found,
            vec![
                ("INC-1", "INC-1", true),
                ("INC-2", "INC-2", false),
                ("INC-1", "INC-1", false)
            ]
        );
    }
}
