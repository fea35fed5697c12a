//! In-file directives: `<!-- incident-lint disable|enable|disable-next-line RULES -->`.

use incident_model::{DirectiveVerb, Incident};
use incident_syntax::{ColumnUnit, LineIndex, Parse, TextRange};

use crate::diagnostic::{Diagnostic, Severity};
use crate::registry;
use crate::rule::RuleMeta;
use crate::rules::{syntax_error, unused_directive};
use crate::settings::Settings;

/// A directive with its rules resolved.
struct ResolvedDirective {
    verb: DirectiveVerb,
    /// `None` means every rule.
    rules: Option<Vec<&'static RuleMeta>>,
    range: TextRange,
    used: bool,
}

impl ResolvedDirective {
    fn covers(&self, rule: &RuleMeta) -> bool {
        self.rules
            .as_ref()
            .is_none_or(|rules| rules.iter().any(|covered| covered.code == rule.code))
    }
}

/// Removes the diagnostics that directives suppress, and reports directives that suppress
/// nothing. Syntax errors are never suppressed. Rule names that match no rule are reported by
/// the `unknown-directive-rule` rule and otherwise ignored here.
pub(crate) fn apply(
    parse: &Parse,
    incident: &Incident,
    settings: &Settings,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let mut directives: Vec<ResolvedDirective> = incident
        .directives
        .iter()
        .filter_map(|directive| {
            let verb = directive.verb?;
            let rules = if directive.rules.is_empty() {
                None
            } else {
                Some(
                    directive
                        .rules
                        .iter()
                        .filter_map(|rule| registry::find(&rule.value))
                        .collect(),
                )
            };
            Some(ResolvedDirective {
                verb,
                rules,
                range: directive.range,
                used: false,
            })
        })
        .collect();
    if directives.is_empty() {
        return;
    }
    let text = parse.text();
    let index = LineIndex::new(text);
    let line_of = |offset: u32| index.line_col(text, offset, ColumnUnit::Utf8).line;
    // The line each disable-next-line directive targets: the first non-blank line after it.
    let targets: Vec<Option<u32>> = directives
        .iter()
        .map(|directive| {
            (directive.verb == DirectiveVerb::DisableNextLine)
                .then(|| {
                    next_non_blank_line(
                        text,
                        &index,
                        line_of(directive.range.end().saturating_sub(1)) + 1,
                    )
                })
                .flatten()
        })
        .collect();
    diagnostics.retain(|diagnostic| {
        if diagnostic.rule.code == syntax_error::RULE.code {
            return true;
        }
        let offset = diagnostic.range.start();
        let line = line_of(offset);
        let mut suppressed = false;
        // Directives apply in order: the last disable or enable before the finding decides.
        let mut range_suppressor: Option<usize> = None;
        for (directive_idx, directive) in directives.iter().enumerate() {
            if directive.range.start() > offset || !directive.covers(diagnostic.rule) {
                continue;
            }
            match directive.verb {
                DirectiveVerb::Disable => range_suppressor = Some(directive_idx),
                DirectiveVerb::Enable => range_suppressor = None,
                DirectiveVerb::DisableNextLine => {}
            }
        }
        for (directive_idx, directive) in directives.iter_mut().enumerate() {
            let by_next_line = directive.verb == DirectiveVerb::DisableNextLine
                && targets.get(directive_idx).copied().flatten() == Some(line)
                && directive.covers(diagnostic.rule);
            if by_next_line || range_suppressor == Some(directive_idx) {
                directive.used = true;
                suppressed = true;
            }
        }
        !suppressed
    });
    if !settings.rules.is_enabled(&unused_directive::RULE) {
        return;
    }
    let severity = settings
        .rules
        .configured_severity(&unused_directive::RULE)
        .unwrap_or(Severity::Warning);
    // A directive whose rules are all turned off by configuration might still be needed when
    // they are turned on, so only directives covering a running rule can be unused.
    let covers_running_rule = |directive: &ResolvedDirective| {
        directive
            .rules
            .as_ref()
            .is_none_or(|rules| rules.iter().any(|rule| settings.rules.is_enabled(rule)))
    };
    for directive in directives.iter().filter(|directive| {
        !directive.used && directive.verb != DirectiveVerb::Enable && covers_running_rule(directive)
    }) {
        let written = text.get(directive.range.to_usize()).unwrap_or_default();
        let shown = TextRange::new(
            directive.range.start(),
            directive.range.start() + written.trim_end().len() as u32,
        );
        diagnostics.push(unused_directive::diagnostic(
            shown,
            removal_range(text, directive.range),
            severity,
        ));
    }
}

fn next_non_blank_line(text: &str, index: &LineIndex, from: u32) -> Option<u32> {
    (from..index.line_count()).find(|&line| {
        let start = index.line_start(line).unwrap_or(0) as usize;
        let end = index
            .line_start(line + 1)
            .map_or(text.len(), |end| end as usize);
        text.get(start..end)
            .is_some_and(|line_text| !line_text.trim().is_empty())
    })
}

/// The text to remove with a directive on its own line: the line, and one blank line after it
/// when a blank line also precedes it, so that no double blank line is left behind.
fn removal_range(text: &str, line_range: TextRange) -> TextRange {
    let before = text.get(..line_range.start() as usize).unwrap_or_default();
    let after = text.get(line_range.end() as usize..).unwrap_or_default();
    let blank_before =
        before.is_empty() || before.ends_with("\n\n") || before.ends_with("\r\n\r\n");
    let blank_after = ["\r\n", "\n"]
        .into_iter()
        .find(|eol| after.starts_with(eol));
    match blank_after {
        Some(eol) if blank_before => {
            TextRange::new(line_range.start(), line_range.end() + eol.len() as u32)
        }
        _ => line_range,
    }
}
