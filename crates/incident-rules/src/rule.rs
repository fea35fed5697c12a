//! What a rule is: its code, name, severity, group, documentation and check.

use serde::Serialize;

use crate::context::LintContext;
use crate::diagnostic::Severity;

/// Whether a rule runs unless selected explicitly.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Group {
    /// Runs by default.
    Default,
    /// Stricter advice; runs only when selected (`--select pedantic`).
    Pedantic,
}

impl Group {
    /// The group's name, as used in `select` and `ignore`.
    pub fn name(self) -> &'static str {
        match self {
            Group::Default => "default",
            Group::Pedantic => "pedantic",
        }
    }
}

/// Whether a rule offers fixes, and of which kind.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FixAvailability {
    /// The rule never offers a fix.
    None,
    /// Its fixes are safe.
    Safe,
    /// Its fixes are unsafe: they insert placeholders or reorder.
    Unsafe,
    /// Some of its findings have a safe fix, some none.
    Sometimes,
}

/// The fixed description of a rule. Codes are never reused.
#[derive(Debug, PartialEq, Eq)]
pub struct RuleMeta {
    /// A stable code, such as `INC101`.
    pub code: &'static str,
    /// A kebab-case name that describes the problem, such as `decide-without-observe`.
    pub name: &'static str,
    /// The severity when configuration says nothing.
    pub default_severity: Severity,
    /// Whether it runs by default.
    pub group: Group,
    /// Whether it can fix what it finds.
    pub fix: FixAvailability,
    /// Markdown documentation from the rule's doc comment: what it does, why, examples.
    pub docs: &'static str,
}

impl RuleMeta {
    /// The documentation with the doc comment's leading space removed from each line.
    pub fn documentation(&self) -> String {
        let mut out = String::with_capacity(self.docs.len());
        for line in self.docs.lines() {
            out.push_str(line.strip_prefix(' ').unwrap_or(line));
            out.push('\n');
        }
        out
    }

    /// The rule's documentation page, as `incident-lint explain` prints it and
    /// `docs/rules/<CODE>.md` holds it.
    pub fn page(&self) -> String {
        let fix = match self.fix {
            FixAvailability::None => "none",
            FixAvailability::Safe => "safe",
            FixAvailability::Unsafe => "unsafe",
            FixAvailability::Sometimes => "for some findings",
        };
        format!(
            "# {} ({})\n\nSeverity: {}. Group: {}. Fix: {}.\n\n{}",
            self.name,
            self.code,
            self.default_severity.name(),
            self.group.name(),
            fix,
            self.documentation()
        )
    }

    /// The first sentence of "What it does", for one-line listings.
    /// (Sentences end at a period followed by a space or the end of the paragraph.)
    pub fn summary(&self) -> String {
        let documentation = self.documentation();
        let after_heading = documentation
            .split_once("## What it does")
            .map_or(documentation.as_str(), |(_, rest)| rest);
        let paragraph: Vec<&str> = after_heading
            .lines()
            .skip_while(|line| line.trim().is_empty())
            .take_while(|line| !line.trim().is_empty())
            .collect();
        let paragraph = paragraph.join(" ");
        match paragraph.find(". ") {
            Some(end) => paragraph.get(..=end).unwrap_or_default().to_owned(),
            None => paragraph,
        }
    }
}

impl std::hash::Hash for RuleMeta {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.code.hash(state);
    }
}

/// How a rule finds what it reports.
#[derive(Clone, Copy)]
pub enum Check {
    /// A function that reads one file's model and reports diagnostics.
    File(fn(&mut LintContext<'_>)),
    /// The linter itself reports it: syntax errors while parsing, unused directives after
    /// suppression, cross-file findings when checking a set of files.
    Linter,
}

/// A rule in the registry: its description and its check.
#[derive(Clone, Copy)]
pub struct Rule {
    /// The description.
    pub meta: &'static RuleMeta,
    /// How it checks.
    pub check: Check,
}

/// Declares a rule's [`RuleMeta`] as the constant `RULE`, taking its documentation from the doc
/// comment above it.
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])+
        code: $code:literal,
        name: $name:literal,
        severity: $severity:ident,
        group: $group:ident,
        fix: $fix:ident $(,)?
    ) => {
        /// The rule's description; see the module documentation.
        pub(crate) static RULE: $crate::rule::RuleMeta = $crate::rule::RuleMeta {
            code: $code,
            name: $name,
            default_severity: $crate::diagnostic::Severity::$severity,
            group: $crate::rule::Group::$group,
            fix: $crate::rule::FixAvailability::$fix,
            docs: concat!($($doc, "\n"),+),
        };
    };
}

pub(crate) use declare_rule;
