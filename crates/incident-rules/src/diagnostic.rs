//! What a rule reports: a diagnostic with its spans, its teaching help and an optional fix.

use std::fmt;

use incident_syntax::TextRange;
use serde::{Deserialize, Serialize};

use crate::rule::RuleMeta;

/// How serious a finding is.
#[derive(
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Debug,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing; never fails a check.
    Info,
    /// Should be fixed; fails a check only past `--max-warnings`.
    Warning,
    /// Must be fixed: the write-up breaks the method.
    Error,
}

impl Severity {
    /// The lowercase name, as in configuration files and output.
    pub fn name(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A secondary span with a message, giving context to a diagnostic.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Label {
    /// The span.
    pub range: TextRange,
    /// What it shows, lowercase.
    pub message: String,
}

/// Whether applying a fix keeps the meaning of the write-up.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
pub enum Applicability {
    /// Changes only the form (a misspelled heading or value); applied by `--fix`.
    Safe,
    /// Inserts placeholders or reorders; applied only with `--unsafe-fixes`.
    Unsafe,
}

/// One text replacement: `range` becomes `replacement`. An empty range inserts.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Edit {
    /// The bytes to replace.
    pub range: TextRange,
    /// The new text.
    pub replacement: String,
}

impl Edit {
    /// Inserts `text` at `offset`.
    pub fn insert(offset: u32, text: impl Into<String>) -> Edit {
        Edit {
            range: TextRange::empty(offset),
            replacement: text.into(),
        }
    }

    /// Replaces `range` with `text`.
    pub fn replace(range: TextRange, text: impl Into<String>) -> Edit {
        Edit {
            range,
            replacement: text.into(),
        }
    }
}

/// A change that resolves a diagnostic: edits that do not overlap, applied together.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Fix {
    /// What the fix does, for a code action title (`insert an Observe section`).
    pub title: String,
    /// The edits, in any order.
    pub edits: Vec<Edit>,
    /// Whether it is safe to apply without review.
    pub applicability: Applicability,
}

/// A finding: which rule, how serious, where, why, and how to fix it.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Diagnostic {
    /// The rule that reported it.
    pub rule: &'static RuleMeta,
    /// How serious it is (the rule's severity, unless configured otherwise).
    pub severity: Severity,
    /// What is wrong, lowercase, without a trailing period.
    pub message: String,
    /// The primary span.
    pub range: TextRange,
    /// Secondary spans with context.
    pub labels: Vec<Label>,
    /// What to do instead, in terms of the method; shown as `help:`.
    pub help: Option<String>,
    /// The fix, if one exists.
    pub fix: Option<Fix>,
}

impl Diagnostic {
    /// The rule's code, such as `INC101`.
    pub fn code(&self) -> &'static str {
        self.rule.code
    }

    /// The rule's name, such as `decide-without-observe`.
    pub fn name(&self) -> &'static str {
        self.rule.name
    }
}
