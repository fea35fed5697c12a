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
    /// What the rule needs to apply.
    pub scope: Scope,
    /// Markdown documentation from the rule's doc comment: what it does, why, examples.
    pub docs: &'static str,
}

/// What a write-up must have for a rule to apply.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    /// Every write-up.
    File,
    /// A recorded investigation (see `Incident::has_investigation`): rules about the order of
    /// the Observe-Orient-Decide-Act loop leave plain post-mortems alone.
    Investigation,
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
        let status = match crate::registry::status(self) {
            RuleStatus::Stable => String::new(),
            status => format!(" Status: {}.", status.name()),
        };
        format!(
            "# {} ({})\n\nSeverity: {}. Group: {}. Fix: {}.{status}\n\n{}",
            self.name,
            self.code,
            self.default_severity.name(),
            self.group.name(),
            fix,
            self.documentation()
        )
    }

    /// The first sentence of "What it does", for one-line listings.
    /// (Sentences end at a period followed by a space, outside code spans such as
    /// `` `- ca. 18:30` ``, or at the end of the paragraph.)
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
        let mut in_code = false;
        let sentence_end = paragraph.char_indices().find_map(|(at, c)| {
            if c == '`' {
                in_code = !in_code;
            }
            let followed_by_space = paragraph
                .get(at + 1..)
                .is_some_and(|rest| rest.starts_with(' '));
            (c == '.' && !in_code && followed_by_space).then_some(at)
        });
        match sentence_end {
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

/// Where a rule is in its life. A rule is born in preview, where its findings can still change,
/// becomes stable, and may later be deprecated and then removed; its code is never reused.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RuleStatus {
    /// Runs as its group says.
    Stable,
    /// Runs only in preview mode (`--preview`, `preview = true`), even when selected.
    Preview,
    /// Still runs, but will be removed; its documentation says what replaces it.
    Deprecated,
    /// No longer runs; selecting it is an error that says so.
    Removed,
}

impl RuleStatus {
    /// The status's name, as `incident-lint rules` shows it.
    pub fn name(self) -> &'static str {
        match self {
            RuleStatus::Stable => "stable",
            RuleStatus::Preview => "preview",
            RuleStatus::Deprecated => "deprecated",
            RuleStatus::Removed => "removed",
        }
    }

    /// Whether a selected rule with this status runs, in preview mode or not.
    pub fn runs(self, preview: bool) -> bool {
        match self {
            RuleStatus::Stable | RuleStatus::Deprecated => true,
            RuleStatus::Preview => preview,
            RuleStatus::Removed => false,
        }
    }
}

/// A rule in the registry: its status, its description and its check.
#[derive(Clone, Copy)]
pub struct Rule {
    /// Where it is in its life.
    pub status: RuleStatus,
    /// The description.
    pub meta: &'static RuleMeta,
    /// How it checks.
    pub check: Check,
}

impl Rule {
    /// A registry entry.
    pub(crate) const fn new(status: RuleStatus, meta: &'static RuleMeta, check: Check) -> Rule {
        Rule {
            status,
            meta,
            check,
        }
    }
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
        fix: $fix:ident
        $(, scope: $scope:ident)? $(,)?
    ) => {
        /// The rule's description; see the module documentation.
        pub(crate) static RULE: $crate::rule::RuleMeta = $crate::rule::RuleMeta {
            code: $code,
            name: $name,
            default_severity: $crate::diagnostic::Severity::$severity,
            group: $crate::rule::Group::$group,
            fix: $crate::rule::FixAvailability::$fix,
            scope: declare_rule!(@scope $($scope)?),
            docs: concat!($($doc, "\n"),+),
        };
    };
    (@scope) => {
        $crate::rule::Scope::File
    };
    (@scope $scope:ident) => {
        $crate::rule::Scope::$scope
    };
}

pub(crate) use declare_rule;

#[cfg(test)]
mod tests {
    use super::RuleStatus;

    #[test]
    fn preview_rules_run_only_in_preview_mode_and_removed_ones_never() {
        let runs = |status: RuleStatus| (status.runs(false), status.runs(true));
        assert_eq!(runs(RuleStatus::Stable), (true, true));
        assert_eq!(runs(RuleStatus::Deprecated), (true, true));
        assert_eq!(runs(RuleStatus::Preview), (false, true));
        assert_eq!(runs(RuleStatus::Removed), (false, false));
    }
}
