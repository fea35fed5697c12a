//! Formatter properties over every fixture the project has: formatting is idempotent, and it
//! changes nothing but whitespace, bullet markers and the order of front matter lines.

#![allow(clippy::unwrap_used, clippy::panic, missing_docs)]

use std::fs;
use std::path::PathBuf;

use incident_rules::format;

fn fixtures() -> Vec<PathBuf> {
    let mut paths = Vec::new();
    for directory in [
        "../../tests/corpus/ok",
        "../../tests/corpus/legacy",
        "../../examples",
        "test_data",
    ] {
        for entry in fs::read_dir(directory).unwrap() {
            paths.push(entry.unwrap().path());
        }
    }
    paths.sort();
    paths
}

/// The body's non-whitespace characters, with bullet markers `*`, `+` and `-` made equal.
fn body_characters(text: &str) -> String {
    let parse = incident_syntax::parse(text);
    let body_start = parse
        .root()
        .child(incident_syntax::SyntaxKind::FrontMatter)
        .map_or(0, |front_matter| front_matter.range().end() as usize);
    text[body_start..]
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if c == '*' || c == '+' { '-' } else { c })
        .collect()
}

/// The front matter's lines, whitespace removed, sorted: reordering keys keeps every line.
fn front_matter_lines(text: &str) -> Vec<String> {
    let parse = incident_syntax::parse(text);
    let Some(front_matter) = parse.root().child(incident_syntax::SyntaxKind::FrontMatter) else {
        return Vec::new();
    };
    let mut lines: Vec<String> = front_matter
        .text()
        .split(['\n', '\r'])
        .map(|line| {
            line.chars()
                .filter(|c| !c.is_whitespace())
                .collect::<String>()
        })
        .filter(|line| !line.is_empty())
        .collect();
    lines.sort();
    lines
}

#[test]
fn formatting_is_idempotent_and_keeps_every_word() {
    let mut formatted_files = 0;
    for path in fixtures() {
        let text = fs::read_to_string(&path).unwrap();
        let Ok(once) = format(&incident_syntax::parse(&text)) else {
            continue;
        };
        formatted_files += 1;
        let twice = format(&incident_syntax::parse(&once))
            .unwrap_or_else(|error| panic!("{}: {error}", path.display()));
        assert_eq!(
            once,
            twice,
            "{}: formatting twice differs from once",
            path.display()
        );
        assert_eq!(
            body_characters(&text),
            body_characters(&once),
            "{}: the body's text changed",
            path.display()
        );
        assert_eq!(
            front_matter_lines(&text),
            front_matter_lines(&once),
            "{}: front matter lines changed",
            path.display()
        );
        assert!(
            incident_syntax::parse(&once).errors().is_empty(),
            "{}: formatting made a syntax error",
            path.display()
        );
    }
    assert!(
        formatted_files > 100,
        "only {formatted_files} fixtures formatted"
    );
}
