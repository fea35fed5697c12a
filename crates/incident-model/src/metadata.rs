//! The front matter as typed values.

use incident_syntax::{SyntaxKind, SyntaxNode, TextRange};
use jiff::ZonedDateTime;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use serde::Serialize;

use crate::text::token_text;
use crate::time::{self, Milestone, TimeZoneValue};
use crate::{Spanned, ValueError};

/// The keys the format gives a meaning to (`grammar/SPEC.md`, section 5.5), in the order a
/// front matter usually lists them. Other keys are kept, and nothing reads them.
pub const KNOWN_KEYS: [&str; 12] = [
    "id",
    "title",
    "severity",
    "status",
    "timezone",
    "started",
    "detected",
    "mitigated",
    "resolved",
    "services",
    "authors",
    "date",
];

/// One `key: value` field, as written.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Field {
    /// The key.
    pub key: Spanned<String>,
    /// The value.
    pub value: FieldValue,
    /// The whole field, nested lines included.
    pub range: TextRange,
}

/// A field's value.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "type", content = "value")]
pub enum FieldValue {
    /// Nothing after the colon.
    Empty,
    /// A single value, unquoted.
    Scalar(Spanned<String>),
    /// A flow list `[a, b]` or a block list of `- a` lines.
    List(Vec<Spanned<String>>),
    /// Nested YAML the format does not interpret (a map, a block scalar).
    Nested(TextRange),
}

impl FieldValue {
    /// The value as one string, when it is a scalar.
    pub fn as_scalar(&self) -> Option<&Spanned<String>> {
        match self {
            FieldValue::Scalar(scalar) => Some(scalar),
            _ => None,
        }
    }

    /// The value as a list: a list's items, or a scalar as a one-item list.
    pub fn as_list(&self) -> Vec<&Spanned<String>> {
        match self {
            FieldValue::Scalar(scalar) => vec![scalar],
            FieldValue::List(items) => items.iter().collect(),
            FieldValue::Empty | FieldValue::Nested(_) => Vec::new(),
        }
    }
}

/// The lifecycle status of an incident, from the default vocabulary.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// The cause is still being looked for.
    Investigating,
    /// The impact is contained; the cause may not be fixed.
    Mitigated,
    /// The system is back to normal; the post-mortem is being written.
    Resolved,
    /// The post-mortem is finished.
    Closed,
}

impl Status {
    /// The status called `name`, case-insensitively.
    pub fn from_name(name: &str) -> Option<Status> {
        match name.trim().to_ascii_lowercase().as_str() {
            "investigating" => Some(Status::Investigating),
            "mitigated" => Some(Status::Mitigated),
            "resolved" => Some(Status::Resolved),
            "closed" => Some(Status::Closed),
            _ => None,
        }
    }

    /// Whether the incident is over, so the write-up is a post-mortem.
    pub fn is_over(self) -> bool {
        matches!(self, Status::Resolved | Status::Closed)
    }
}

/// The front matter: every field as written, and the known keys read into typed values.
#[derive(Clone, Debug, Serialize)]
pub struct Metadata {
    /// The front matter block, fences included.
    pub range: Option<TextRange>,
    /// Every field in order, unknown keys and repeated keys included.
    pub fields: Vec<Field>,
    /// `timezone`, read.
    pub timezone: Option<Spanned<Result<TimeZoneValue, ValueError>>>,
    /// `started`, `detected`, `mitigated`, `resolved`, read in the incident's timezone.
    pub milestones: Vec<(Milestone, Spanned<Result<ZonedDateTime, ValueError>>)>,
}

impl Metadata {
    /// Reads the front matter alone, without resolving times (for indexing many files).
    pub fn read_front_matter(root: SyntaxNode<'_>) -> Metadata {
        Metadata::read(root)
    }

    pub(crate) fn read(root: SyntaxNode<'_>) -> Metadata {
        let Some(front_matter) = root.child(SyntaxKind::FrontMatter) else {
            return Metadata {
                range: None,
                fields: Vec::new(),
                timezone: None,
                milestones: Vec::new(),
            };
        };
        let fields: Vec<Field> = front_matter
            .children_of(SyntaxKind::Field)
            .filter_map(read_field)
            .collect();
        let mut metadata = Metadata {
            range: Some(front_matter.range()),
            fields,
            timezone: None,
            milestones: Vec::new(),
        };
        metadata.timezone = metadata
            .scalar("timezone")
            .map(|scalar| Spanned::new(time::read_timezone(&scalar.value), scalar.range));
        metadata
    }

    /// Resolves the milestone times once the effective timezone is known.
    pub(crate) fn resolve_times(&mut self, default: &TimeZone) -> TimeZoneValue {
        let zone = match &self.timezone {
            Some(Spanned {
                value: Ok(zone), ..
            }) => zone.clone(),
            _ => TimeZoneValue {
                name: time::zone_name(default),
                zone: default.clone(),
            },
        };
        self.milestones = Milestone::ALL
            .into_iter()
            .filter_map(|milestone| {
                let scalar = self.scalar(milestone.name())?;
                Some((
                    milestone,
                    Spanned::new(
                        time::read_date_time(&scalar.value, &zone.zone),
                        scalar.range,
                    ),
                ))
            })
            .collect();
        zone
    }

    /// The first field with `key`.
    pub fn field(&self, key: &str) -> Option<&Field> {
        self.fields.iter().find(|field| field.key.value == key)
    }

    /// The scalar value of the first field with `key`.
    pub fn scalar(&self, key: &str) -> Option<&Spanned<String>> {
        self.field(key).and_then(|field| field.value.as_scalar())
    }

    /// The list value of the first field with `key` (a scalar counts as one item).
    pub fn list(&self, key: &str) -> Vec<&Spanned<String>> {
        self.field(key)
            .map(|field| field.value.as_list())
            .unwrap_or_default()
    }

    /// `status`, read with the default vocabulary.
    pub fn status(&self) -> Option<Status> {
        self.scalar("status")
            .and_then(|scalar| Status::from_name(&scalar.value))
    }

    /// The time of `milestone` from the front matter, when written and valid.
    pub fn milestone(&self, milestone: Milestone) -> Option<&ZonedDateTime> {
        self.milestones
            .iter()
            .find(|(candidate, _)| *candidate == milestone)
            .and_then(|(_, value)| value.value.as_ref().ok())
    }

    /// The calendar day of `started` in `zone`: bare timeline times fall on it.
    pub(crate) fn started_day(&self, zone: &TimeZone) -> Option<Date> {
        self.milestone(Milestone::Started)
            .map(|started| started.with_time_zone(zone.clone()).date())
    }
}

fn read_field(field: SyntaxNode<'_>) -> Option<Field> {
    let key = token_text(field.child(SyntaxKind::Key)?);
    let inline_value = field.child(SyntaxKind::FieldValue).or_else(|| {
        field
            .child(SyntaxKind::Error)
            .and_then(|error| error.child(SyntaxKind::FieldValue))
    });
    // A YAML block scalar indicator (`|`, `>-`, …) announces the indented lines as the value.
    let is_block_indicator = inline_value
        .is_some_and(|value| matches!(value.text(), "|" | ">" | "|-" | ">-" | "|+" | ">+"));
    let value = match (inline_value, field.child(SyntaxKind::BlockValue)) {
        (Some(value), _) if !is_block_indicator => read_value(value),
        (_, Some(block)) => read_block_value(block),
        (Some(value), None) => read_value(value),
        (None, None) => FieldValue::Empty,
    };
    Some(Field {
        key,
        value,
        range: field.range(),
    })
}

fn read_value(value: SyntaxNode<'_>) -> FieldValue {
    match value.child(SyntaxKind::FlowList) {
        Some(list) => {
            FieldValue::List(list.children_of(SyntaxKind::Scalar).map(unquoted).collect())
        }
        None => value
            .child(SyntaxKind::Scalar)
            .map_or(FieldValue::Empty, |scalar| {
                FieldValue::Scalar(unquoted(scalar))
            }),
    }
}

fn read_block_value(block: SyntaxNode<'_>) -> FieldValue {
    let is_block_list = block.child(SyntaxKind::Text).is_none();
    if is_block_list {
        FieldValue::List(
            block
                .children_of(SyntaxKind::Scalar)
                .map(unquoted)
                .collect(),
        )
    } else {
        FieldValue::Nested(block.range())
    }
}

/// A scalar token's value without its quotes (and, in double quotes, backslash escapes).
fn unquoted(scalar: SyntaxNode<'_>) -> Spanned<String> {
    let text = scalar.text();
    let value = if let Some(inner) = text
        .strip_prefix('"')
        .and_then(|rest| rest.strip_suffix('"'))
    {
        let mut value = String::with_capacity(inner.len());
        let mut chars = inner.chars();
        while let Some(c) = chars.next() {
            if c == '\\' {
                value.extend(chars.next());
            } else {
                value.push(c);
            }
        }
        value
    } else if let Some(inner) = text
        .strip_prefix('\'')
        .and_then(|rest| rest.strip_suffix('\''))
    {
        inner.replace("''", "'")
    } else {
        text.to_owned()
    };
    Spanned::new(value, scalar.range())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_keys_include_every_key_the_model_reads() {
        let read_keys = Milestone::ALL
            .iter()
            .map(|milestone| milestone.name())
            .chain(["timezone", "status", "date"]);
        for key in read_keys {
            assert!(KNOWN_KEYS.contains(&key), "{key}");
        }
    }
}
