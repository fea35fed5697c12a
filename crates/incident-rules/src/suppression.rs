//! In-file directives: `<!-- incident-lint disable|enable|disable-next-line RULES -->`: applying
//! them, and writing them for `--add-suppressions`.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use incident_model::{DirectiveVerb, Incident};
use incident_syntax::{ColumnUnit, LineIndex, Parse, SyntaxKind, TextRange};

use crate::diagnostic::{Diagnostic, Edit, Severity};
use crate::registry;
use crate::rule::RuleMeta;
use crate::rules::{syntax_error, unknown_directive_rule, unused_directive};
use crate::settings::Settings;

/// A directive with its rules resolved.
struct ResolvedDirective {
    verb: DirectiveVerb,
    /// `None` means every rule.
    rules: Option<Vec<&'static RuleMeta>>,
    range: TextRange,
    /// Where it starts to apply.
    starts_at: u32,
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
    let content_start = content_start(parse);
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
            // A `disable` before anything but directives covers the front matter too,
            // which cannot hold a directive of its own.
            let file_wide =
                verb == DirectiveVerb::Disable && directive.range.start() < content_start;
            Some(ResolvedDirective {
                verb,
                rules,
                range: directive.range,
                starts_at: if file_wide {
                    0
                } else {
                    directive.range.start()
                },
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
    // The directives of each line that a disable-next-line directive targets: the first
    // non-blank line after it.
    let mut next_line_directives: HashMap<u32, Vec<usize>> = HashMap::new();
    for (directive_idx, directive) in directives.iter().enumerate() {
        if directive.verb != DirectiveVerb::DisableNextLine {
            continue;
        }
        let after = line_of(directive.range.end().saturating_sub(1)) + 1;
        if let Some(target) = next_non_blank_line(text, &index, after) {
            next_line_directives
                .entry(target)
                .or_default()
                .push(directive_idx);
        }
    }
    // Disable and enable directives apply in order: for each finding, the last one written
    // that has started and covers its rule decides. One sweep over the findings in source
    // order keeps, per rule, the last such directive so far, so the work grows with the
    // findings plus the directives, not with their product.
    let mut range_directives: Vec<usize> = (0..directives.len())
        .filter(|&idx| {
            directives
                .get(idx)
                .is_some_and(|directive| directive.verb != DirectiveVerb::DisableNextLine)
        })
        .collect();
    range_directives.sort_by_key(|&idx| directives.get(idx).map(|directive| directive.starts_at));
    let mut findings: Vec<usize> = (0..diagnostics.len()).collect();
    findings.sort_by_key(|&idx| {
        diagnostics
            .get(idx)
            .map(|diagnostic| diagnostic.range.start())
    });
    let mut started = range_directives.iter().peekable();
    let mut last_for_every_rule: Option<usize> = None;
    let mut last_for_rule: HashMap<&'static str, usize> = HashMap::new();
    let mut suppressed = vec![false; diagnostics.len()];
    for finding_idx in findings {
        let Some(diagnostic) = diagnostics.get(finding_idx) else {
            continue;
        };
        if diagnostic.rule.code == syntax_error::RULE.code {
            continue;
        }
        let offset = diagnostic.range.start();
        while let Some(&&directive_idx) = started.peek() {
            let Some(directive) = directives.get(directive_idx) else {
                break;
            };
            if directive.starts_at > offset {
                break;
            }
            match &directive.rules {
                None => last_for_every_rule = last_for_every_rule.max(Some(directive_idx)),
                Some(rules) => {
                    for rule in rules {
                        let last = last_for_rule.entry(rule.code).or_insert(directive_idx);
                        *last = (*last).max(directive_idx);
                    }
                }
            }
            started.next();
        }
        let deciding = last_for_every_rule.max(last_for_rule.get(diagnostic.rule.code).copied());
        let mut is_suppressed = false;
        if let Some(directive) = deciding.and_then(|idx| directives.get_mut(idx))
            && directive.verb == DirectiveVerb::Disable
        {
            directive.used = true;
            is_suppressed = true;
        }
        let line = line_of(offset);
        for &directive_idx in next_line_directives.get(&line).into_iter().flatten() {
            if let Some(directive) = directives.get_mut(directive_idx)
                && directive.covers(diagnostic.rule)
            {
                directive.used = true;
                is_suppressed = true;
            }
        }
        if let Some(slot) = suppressed.get_mut(finding_idx) {
            *slot = is_suppressed;
        }
    }
    let mut finding_idx = 0;
    diagnostics.retain(|_| {
        let keep = !suppressed.get(finding_idx).copied().unwrap_or(false);
        finding_idx += 1;
        keep
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

/// Where the document's content starts: its first block after the front matter that is not a
/// directive.
fn content_start(parse: &Parse) -> u32 {
    let root = parse.root();
    root.child_nodes()
        .filter(|node| matches!(node.kind(), SyntaxKind::Preamble | SyntaxKind::Section))
        .flat_map(|container| {
            // A section's heading is content; a preamble's blocks are its children.
            if container.kind() == SyntaxKind::Section {
                vec![container]
            } else {
                container.child_nodes().collect()
            }
        })
        .find(|node| node.kind() != SyntaxKind::Directive)
        .map_or(root.range().end(), |node| node.range().start())
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

/// Directives that suppress `diagnostics` in `text`, for `--add-suppressions`: the text with
/// them written in, and how many findings they cover. A finding on the first line of a block
/// or list item gets a `disable-next-line` directive above that line (merged into one already
/// there); one inside a block (a table row, a paragraph's second line) gets `disable` and
/// `enable` around the block; one in the front matter, which cannot hold a directive, gets a
/// `disable` right after it, which covers the whole file (§10). Syntax errors and findings
/// about directives are left alone.
pub fn add_suppressions(
    text: &str,
    diagnostics: &[Diagnostic],
    reason: Option<&str>,
) -> (String, usize) {
    let parse = incident_syntax::parse(text);
    let incident = Incident::build(&parse, &incident_model::ModelOptions::default());
    let index = LineIndex::new(text);
    let line_of = |offset: u32| index.line_col(text, offset, ColumnUnit::Utf8).line;
    let line_start = |line: u32| index.line_start(line).unwrap_or(0);
    let eol = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let root = parse.root();
    let front_matter_end = root
        .child(SyntaxKind::FrontMatter)
        .map(|front_matter| front_matter.range().end());
    // Where blocks and list items start: a directive can stand on the line before.
    let starts: HashSet<u32> = root
        .descendants()
        .filter(|node| BLOCK_KINDS.contains(&node.kind()))
        .map(|node| node.range().start())
        .collect();
    // The top-level blocks, in order, for findings inside one.
    let blocks: Vec<TextRange> = root
        .descendants()
        .filter(|node| matches!(node.kind(), SyntaxKind::Preamble | SyntaxKind::Section))
        .flat_map(|container| container.child_nodes())
        .map(|node| node.range())
        .collect();
    let next_line_directives: HashMap<u32, &incident_model::Directive> = incident
        .directives
        .iter()
        .filter(|directive| directive.verb == Some(DirectiveVerb::DisableNextLine))
        .filter_map(|directive| {
            let after = line_of(directive.range.end().saturating_sub(1)) + 1;
            Some((next_non_blank_line(text, &index, after)?, directive))
        })
        .collect();

    let mut file_wide: BTreeSet<&'static str> = BTreeSet::new();
    let mut next_line: BTreeMap<u32, BTreeSet<&'static str>> = BTreeMap::new();
    let mut around: BTreeMap<(u32, u32), BTreeSet<&'static str>> = BTreeMap::new();
    let mut covered = 0;
    for diagnostic in diagnostics {
        let rule = diagnostic.rule;
        if [
            syntax_error::RULE.code,
            unused_directive::RULE.code,
            unknown_directive_rule::RULE.code,
        ]
        .contains(&rule.code)
        {
            continue;
        }
        let offset = diagnostic.range.start();
        covered += 1;
        if front_matter_end.is_some_and(|end| offset < end) {
            file_wide.insert(rule.name);
            continue;
        }
        let line = line_of(offset);
        let first_char = line_start(line)
            + text.get(line_start(line) as usize..).map_or(0, |rest| {
                rest.len() - rest.trim_start_matches([' ', '\t']).len()
            }) as u32;
        if starts.contains(&first_char) {
            next_line.entry(line).or_default().insert(rule.name);
            continue;
        }
        match blocks.iter().find(|block| block.contains(offset)) {
            Some(block) => {
                around
                    .entry((block.start(), block.end()))
                    .or_default()
                    .insert(rule.name);
            }
            None => {
                covered -= 1;
            }
        }
    }

    let directive = |verb: &str, rules: &BTreeSet<&str>, reason: Option<&str>| {
        let rules: Vec<&str> = rules.iter().copied().collect();
        let reason = reason
            .filter(|reason| !reason.trim().is_empty())
            .map_or_else(String::new, |reason| format!(" -- {}", reason.trim()));
        format!("<!-- incident-lint {verb} {}{reason} -->", rules.join(" "))
    };
    let mut edits: Vec<Edit> = Vec::new();
    if let Some(end) = front_matter_end.filter(|_| !file_wide.is_empty()) {
        let lead = if text
            .get(..end as usize)
            .is_some_and(|head| head.ends_with('\n'))
        {
            ""
        } else {
            eol
        };
        edits.push(Edit::insert(
            end,
            format!(
                "{lead}{eol}{}{eol}",
                directive("disable", &file_wide, reason)
            ),
        ));
    }
    for ((start, end), rules) in around {
        let start_line = line_start(line_of(start));
        edits.push(Edit::insert(
            start_line,
            format!("{}{eol}", directive("disable", &rules, reason)),
        ));
        let lead = if text
            .get(..end as usize)
            .is_some_and(|head| head.ends_with('\n'))
        {
            ""
        } else {
            eol
        };
        edits.push(Edit::insert(
            end,
            format!("{lead}{}{eol}", directive("enable", &rules, None)),
        ));
    }
    for (line, mut rules) in next_line {
        let start = line_start(line);
        let indent: String = text
            .get(start as usize..)
            .unwrap_or_default()
            .chars()
            .take_while(|c| *c == ' ' || *c == '\t')
            .collect();
        match next_line_directives.get(&line) {
            Some(existing) if !existing.rules.is_empty() => {
                rules.extend(
                    existing
                        .rules
                        .iter()
                        .filter_map(|rule| registry::find(&rule.value))
                        .map(|meta| meta.name),
                );
                let kept_reason = existing.reason.as_ref().map(|reason| reason.value.as_str());
                let written = text.get(existing.range.to_usize()).unwrap_or_default();
                let comment_len = written.trim_end().len() as u32;
                let comment =
                    TextRange::new(existing.range.start(), existing.range.start() + comment_len);
                edits.push(Edit::replace(
                    comment,
                    directive("disable-next-line", &rules, kept_reason.or(reason)),
                ));
            }
            // A directive for every rule already covers the line.
            Some(_) => {}
            None => edits.push(Edit::insert(
                start,
                format!(
                    "{indent}{}{eol}",
                    directive("disable-next-line", &rules, reason)
                ),
            )),
        }
    }
    // Stable: at one offset, an `enable` ends its block before the next directive starts.
    edits.sort_by_key(|edit| (edit.range.start(), edit.range.end()));
    let written = crate::fix::splice(text, &edits);
    (written, covered)
}

/// Nodes a `disable-next-line` directive can stand before.
const BLOCK_KINDS: [SyntaxKind; 9] = [
    SyntaxKind::Heading,
    SyntaxKind::Paragraph,
    SyntaxKind::List,
    SyntaxKind::ListItem,
    SyntaxKind::Table,
    SyntaxKind::CodeBlock,
    SyntaxKind::HtmlBlock,
    SyntaxKind::BlockQuote,
    SyntaxKind::ThematicBreak,
];
