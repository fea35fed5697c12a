//! Follow-up action items.

use incident_syntax::{Parse, SectionKind, SyntaxKind, TextRange};
use jiff::civil::Date;
use serde::Serialize;

use crate::investigation::item_head;
use crate::text::{inline_text, token_text};
use crate::time;
use crate::{Incident, Spanned, ValueError};

/// What a follow-up action is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ActionCategory {
    /// Keeps the cause from happening again.
    Prevent,
    /// Notices the problem sooner next time.
    Detect,
    /// Makes the system or the process easier to understand.
    Clarify,
    /// Replaces a manual step with an automatic one.
    Automate,
    /// Limits the impact when it happens again.
    Mitigate,
}

impl ActionCategory {
    /// Every category.
    pub const ALL: [ActionCategory; 5] = [
        ActionCategory::Prevent,
        ActionCategory::Detect,
        ActionCategory::Clarify,
        ActionCategory::Automate,
        ActionCategory::Mitigate,
    ];

    /// The category's word.
    pub fn name(self) -> &'static str {
        match self {
            ActionCategory::Prevent => "prevent",
            ActionCategory::Detect => "detect",
            ActionCategory::Clarify => "clarify",
            ActionCategory::Automate => "automate",
            ActionCategory::Mitigate => "mitigate",
        }
    }

    /// The category called `name`, case-insensitively.
    pub fn from_name(name: &str) -> Option<ActionCategory> {
        ActionCategory::ALL
            .into_iter()
            .find(|category| category.name().eq_ignore_ascii_case(name))
    }
}

/// A `- [ ] category: text (owner: @x, due: YYYY-MM-DD)` item of an Actions section, or a
/// plain bullet there, `- category: text (owner: @x)`, which is an open action without a box.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ActionItem {
    /// Whether the box is ticked.
    pub done: bool,
    /// Whether the item starts with a task box.
    pub has_task_box: bool,
    /// The item's first paragraph, after the list marker: its task box, when it has one,
    /// starts it.
    pub head: TextRange,
    /// The category word as written.
    pub category: Option<Spanned<String>>,
    /// What is to be done.
    pub text: Option<Spanned<String>>,
    /// `owner:`, as written.
    pub owner: Option<Spanned<String>>,
    /// `due:`, checked against the calendar.
    pub due: Option<Spanned<Result<Date, ValueError>>>,
    /// Every `key: value` pair of the trailing group, `owner` and `due` included.
    pub fields: Vec<(Spanned<String>, Spanned<String>)>,
    /// The whole list item.
    pub range: TextRange,
    /// The section it is in.
    pub section: usize,
}

impl ActionItem {
    /// The category, when it is a known one.
    pub fn category_kind(&self) -> Option<ActionCategory> {
        self.category
            .as_ref()
            .and_then(|category| ActionCategory::from_name(&category.value))
    }
}

pub(crate) fn read(parse: &Parse, incident: &mut Incident) {
    for (section_idx, (section, kind)) in parse.sections().enumerate() {
        if kind != SectionKind::Actions {
            continue;
        }
        let items = section
            .children_of(SyntaxKind::List)
            .flat_map(|list| list.children_of(SyntaxKind::ListItem));
        for item in items {
            let Some(action) = item_head(item).filter(|head| head.kind() == SyntaxKind::ActionItem)
            else {
                continue;
            };
            let done = action
                .child(SyntaxKind::TaskBox)
                .and_then(|task_box| task_box.child(SyntaxKind::Text))
                .is_some_and(|mark| mark.text().eq_ignore_ascii_case("x"));
            let fields: Vec<(Spanned<String>, Spanned<String>)> = action
                .child(SyntaxKind::ActionMeta)
                .into_iter()
                .flat_map(|meta| meta.children_of(SyntaxKind::MetaField))
                .filter_map(|field| {
                    Some((
                        token_text(field.child(SyntaxKind::Key)?),
                        token_text(field.child(SyntaxKind::Scalar)?),
                    ))
                })
                .collect();
            let value_of = |key: &str| {
                fields
                    .iter()
                    .find(|(field_key, _)| field_key.value.eq_ignore_ascii_case(key))
                    .map(|(_, value)| value.clone())
            };
            let owner = value_of("owner");
            let due = value_of("due").map(|due| {
                let date = incident_syntax::parse_date(&due.value)
                    .ok_or_else(|| {
                        ValueError::new(format!(
                            "`{}` is not a date: write `YYYY-MM-DD`",
                            due.value
                        ))
                    })
                    .and_then(time::civil_date);
                Spanned::new(date, due.range)
            });
            incident.actions.push(ActionItem {
                done,
                has_task_box: action.child(SyntaxKind::TaskBox).is_some(),
                head: action.range(),
                category: action.child(SyntaxKind::Category).map(token_text),
                text: inline_text(action),
                owner,
                due,
                fields,
                range: item.range(),
                section: section_idx,
            });
        }
    }
}
