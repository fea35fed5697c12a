//! The lint rules that keep an incident write-up on the Observe-Orient-Decide-Act method.
//!
//! [`check`] parses a file, builds its model and runs every enabled rule; [`lint`] does the last
//! step for a parse and model you already have. Each rule is one file in `rules/`, with its
//! documentation, check and fix. Rules are pure: they read the model and report
//! [`Diagnostic`]s; the command line and the language server turn those into output.

mod config;
mod context;
mod diagnostic;
mod evidence;
mod fix;
mod import;
mod next_step;
pub mod preset;
mod query;
pub mod registry;
mod render;
mod rule;
mod rules;
mod settings;
mod skeleton;
mod suggest;
mod suppression;
mod workspace;

use incident_model::Incident;
use incident_syntax::Parse;

pub use config::{CONFIG_FILE_NAME, Config, ConfigError, Selectors, has_incident_file_name};
pub use context::{LintContext, Report};
pub use diagnostic::{Applicability, Diagnostic, Edit, Fix, Label, Severity};
pub use fix::{FixedText, apply_fixes};
pub use import::{Imported, REVIEW_MARK, Unmapped, import_markdown, lost_words};
pub use next_step::{NextStep, Step, next_step};
pub use render::{
    SourceFile, group_to_codespan, grouped_by_importance, info_header, render_plain, to_codespan,
};
pub use rule::{Check, FixAvailability, Group, Rule, RuleMeta, RuleStatus, Scope};
pub use settings::{RuleSelection, Settings};
pub use skeleton::front_matter_scalar;
pub use suggest::{did_you_mean, is_placeholder};
pub use suppression::add_suppressions;
pub use workspace::{Workspace, WorkspaceFile, front_matter_field};

/// A checked file: its parse, its model and the diagnostics, sorted by position.
pub struct Checked {
    /// The syntax tree and errors.
    pub parse: Parse,
    /// The semantic model.
    pub incident: Incident,
    /// Every finding, syntax errors included, in source order.
    pub diagnostics: Vec<Diagnostic>,
}

/// Parses `text` with the settings' section names, builds its model and lints it.
pub fn check(text: &str, settings: &Settings) -> Checked {
    check_in_workspace(text, settings, None)
}

/// Like [`check`], for a file checked together with others: the rules that look across files
/// (duplicate incident IDs, references to unknown incidents) run too.
pub fn check_in_workspace(
    text: &str,
    settings: &Settings,
    workspace: Option<WorkspaceFile<'_>>,
) -> Checked {
    let parse = incident_syntax::parse_with(text, &settings.sections);
    let incident = Incident::build(&parse, &settings.model_options());
    let diagnostics = lint_in_workspace(&parse, &incident, settings, workspace);
    Checked {
        parse,
        incident,
        diagnostics,
    }
}

/// Runs every enabled rule on one file and applies its directives. Syntax errors come first
/// among findings at the same position.
pub fn lint(parse: &Parse, incident: &Incident, settings: &Settings) -> Vec<Diagnostic> {
    lint_in_workspace(parse, incident, settings, None)
}

/// Like [`lint`], with the other files checked together with this one.
pub fn lint_in_workspace(
    parse: &Parse,
    incident: &Incident,
    settings: &Settings,
    workspace: Option<WorkspaceFile<'_>>,
) -> Vec<Diagnostic> {
    let mut diagnostics: Vec<Diagnostic> = if settings.rules.is_enabled(&rules::syntax_error::RULE)
    {
        rules::syntax_error::diagnostics(parse.errors())
    } else {
        Vec::new()
    };
    let investigation = incident.has_investigation();
    for rule in registry::rules() {
        let Check::File(check) = rule.check else {
            continue;
        };
        if !settings.rules.is_enabled(rule.meta)
            || (rule.meta.scope == Scope::Investigation && !investigation)
        {
            continue;
        }
        let mut cx = LintContext::new(parse, incident, settings, workspace, rule.meta);
        check(&mut cx);
        diagnostics.extend(cx.into_diagnostics());
    }
    suppression::apply(parse, incident, settings, &mut diagnostics);
    diagnostics.sort_by_key(|diagnostic| {
        (
            diagnostic.range.start(),
            diagnostic.range.end(),
            diagnostic.rule.code,
        )
    });
    diagnostics
}

/// The outcome of fixing a file until no fix applies.
#[derive(Clone, Debug)]
pub struct FixOutcome {
    /// The fixed text.
    pub text: String,
    /// How many fixes were applied over all rounds.
    pub applied: usize,
}

/// Applies fixes up to `allowed` applicability, re-checking after each round, until none
/// applies or a few rounds have passed (fixes that keep producing work stop there). A round
/// applies safe fixes when there are any, and unsafe ones only after: a corrected heading must
/// not first be taken for a missing section.
pub fn fix_until_stable(text: &str, settings: &Settings, allowed: Applicability) -> FixOutcome {
    const MAX_ROUNDS: usize = 8;
    let mut current = text.to_owned();
    let mut applied = 0;
    for _ in 0..MAX_ROUNDS {
        let checked = check(&current, settings);
        let levels: &[Applicability] = match allowed {
            Applicability::Safe => &[Applicability::Safe],
            Applicability::Unsafe => &[Applicability::Safe, Applicability::Unsafe],
        };
        let round = levels
            .iter()
            .find_map(|&level| fix_round(&current, &checked, level, settings));
        match round {
            Some(fixed) => {
                applied += fixed.applied;
                current = fixed.text;
            }
            None => break,
        }
    }
    FixOutcome {
        text: current,
        applied,
    }
}

/// A code block or HTML block, whose lines are taken as they are.
struct VerbatimBlock {
    range: incident_syntax::TextRange,
    /// Whether text added at its end still belongs to it: a code fence that is never closed.
    open_at_end: bool,
}

impl VerbatimBlock {
    /// Whether an edit of `range` would change or add text inside the block.
    fn swallows(&self, range: incident_syntax::TextRange) -> bool {
        let inside = |offset: u32| {
            offset > self.range.start()
                && (offset < self.range.end() || (offset == self.range.end() && self.open_at_end))
        };
        inside(range.start()) || inside(range.end())
    }
}

fn verbatim_blocks(parse: &Parse) -> Vec<VerbatimBlock> {
    use incident_syntax::SyntaxKind;
    parse
        .root()
        .descendants()
        .filter_map(|node| match node.kind() {
            SyntaxKind::CodeBlock => Some(VerbatimBlock {
                range: node.range(),
                open_at_end: node.children_of(SyntaxKind::Fence).count() < 2,
            }),
            // An HTML block ends at a blank line, so one that reaches the end of the text
            // without one takes what is added after it.
            SyntaxKind::HtmlBlock => Some(VerbatimBlock {
                range: node.range(),
                open_at_end: !node.text().ends_with("\n\n"),
            }),
            _ => None,
        })
        .collect()
}

/// One round of fixes at `level`. Fixes are checked against the parser: when applying them
/// together would add a syntax error (text that starts to read as another construct), the
/// round falls back to the first fix that adds none on its own.
fn fix_round(
    text: &str,
    checked: &Checked,
    level: Applicability,
    settings: &Settings,
) -> Option<FixedText> {
    let errors = checked.parse.errors().len();
    let adds_errors = |fixed: &FixedText| {
        incident_syntax::parse_with(&fixed.text, &settings.sections)
            .errors()
            .len()
            > errors
    };
    // Text inserted into a code fence or an HTML block would read as part of it: the finding
    // stays, and every run would insert it again.
    let blocks = verbatim_blocks(&checked.parse);
    let applicable: Vec<Diagnostic> = checked
        .diagnostics
        .iter()
        .filter(|diagnostic| {
            diagnostic.fix.as_ref().is_some_and(|fix| {
                !fix.edits
                    .iter()
                    .any(|edit| blocks.iter().any(|block| block.swallows(edit.range)))
            })
        })
        .cloned()
        .collect();
    let together = apply_fixes(text, &applicable, level)?;
    if !adds_errors(&together) {
        return Some(together);
    }
    applicable.iter().find_map(|diagnostic| {
        apply_fixes(text, std::slice::from_ref(diagnostic), level)
            .filter(|fixed| !adds_errors(fixed))
    })
}
