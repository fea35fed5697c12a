//! Parses every example of `grammar/SPEC.md`: `incident` blocks must parse without a syntax
//! error, `incident-error` blocks with at least one.

#![allow(clippy::unwrap_used, clippy::panic, missing_docs)]

mod support;

/// The fenced blocks of a Markdown text whose info string is `incident` or `incident-error`,
/// with the line each starts on.
fn examples(markdown: &str) -> Vec<(usize, bool, String)> {
    let mut examples = Vec::new();
    let mut current: Option<(usize, bool, String)> = None;
    for (line_idx, line) in markdown.lines().enumerate() {
        let line_trimmed = line.trim_end();
        if let Some((start, expects_error, body)) = current.take() {
            if line_trimmed == "```" {
                examples.push((start, expects_error, body));
            } else {
                current = Some((start, expects_error, body + line + "\n"));
            }
            continue;
        }
        let expects_error = match line_trimmed {
            "```incident" => false,
            "```incident-error" => true,
            _ => continue,
        };
        current = Some((line_idx + 2, expects_error, String::new()));
    }
    assert!(current.is_none(), "unclosed example block in SPEC.md");
    examples
}

#[test]
fn spec_examples_parse_as_documented() {
    let spec = std::fs::read_to_string("../../grammar/SPEC.md").unwrap();
    let examples = examples(&spec);
    assert!(
        examples.len() >= 10,
        "expected the spec's examples, found {}",
        examples.len()
    );
    assert!(examples.iter().any(|(_, expects_error, _)| *expects_error));
    for (line, expects_error, text) in examples {
        let parse = incident_syntax::parse(&text);
        support::assert_well_formed(&text, &parse);
        if expects_error {
            assert!(
                !parse.errors().is_empty(),
                "SPEC.md:{line}: example should have a syntax error"
            );
        } else {
            assert!(
                parse.errors().is_empty(),
                "SPEC.md:{line}: example should parse cleanly, got {:#?}",
                parse.errors()
            );
        }
    }
}
