//! What a rule sees while it checks one file, and how it reports.

use incident_model::Incident;
use incident_syntax::{Parse, TextRange};

use crate::diagnostic::{Diagnostic, Fix, Label, Severity};
use crate::rule::RuleMeta;
use crate::settings::Settings;
use crate::workspace::WorkspaceFile;

/// The file under check, the settings, and the diagnostics reported so far by one rule.
pub struct LintContext<'a> {
    /// The syntax tree and errors.
    pub parse: &'a Parse,
    /// The semantic model.
    pub incident: &'a Incident,
    /// The settings.
    pub settings: &'a Settings,
    /// The other files checked with this one, when there are any.
    pub workspace: Option<WorkspaceFile<'a>>,
    rule: &'static RuleMeta,
    diagnostics: Vec<Diagnostic>,
}

impl<'a> LintContext<'a> {
    pub(crate) fn new(
        parse: &'a Parse,
        incident: &'a Incident,
        settings: &'a Settings,
        workspace: Option<WorkspaceFile<'a>>,
        rule: &'static RuleMeta,
    ) -> LintContext<'a> {
        LintContext {
            parse,
            incident,
            settings,
            workspace,
            rule,
            diagnostics: Vec::new(),
        }
    }

    /// The source text.
    pub fn text(&self) -> &'a str {
        self.parse.text()
    }

    /// The source text of `range`.
    pub fn slice(&self, range: TextRange) -> &'a str {
        self.text().get(range.to_usize()).unwrap_or_default()
    }

    /// Whether the incident is over (its status is one of the configured "over" statuses, or it
    /// gives no status and is plainly a post-mortem), so the write-up is a post-mortem.
    pub fn is_over(&self) -> bool {
        self.settings.is_over(self.incident)
    }

    /// Reports a finding of the current rule at its configured or default severity. Add
    /// labels, help and a fix with the returned [`Report`]; it is recorded when dropped.
    pub fn report(&mut self, range: TextRange, message: impl Into<String>) -> Report<'_> {
        let severity = self.rule.default_severity;
        self.report_at(severity, range, message)
    }

    /// Reports a finding at `severity`, unless configuration fixes the rule's severity.
    pub fn report_at(
        &mut self,
        severity: Severity,
        range: TextRange,
        message: impl Into<String>,
    ) -> Report<'_> {
        let severity = self
            .settings
            .rules
            .configured_severity(self.rule)
            .unwrap_or(severity);
        Report {
            sink: &mut self.diagnostics,
            diagnostic: Some(Diagnostic {
                rule: self.rule,
                severity,
                message: message.into(),
                range,
                labels: Vec::new(),
                help: None,
                fix: None,
            }),
        }
    }

    pub(crate) fn into_diagnostics(self) -> Vec<Diagnostic> {
        self.diagnostics
    }
}

/// A diagnostic being reported: add to it, and it is recorded when it goes out of scope.
pub struct Report<'c> {
    sink: &'c mut Vec<Diagnostic>,
    diagnostic: Option<Diagnostic>,
}

impl Report<'_> {
    /// Adds a secondary span with a message.
    pub fn label(mut self, range: TextRange, message: impl Into<String>) -> Self {
        if let Some(diagnostic) = &mut self.diagnostic {
            diagnostic.labels.push(Label {
                range,
                message: message.into(),
            });
        }
        self
    }

    /// Says what to do instead, in terms of the method.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        if let Some(diagnostic) = &mut self.diagnostic {
            diagnostic.help = Some(help.into());
        }
        self
    }

    /// Attaches a fix.
    pub fn fix(mut self, fix: Fix) -> Self {
        if let Some(diagnostic) = &mut self.diagnostic {
            diagnostic.fix = Some(fix);
        }
        self
    }
}

impl Drop for Report<'_> {
    fn drop(&mut self) {
        if let Some(diagnostic) = self.diagnostic.take() {
            self.sink.push(diagnostic);
        }
    }
}
