//! Fixture tests: every file in `test_data/` is linted with the one rule its name starts with.
//!
//! `INC301_missing_timeline.incident` must trigger INC301; `INC301_missing_timeline_ok.incident`
//! is a near miss that must not. The snapshot holds the rendered diagnostics and, when the rule
//! offers fixes, the text after applying them. Every fix is checked: it leaves the bytes
//! around its edits unchanged, adds no syntax error, does not make its rule fire more often,
//! and a safe fix removes its finding without causing another.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use incident_rules::{
    Applicability, Diagnostic, FixAvailability, RuleMeta, RuleSelection, Settings, Workspace,
    WorkspaceFile, apply_fixes, check, check_in_workspace, registry, render_plain,
};

/// Settings that run `rule` alone, in preview or not; directive rules (INC6xx) need the rules
/// they suppress too.
fn settings_for(rule: &'static RuleMeta) -> Settings {
    let mut rules = if rule.code.starts_with("INC6") {
        RuleSelection::default()
    } else {
        RuleSelection::none()
    };
    rules.enable(&[rule]);
    rules.set_preview(true);
    Settings {
        rules,
        today: "2026-11-27".parse().ok(),
        ..Settings::default()
    }
}

/// The fixtures checked together: for the rules across files (INC7xx), every fixture of the
/// same rule; otherwise none.
fn workspace_for(rule: &'static RuleMeta) -> Workspace {
    let mut workspace = Workspace::default();
    if rule.code.starts_with("INC7") {
        for entry in fs::read_dir("test_data").unwrap() {
            let path = entry.unwrap().path();
            let name = path
                .file_name()
                .and_then(|name| name.to_str())
                .unwrap()
                .to_owned();
            if name.starts_with(rule.code) {
                workspace.add_text(&name, &fs::read_to_string(&path).unwrap());
            }
        }
    }
    workspace
}

/// The default rules, preview rules included, so that fixes and good write-ups are checked
/// against them too.
fn default_settings() -> Settings {
    let mut rules = RuleSelection::default();
    rules.set_preview(true);
    Settings {
        rules,
        today: "2026-11-27".parse().ok(),
        ..Settings::default()
    }
}

fn rule_of(path: &Path) -> &'static RuleMeta {
    let name = path.file_stem().and_then(|stem| stem.to_str()).unwrap();
    let code = name.split('_').next().unwrap();
    registry::find(code).unwrap_or_else(|| panic!("{name}: fixture names start with a rule code"))
}

fn is_near_miss(path: &Path) -> bool {
    path.file_stem()
        .and_then(|stem| stem.to_str())
        .is_some_and(|stem| stem.ends_with("_ok"))
}

fn counts(diagnostics: &[Diagnostic]) -> BTreeMap<(String, String), usize> {
    let mut counts = BTreeMap::new();
    for diagnostic in diagnostics {
        *counts
            .entry((diagnostic.code().to_owned(), diagnostic.message.clone()))
            .or_insert(0) += 1;
    }
    counts
}

/// Checks one fix of `diagnostic` on `text` and returns the fixed text.
fn check_fix(path: &Path, text: &str, diagnostic: &Diagnostic, rule: &'static RuleMeta) -> String {
    let fix = diagnostic.fix.as_ref().unwrap();
    let fixed = apply_fixes(
        text,
        std::slice::from_ref(diagnostic),
        Applicability::Unsafe,
    )
    .unwrap_or_else(|| panic!("{}: fix `{}` does not apply", path.display(), fix.title))
    .text;
    let first = fix
        .edits
        .iter()
        .map(|edit| edit.range.start() as usize)
        .min()
        .unwrap();
    let last = fix
        .edits
        .iter()
        .map(|edit| edit.range.end() as usize)
        .max()
        .unwrap();
    assert_eq!(
        &fixed[..first],
        &text[..first],
        "{}: fix changed bytes before its edits",
        path.display()
    );
    assert_eq!(
        &fixed[fixed.len() - (text.len() - last)..],
        &text[last..],
        "{}: fix changed bytes after its edits",
        path.display()
    );
    let before = check(text, &default_settings());
    let after = check(&fixed, &default_settings());
    assert!(
        after.parse.errors().len() <= before.parse.errors().len(),
        "{}: fix `{}` adds a syntax error: {:#?}",
        path.display(),
        fix.title,
        after.parse.errors()
    );
    let of_rule = |diagnostics: &[Diagnostic]| {
        diagnostics
            .iter()
            .filter(|d| d.rule.code == rule.code)
            .count()
    };
    let alone_before = check(text, &settings_for(rule)).diagnostics;
    let alone_after = check(&fixed, &settings_for(rule)).diagnostics;
    assert!(
        of_rule(&alone_after) <= of_rule(&alone_before),
        "{}: fix `{}` makes its rule fire more",
        path.display(),
        fix.title
    );
    if fix.applicability == Applicability::Safe {
        assert!(
            of_rule(&alone_after) < of_rule(&alone_before),
            "{}: safe fix `{}` leaves its finding",
            path.display(),
            fix.title
        );
        // A corrected value may reveal findings it hid (a fixed `status` brings in the
        // post-mortem rules); what the fix wrote must not be a finding itself.
        let before_counts = counts(&before.diagnostics);
        let mut shift: i64 = 0;
        let mut written: Vec<(u32, u32)> = Vec::new();
        let mut edits: Vec<_> = fix.edits.iter().collect();
        edits.sort_by_key(|edit| edit.range.start());
        for edit in edits {
            let start = (i64::from(edit.range.start()) + shift) as u32;
            written.push((start, start + edit.replacement.len() as u32));
            shift += edit.replacement.len() as i64 - i64::from(edit.range.len());
        }
        for diagnostic in &after.diagnostics {
            let key = (diagnostic.code().to_owned(), diagnostic.message.clone());
            let is_new =
                before_counts.get(&key).copied().unwrap_or(0) < counts(&after.diagnostics)[&key];
            let touches_fix = written.iter().any(|&(start, end)| {
                diagnostic.range.start() <= end && start <= diagnostic.range.end()
            });
            assert!(
                !(is_new && touches_fix),
                "{}: safe fix `{}` wrote a new finding {key:?}",
                path.display(),
                fix.title
            );
        }
    }
    fixed
}

#[test]
fn rule_fixtures() {
    insta::glob!("../test_data", "*.incident", |path| {
        let text = fs::read_to_string(path).unwrap();
        let rule = rule_of(path);
        let workspace = workspace_for(rule);
        let name = path.file_name().and_then(|name| name.to_str()).unwrap();
        let file = WorkspaceFile {
            workspace: &workspace,
            path: name,
        };
        let checked = check_in_workspace(&text, &settings_for(rule), Some(file));
        if rule.code != "INC000" {
            let errors = checked.parse.errors();
            assert!(
                errors.is_empty(),
                "{}: fixture has syntax errors {errors:#?}",
                path.display()
            );
        }
        let found: Vec<Diagnostic> = checked
            .diagnostics
            .into_iter()
            .filter(|d| d.rule.code == rule.code)
            .collect();
        if is_near_miss(path) {
            assert!(
                found.is_empty(),
                "{}: near miss triggers {}:\n{}",
                path.display(),
                rule.name,
                render_plain("fixture", &text, &found)
            );
            return;
        }
        assert!(
            !found.is_empty(),
            "{}: fixture does not trigger {}",
            path.display(),
            rule.name
        );
        let mut snapshot = render_plain(name, &text, &found);
        for diagnostic in found.iter().filter(|diagnostic| diagnostic.fix.is_some()) {
            let fixed = check_fix(path, &text, diagnostic, rule);
            let title = &diagnostic.fix.as_ref().unwrap().title;
            let _ = write!(snapshot, "\n--- after fix `{title}` ---\n{fixed}");
        }
        insta::assert_snapshot!(snapshot);
    });
}

#[test]
fn safe_fixes_reach_a_fixpoint() {
    for entry in fs::read_dir("test_data").unwrap() {
        let path = entry.unwrap().path();
        let text = fs::read_to_string(&path).unwrap();
        let once =
            incident_rules::fix_until_stable(&text, &default_settings(), Applicability::Safe).text;
        let twice =
            incident_rules::fix_until_stable(&once, &default_settings(), Applicability::Safe).text;
        assert_eq!(
            once,
            twice,
            "{}: applying safe fixes twice differs from once",
            path.display()
        );
    }
}

/// Every fix, unsafe ones included, applied until nothing changes and then again: the text
/// reaches a fixpoint, never holds a second title heading, and keeps the keys that site
/// generators own as written (`author` is not a misspelled `authors`).
#[test]
fn fixing_everything_twice_writes_no_second_title_and_keeps_foreign_keys() {
    let jekyll_front_matter = "---\nlayout: post\ntitle: \"Deploy pipeline blocked\"\nauthor: sre-team\ndate: 2021-05-20 12:00:00 +0000\ntags: [postmortem, incident]\ncategories: [operations]\n---\n";
    // Each text, with the number of level-1 headings it must have once fixed.
    let cases = [
        (
            "---\nid: INC-2019-001\ntitle: DNS fails\nstatus: resolved\n---\n\n## Summary\n\nLookups failed.\n\n# DNS fails\n\n## Timeline\n\n- 07:33 lookups fail [started]\n".to_owned(),
            1,
        ),
        (
            format!("{jekyll_front_matter}\n## Summary\n\nDeploys were blocked.\n\n## Action items\n\n- Add an alert (owner: SRE)\n"),
            0,
        ),
        (
            format!("{jekyll_front_matter}\n## Summary\n\nDeploys were blocked.\n\n# Deploy pipeline blocked\n"),
            1,
        ),
        (
            "## Summary\n\nLookups failed.\n\n# DNS fails\n\n## Action items\n\n- Add an alert (owner: SRE)\n".to_owned(),
            1,
        ),
        (
            "---\ntitle: DNS fails\n---\n\n#\n\n## Summary\n\nLookups failed.\n".to_owned(),
            1,
        ),
        (
            "---\ntitle: DNS fails\n---\n## Summary\n\nLookups failed.\n".to_owned(),
            1,
        ),
    ];
    let level_one_headings = |text: &str| {
        let parse = incident_syntax::parse(text);
        parse
            .root()
            .descendants()
            .filter(|&node| incident_model::is_level_one_heading(node))
            .count()
    };
    let settings = default_settings();
    for (text, headings) in &cases {
        let once = incident_rules::fix_until_stable(text, &settings, Applicability::Unsafe).text;
        let twice = incident_rules::fix_until_stable(&once, &settings, Applicability::Unsafe).text;
        assert_eq!(once, twice, "fixing again changes:\n{once}");
        assert_eq!(
            level_one_headings(&once),
            *headings,
            "{text}\nbecame\n{once}"
        );
        for line in text.lines().filter(|line| {
            ["layout:", "author:", "date:", "tags:", "categories:"]
                .iter()
                .any(|key| line.starts_with(key))
        }) {
            assert!(once.contains(line), "`{line}` was changed:\n{once}");
        }
    }
}

#[test]
fn every_rule_has_a_trigger_and_a_near_miss() {
    let names: Vec<String> = fs::read_dir("test_data")
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    for rule in registry::all() {
        let prefix = format!("{}_{}", rule.code, rule.name.replace('-', "_"));
        let triggers = names
            .iter()
            .any(|name| name.starts_with(&prefix) && !name.ends_with("_ok.incident"));
        let near_miss = names
            .iter()
            .any(|name| name.starts_with(&prefix) && name.ends_with("_ok.incident"));
        assert!(triggers, "{}: add test_data/{prefix}.incident", rule.code);
        assert!(
            near_miss,
            "{}: add test_data/{prefix}_ok.incident",
            rule.code
        );
    }
}

#[test]
fn every_rule_is_documented() {
    for rule in registry::all() {
        let docs = rule.documentation();
        for heading in [
            "## What it does",
            "## Why is this bad?",
            "## Example",
            "## Use instead",
        ] {
            assert!(
                docs.contains(heading),
                "{}: documentation lacks `{heading}`",
                rule.code
            );
        }
        if matches!(rule.fix, FixAvailability::Unsafe) {
            assert!(
                docs.contains("## Fix safety"),
                "{}: unsafe fixes need a `## Fix safety` section",
                rule.code
            );
        }
        let summary = rule.summary();
        assert!(!summary.is_empty(), "{}: no summary", rule.code);
        // A sentence does not end inside a code span such as `- ca. 18:30`.
        assert!(
            summary.matches('`').count() % 2 == 0 && summary.ends_with('.'),
            "{}: the summary is cut in the middle: {summary}",
            rule.code
        );
    }
}

#[test]
fn examples_in_rule_docs_parse_without_syntax_errors() {
    for rule in registry::all() {
        let docs = rule.documentation();
        // The syntax-error rule's first example shows a syntax error on purpose.
        let skip = usize::from(rule.code == "INC000");
        for block in docs.split("```incident\n").skip(1 + skip) {
            let example = block.split("```").next().unwrap();
            let parse = incident_syntax::parse(example);
            assert!(
                parse.errors().is_empty(),
                "{}: example {example:?} has {:#?}",
                rule.code,
                parse.errors()
            );
        }
    }
}

#[test]
fn good_write_ups_lint_clean() {
    let settings = default_settings();
    for path in [
        "../../examples/checkout-502.incident",
        "../../examples/cache-stampede.incident",
        "../../tests/corpus/ok/reference_example.incident",
    ] {
        let text = fs::read_to_string(path).unwrap();
        let diagnostics = check(&text, &settings).diagnostics;
        assert!(
            diagnostics.is_empty(),
            "{path}:\n{}",
            render_plain(path, &text, &diagnostics)
        );
    }
}

#[test]
fn the_flawed_example_shows_what_matters() {
    let text = fs::read_to_string("../../examples/flawed.incident").unwrap();
    let diagnostics = check(&text, &default_settings()).diagnostics;
    let names: Vec<&str> = diagnostics
        .iter()
        .map(|diagnostic| diagnostic.name())
        .collect();
    for expected in [
        "decide-without-observe",
        "rejected-without-reason",
        "missing-timeline",
        "unknown-section",
    ] {
        assert!(
            names.contains(&expected),
            "flawed.incident should report {expected}, got {names:?}"
        );
    }
}

/// The checked-in JSON Schema of `incident-lint.toml` matches the configuration types.
/// Run with `INCIDENT_LINT_BLESS=1` to rewrite it after changing them.
#[test]
fn config_schema_is_up_to_date() {
    let path = "../../docs/incident-lint.schema.json";
    let generated = incident_rules::Config::json_schema();
    if std::env::var_os("INCIDENT_LINT_BLESS").is_some() {
        fs::write(path, &generated).unwrap();
    }
    let checked_in = fs::read_to_string(path).unwrap_or_default();
    assert!(
        checked_in == generated,
        "docs/incident-lint.schema.json is out of date: run `INCIDENT_LINT_BLESS=1 cargo test -p incident-rules`"
    );
}

/// `docs/rules/` holds each rule's page and an index, generated from the rules' documentation.
/// Run with `INCIDENT_LINT_BLESS=1` to rewrite them after changing a rule.
#[test]
fn rule_pages_are_up_to_date() {
    let directory = Path::new("../../docs/rules");
    let mut index = String::from(
        "# Rules\n\n| Code | Name | Severity | Group | Summary |\n| --- | --- | --- | --- | --- |\n",
    );
    let mut expected = vec![("README.md".to_owned(), String::new())];
    for rule in registry::all() {
        index.push_str(&format!(
            "| [{code}]({code}.md) | `{}` | {} | {} | {} |\n",
            rule.name,
            rule.default_severity.name(),
            rule.group.name(),
            rule.summary().replace('|', "\\|"),
            code = rule.code
        ));
        expected.push((format!("{}.md", rule.code), rule.page()));
    }
    expected[0].1 = index;
    let bless = std::env::var_os("INCIDENT_LINT_BLESS").is_some();
    if bless {
        fs::create_dir_all(directory).unwrap();
    }
    for (name, content) in &expected {
        let path = directory.join(name);
        if bless {
            fs::write(&path, content).unwrap();
        }
        assert_eq!(
            fs::read_to_string(&path).unwrap_or_default(),
            *content,
            "docs/rules/{name} is out of date: run `INCIDENT_LINT_BLESS=1 cargo test -p incident-rules`"
        );
    }
    let on_disk = fs::read_dir(directory).unwrap().count();
    assert_eq!(
        on_disk,
        expected.len(),
        "docs/rules holds pages of rules that no longer exist"
    );
}
