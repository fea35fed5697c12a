//! Discovery and configuration lookup on real folders: what the command line checks and the
//! language server indexes.

#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use std::fs;
use std::path::{Path, PathBuf};

use incident_workspace::{
    ConfigResolver, DEFAULT_MAX_FILE_BYTES, Input, SourceError, discover, incident_files,
    read_source,
};

fn write(path: &Path, text: &str) {
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

/// The files found under `root`, relative to it.
fn found(root: &Path, configs: &ConfigResolver) -> Vec<String> {
    incident_files(root, configs)
        .iter()
        .map(|path| path.strip_prefix(root).unwrap().display().to_string())
        .collect()
}

#[test]
fn folders_are_walked_with_gitignore_rules_and_default_names() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path();
    write(&dir.join("a.incident"), "");
    write(&dir.join("team/b.incident.md"), "");
    write(&dir.join("team/notes.md"), "");
    write(&dir.join("ignored/c.incident"), "");
    write(&dir.join(".hidden/d.incident"), "");
    write(&dir.join(".gitignore"), "ignored/\n");
    assert_eq!(
        found(dir, &ConfigResolver::discover()),
        ["a.incident", "team/b.incident.md"]
    );
}

#[test]
fn include_and_exclude_select_files_below_their_configuration() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path();
    write(
        &dir.join("incident-lint.toml"),
        "include = [\"postmortems/**/*.md\"]\nexclude = [\"postmortems/templates/**\"]\n",
    );
    write(&dir.join("postmortems/2026/dns.md"), "");
    write(&dir.join("postmortems/templates/blank.md"), "");
    write(&dir.join("a.incident"), "");
    // A nearer configuration replaces the outer one for its folder.
    write(&dir.join("team/incident-lint.toml"), "");
    write(&dir.join("team/b.incident"), "");
    write(&dir.join("team/postmortems/c.md"), "");
    let configs = ConfigResolver::discover();
    assert_eq!(
        found(dir, &configs),
        ["postmortems/2026/dns.md", "team/b.incident"]
    );

    // A file named on the command line is taken whatever the configuration says.
    let named = dir.join("postmortems/templates/blank.md");
    let discovery = discover(std::slice::from_ref(&named), None, &configs);
    assert_eq!(discovery.inputs, [Input::File(named)]);
}

#[cfg(unix)]
#[test]
fn links_to_files_are_taken_and_broken_links_named() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path();
    write(&dir.join("elsewhere/source.txt"), "");
    write(&dir.join("walked/real.incident"), "");
    std::os::unix::fs::symlink(
        "../elsewhere/source.txt",
        dir.join("walked/linked.incident"),
    )
    .unwrap();
    std::os::unix::fs::symlink("missing.incident", dir.join("walked/broken.incident")).unwrap();
    // A link to a folder is not followed, so a loop cannot make the walk endless.
    std::os::unix::fs::symlink("..", dir.join("walked/up")).unwrap();
    let configs = ConfigResolver::discover();
    let walked = dir.join("walked");
    assert_eq!(
        found(&walked, &configs),
        ["linked.incident", "real.incident"]
    );

    let discovery = discover(std::slice::from_ref(&walked), None, &configs);
    assert_eq!(
        discovery.errors,
        [format!(
            "{}: broken symbolic link",
            walked.join("broken.incident").display()
        )]
    );
    assert!(discovery.empty_directories.is_empty());
}

#[test]
fn the_nearest_configuration_applies_and_is_read_again_after_clear() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path();
    write(
        &dir.join("incident-lint.toml"),
        "ignore = [\"missing-timeline\"]\n",
    );
    write(
        &dir.join("team/incident-lint.toml"),
        "select = [\"INC1\"]\n",
    );
    let configs = ConfigResolver::discover();
    let path_of = |file: &str| {
        configs
            .for_file(&dir.join(file))
            .unwrap()
            .path
            .clone()
            .map(|path| std::path::absolute(path).unwrap())
    };
    assert_eq!(
        path_of("team/2026/a.incident"),
        Some(dir.join("team/incident-lint.toml"))
    );
    assert_eq!(path_of("b.incident"), Some(dir.join("incident-lint.toml")));

    // What was found is cached by folder until cleared, as when a watched file changes.
    write(
        &dir.join("team/2026/incident-lint.toml"),
        "ignore = [\"INC1\"]\n",
    );
    assert_eq!(
        path_of("team/2026/a.incident"),
        Some(dir.join("team/incident-lint.toml"))
    );
    configs.clear();
    assert_eq!(
        path_of("team/2026/a.incident"),
        Some(dir.join("team/2026/incident-lint.toml"))
    );
}

#[test]
fn a_broken_configuration_is_an_error_that_names_its_file() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path();
    write(
        &dir.join("incident-lint.toml"),
        "ignore = [\"missing-timline\"]\n",
    );
    write(&dir.join("a.incident"), "");
    let configs = ConfigResolver::discover();
    let error = configs.for_file(&dir.join("a.incident")).unwrap_err();
    assert_eq!(error.position, Some((1, 11)));
    assert!(
        error
            .to_string()
            .contains("did you mean `missing-timeline`?"),
        "{error}"
    );
    assert_eq!(configs.errors(), [error]);
    // The walk still takes the file by its name; checking it reports the error.
    assert_eq!(found(dir, &configs), ["a.incident"]);
}

#[test]
fn an_explicit_configuration_or_none_replaces_discovery() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path();
    write(&dir.join("incident-lint.toml"), "select = [\"INC1\"]\n");
    write(&dir.join("other.toml"), "ignore = [\"INC1\"]\n");
    let explicit = ConfigResolver::new(Some(&dir.join("other.toml")), false);
    let config = explicit.for_file(&dir.join("a.incident")).unwrap();
    let shown: Option<PathBuf> = config
        .path
        .clone()
        .map(|path| std::path::absolute(path).unwrap());
    assert_eq!(shown, Some(dir.join("other.toml")));
    let isolated = ConfigResolver::new(None, true);
    assert_eq!(
        isolated.for_file(&dir.join("a.incident")).unwrap().path,
        None
    );
}

#[test]
fn files_over_the_size_limit_are_refused_by_name() {
    let root = tempfile::tempdir().unwrap();
    let path = root.path().join("big.incident");
    write(&path, "0123456789");
    assert!(matches!(
        read_source(&path, 9),
        Err(SourceError::TooLarge {
            size: 10,
            limit: 9,
            ..
        })
    ));
    assert_eq!(
        read_source(&path, DEFAULT_MAX_FILE_BYTES).unwrap(),
        "0123456789"
    );
}
