//! Parses every file of the shared corpus in `tests/corpus` and snapshots its tree and errors.
//!
//! Files under `ok/` must parse without a syntax error, files under `err/` with at least one;
//! `legacy/` files are real-world write-ups that only have to parse well-formed.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

mod support;

use std::fs;

#[test]
fn corpus() {
    insta::glob!("../../../tests/corpus", "**/*.incident", |path| {
        let text = fs::read_to_string(path).unwrap();
        let parse = incident_syntax::parse(&text);
        support::assert_well_formed(&text, &parse);
        let category = path
            .parent()
            .and_then(|parent| parent.file_name())
            .and_then(|name| name.to_str());
        match category {
            Some("ok") => assert!(
                parse.errors().is_empty(),
                "{}: unexpected errors {:#?}",
                path.display(),
                parse.errors()
            ),
            Some("err") => assert!(
                !parse.errors().is_empty(),
                "{}: expected a syntax error",
                path.display()
            ),
            _ => {}
        }
        insta::assert_snapshot!(support::render(&parse));
    });
}

#[test]
fn examples_parse_without_errors() {
    for entry in fs::read_dir("../../examples").unwrap() {
        let path = entry.unwrap().path();
        let text = fs::read_to_string(&path).unwrap();
        let parse = incident_syntax::parse(&text);
        support::assert_well_formed(&text, &parse);
        assert!(
            parse.errors().is_empty(),
            "{}: {:#?}",
            path.display(),
            parse.errors()
        );
    }
}
