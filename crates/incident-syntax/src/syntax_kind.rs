//! The kinds of nodes and tokens in the syntax tree, named after the rules of `grammar/incident.ebnf`.

use std::fmt;

use serde::Serialize;

/// The kind of a syntax tree node or token.
///
/// Nodes group other elements; tokens are leaves that cover source text.
/// The tokens of a tree, in order, cover the whole input exactly once.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[allow(missing_docs)] // Each variant is documented by the grammar rule of the same name.
pub enum SyntaxKind {
    // Nodes.
    Document,
    FrontMatter,
    Field,
    FieldValue,
    FlowList,
    BlockValue,
    Preamble,
    Section,
    Heading,
    Paragraph,
    List,
    ListItem,
    IdDefinition,
    Verdict,
    LabeledItem,
    TimelineEntry,
    Timestamp,
    MilestoneTag,
    ActionItem,
    TaskBox,
    ActionMeta,
    MetaField,
    CodeBlock,
    HtmlBlock,
    Directive,
    ThematicBreak,
    BlockQuote,
    Table,
    Error,
    // Tokens.
    Bom,
    Whitespace,
    Newline,
    Fence,
    Colon,
    Comma,
    LBrack,
    RBrack,
    LParen,
    RParen,
    Key,
    Scalar,
    Comment,
    Hashes,
    Text,
    Marker,
    Id,
    Reference,
    IncidentRef,
    CodeSpan,
    VerdictWord,
    Label,
    Tilde,
    Time,
    Date,
    Offset,
    ZoneName,
    Meridiem,
    Category,
    DirectiveVerb,
    RuleName,
    DirectiveReason,
    Punct,
}

impl SyntaxKind {
    /// Whether a token of this kind is inline content (text, a reference or a code span), as
    /// opposed to markers, punctuation and trivia.
    pub fn is_inline(self) -> bool {
        matches!(
            self,
            SyntaxKind::Text
                | SyntaxKind::Reference
                | SyntaxKind::IncidentRef
                | SyntaxKind::CodeSpan
        )
    }

    /// Whether elements of this kind are tokens (leaves) rather than nodes.
    pub fn is_token(self) -> bool {
        (self as u8) >= (SyntaxKind::Bom as u8)
    }

    /// Whether this token kind carries no meaning of its own (whitespace and line breaks).
    pub fn is_trivia(self) -> bool {
        matches!(self, SyntaxKind::Whitespace | SyntaxKind::Newline)
    }

    /// The kind's name as in the grammar, in SCREAMING_SNAKE_CASE.
    pub fn name(self) -> &'static str {
        use SyntaxKind::*;
        match self {
            Document => "DOCUMENT",
            FrontMatter => "FRONT_MATTER",
            Field => "FIELD",
            FieldValue => "FIELD_VALUE",
            FlowList => "FLOW_LIST",
            BlockValue => "BLOCK_VALUE",
            Preamble => "PREAMBLE",
            Section => "SECTION",
            Heading => "HEADING",
            Paragraph => "PARAGRAPH",
            List => "LIST",
            ListItem => "LIST_ITEM",
            IdDefinition => "ID_DEFINITION",
            Verdict => "VERDICT",
            LabeledItem => "LABELED_ITEM",
            TimelineEntry => "TIMELINE_ENTRY",
            Timestamp => "TIMESTAMP",
            MilestoneTag => "MILESTONE_TAG",
            ActionItem => "ACTION_ITEM",
            TaskBox => "TASK_BOX",
            ActionMeta => "ACTION_META",
            MetaField => "META_FIELD",
            CodeBlock => "CODE_BLOCK",
            HtmlBlock => "HTML_BLOCK",
            Directive => "DIRECTIVE",
            ThematicBreak => "THEMATIC_BREAK",
            BlockQuote => "BLOCK_QUOTE",
            Table => "TABLE",
            Error => "ERROR",
            Bom => "BOM",
            Whitespace => "WHITESPACE",
            Newline => "NEWLINE",
            Fence => "FENCE",
            Colon => "COLON",
            Comma => "COMMA",
            LBrack => "L_BRACK",
            RBrack => "R_BRACK",
            LParen => "L_PAREN",
            RParen => "R_PAREN",
            Key => "KEY",
            Scalar => "SCALAR",
            Comment => "COMMENT",
            Hashes => "HASHES",
            Text => "TEXT",
            Marker => "MARKER",
            Id => "ID",
            Reference => "REFERENCE",
            IncidentRef => "INCIDENT_REF",
            CodeSpan => "CODE_SPAN",
            VerdictWord => "VERDICT_WORD",
            Label => "LABEL",
            Tilde => "TILDE",
            Time => "TIME",
            Date => "DATE",
            Offset => "OFFSET",
            ZoneName => "ZONE_NAME",
            Meridiem => "MERIDIEM",
            Category => "CATEGORY",
            DirectiveVerb => "DIRECTIVE_VERB",
            RuleName => "RULE_NAME",
            DirectiveReason => "DIRECTIVE_REASON",
            Punct => "PUNCT",
        }
    }
}

impl fmt::Display for SyntaxKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}
