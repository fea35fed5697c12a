//! End-to-end tests of `incident-lint lsp`: the real binary, spoken to over standard input and
//! output, one server per test.

#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod support;

use std::time::{Duration, Instant};

use serde_json::{Value, json};
use support::{Client, apply_edits, file_uri, position, range};

/// A complete incident with a rejected and an untested hypothesis.
const FULL: &str = "\
---
id: INC-2026-042
title: Checkout API returns 502
severity: SEV2
status: resolved
timezone: UTC
started: 2026-11-20 14:02
detected: 2026-11-20 14:09
resolved: 2026-11-20 15:31
---

# Checkout API returns 502

## Summary

Checkout failed for 89 minutes.

## Impact

About 4,100 checkout attempts failed.

## Observe

- up: nginx
- down: checkout-api
- O1: checkout-api log says `password authentication failed`

## Orient

- changed: credential rotation job ran at 13:55

## Decide

- H1: pods ran out of memory [O1]
- H2: checkout-api still sends the old password [O1]

## Act

- H1 rejected: memory peaked at 41%

## Timeline

- 14:02 first 502s [started]
- 14:09 alert fires [detected]
- 15:31 error rate back to baseline [resolved]

## Actions

- [ ] prevent: verify the rotated secret (owner: @payments, due: 2026-12-15)
";

/// A loop that decides without observing (INC101).
const DECIDE_ONLY: &str = "\
# Search down

## Decide

- H1: same as last time, the index node ran out of disk again

## Act

- H1 rejected: disk is at 40% on every node
";

fn workspace() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

fn codes(diagnostics: &Value) -> Vec<String> {
    diagnostics["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|diagnostic| diagnostic["code"].as_str().unwrap_or_default().to_owned())
        .collect()
}

fn has_code(diagnostics: &Value, code: &str) -> bool {
    codes(diagnostics).iter().any(|found| found == code)
}

/// The position of the `occurrence`-th (from 0) `needle` in `text`, in UTF-16 or UTF-8 units.
fn find(text: &str, needle: &str, occurrence: usize, utf16: bool) -> Value {
    let offset = text
        .match_indices(needle)
        .nth(occurrence)
        .unwrap_or_else(|| panic!("`{needle}` #{occurrence} not in the text"))
        .0;
    let line_start = text[..offset].rfind('\n').map_or(0, |newline| newline + 1);
    let line = text[..offset].matches('\n').count();
    let prefix = &text[line_start..offset];
    let character = if utf16 {
        prefix.encode_utf16().count()
    } else {
        prefix.len()
    };
    position(line as u32, character as u32)
}

fn open_and_wait(client: &mut Client, uri: &str, text: &str) -> Value {
    client.open(uri, text);
    client.wait_diagnostics(uri, |params| params["version"] == 1)
}

fn text_document_position(uri: &str, position: Value) -> Value {
    json!({ "textDocument": { "uri": uri }, "position": position })
}

fn labels(items: &Value) -> Vec<String> {
    let items = items
        .get("items")
        .unwrap_or(items)
        .as_array()
        .cloned()
        .unwrap_or_default();
    let mut sorted: Vec<(String, String)> = items
        .iter()
        .map(|item| {
            (
                item["sortText"].as_str().unwrap_or("").to_owned(),
                item["label"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    sorted.sort();
    sorted.into_iter().map(|(_, label)| label).collect()
}

// Capabilities and lifecycle.

#[test]
fn initialize_negotiates_the_position_encoding_and_announces_capabilities() {
    let root = workspace();
    let (client, result) = Client::start(root.path(), &["utf-16", "utf-8"]);
    let capabilities = &result["capabilities"];
    assert_eq!(capabilities["positionEncoding"], "utf-8");
    assert_eq!(
        capabilities["textDocumentSync"]["change"], 2,
        "incremental sync"
    );
    for provider in [
        "codeActionProvider",
        "completionProvider",
        "hoverProvider",
        "documentSymbolProvider",
        "foldingRangeProvider",
        "semanticTokensProvider",
        "definitionProvider",
        "referencesProvider",
        "renameProvider",
        "inlayHintProvider",
        "documentFormattingProvider",
    ] {
        assert!(
            !capabilities[provider].is_null(),
            "{provider} is not announced"
        );
    }
    let legend = &capabilities["semanticTokensProvider"]["legend"]["tokenTypes"];
    assert_eq!(legend[0], "variable");
    assert!(client.shutdown_and_exit().success());

    let (client, result) = Client::start(root.path(), &[]);
    assert_eq!(result["capabilities"]["positionEncoding"], "utf-16");
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn shutdown_then_exit_ends_with_status_0_and_exit_alone_with_1() {
    let root = workspace();
    let (mut client, _) = Client::start(root.path(), &[]);
    client.request("shutdown", Value::Null);
    let refused = client.request_raw(
        "textDocument/hover",
        text_document_position("file:///x.incident", position(0, 0)),
    );
    assert_eq!(
        refused["error"]["code"], -32600,
        "requests after shutdown are invalid"
    );
    client.notify("exit", Value::Null);
    assert_eq!(client.wait_exit().code(), Some(0));

    let (mut client, _) = Client::start(root.path(), &[]);
    client.notify("exit", Value::Null);
    assert_eq!(client.wait_exit().code(), Some(1));
}

/// Sends `message` framed, and waits for the answer to its `id` (a number).
fn raw_request(client: &mut Client, message: &Value) -> Value {
    client.send(message);
    client.wait_response(message["id"].as_i64().unwrap())
}

#[test]
fn shutdown_and_exit_accept_the_params_real_clients_send() {
    let root = workspace();
    // Eglot and lsp4ij send `"params": null`; others send `{}`.
    for params in [Value::Null, json!({})] {
        let (mut client, _) = Client::start(root.path(), &[]);
        let answer = raw_request(
            &mut client,
            &json!({ "jsonrpc": "2.0", "id": 100, "method": "shutdown", "params": params }),
        );
        assert_eq!(answer["result"], Value::Null, "{answer}");
        assert!(answer.get("error").is_none(), "{answer}");
        client.send(&json!({ "jsonrpc": "2.0", "method": "exit", "params": params }));
        assert_eq!(client.wait_exit().code(), Some(0), "params {params}");
    }
    // `null` params where parameters are optional are the same as none.
    let (mut client, _) = Client::start(root.path(), &[]);
    client.send(&json!({ "jsonrpc": "2.0", "method": "initialized", "params": null }));
    let uri = file_uri(&root.path().join("full.incident"));
    open_and_wait(&mut client, &uri, FULL);
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn dollar_requests_get_method_not_found_and_dollar_notifications_are_ignored() {
    let root = workspace();
    let (mut client, _) = Client::start(root.path(), &[]);
    client.notify("$/setTrace", json!({ "value": "verbose" }));
    client.notify("$/somethingNew", json!({}));
    let answer = client.request_raw("$/somethingNew", json!({}));
    assert_eq!(answer["error"]["code"], -32601, "{answer}");
    let uri = file_uri(&root.path().join("full.incident"));
    open_and_wait(&mut client, &uri, FULL);
    assert!(client.shutdown_and_exit().success());
}

// Diagnostics.

#[test]
fn diagnostics_are_published_on_open_and_change_and_cleared_on_close() {
    let root = workspace();
    let (mut client, _) = Client::start(root.path(), &[]);
    let uri = file_uri(&root.path().join("search.incident"));
    let opened = open_and_wait(&mut client, &uri, DECIDE_ONLY);
    let decide = opened["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|diagnostic| diagnostic["code"] == "INC101")
        .expect("decide-without-observe is reported")
        .clone();
    assert_eq!(decide["source"], "incident-lint");
    assert_eq!(decide["severity"], 1);
    assert_eq!(
        decide["codeDescription"]["href"],
        "https://github.com/incident-lint/incident-lint/blob/main/docs/rules/INC101.md"
    );
    assert_eq!(decide["range"], range(2, 3, 2, 9));
    let message = decide["message"].as_str().unwrap();
    assert!(message.starts_with("decided before observing"), "{message}");
    assert!(message.contains("\nhelp: observe first"), "{message}");

    // Insert an Observe section before `## Decide`, in one incremental change.
    client.change(
        &uri,
        2,
        range(2, 0, 2, 0),
        "## Observe\n\n- down: search-api\n- O1: shard 3 is unavailable\n\n",
    );
    let changed = client.wait_diagnostics(&uri, |params| params["version"] == 2);
    assert!(!has_code(&changed, "INC101"), "{changed}");

    client.notify(
        "textDocument/didClose",
        json!({ "textDocument": { "uri": uri } }),
    );
    let closed = client.wait_diagnostics(&uri, |params| {
        params["diagnostics"].as_array().is_some_and(Vec::is_empty)
    });
    assert!(closed["version"].is_null());
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn labels_become_related_information() {
    let root = workspace();
    let (mut client, _) = Client::start(root.path(), &[]);
    let uri = file_uri(&root.path().join("dup.incident"));
    let text = "# T\n\n## Observe\n\n- down: api\n- O1: first\n- O1: again\n";
    let diagnostics = open_and_wait(&mut client, &uri, text);
    let duplicate = diagnostics["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|diagnostic| diagnostic["code"] == "INC207")
        .expect("duplicate-id is reported")
        .clone();
    let related = duplicate["relatedInformation"]
        .as_array()
        .expect("related information");
    assert_eq!(related[0]["location"]["uri"], uri);
    assert_eq!(related[0]["location"]["range"]["start"], position(5, 2));
    assert!(!related[0]["message"].as_str().unwrap().is_empty());
    assert!(client.shutdown_and_exit().success());
}

/// The answers of a client that states no optional capability: what it cannot take is folded
/// into what it can, or left out.
#[test]
fn a_client_without_optional_capabilities_gets_answers_it_can_read() {
    let root = workspace();
    let (mut client, result) = Client::start_with(support::minimal_initialize_params(root.path()));
    let capabilities = &result["capabilities"];
    assert_eq!(capabilities["positionEncoding"], "utf-16");
    // Code action options need code action literals, and there is no command to offer instead.
    assert!(capabilities["codeActionProvider"].is_null(), "{result}");

    // Labels become lines of the message, and the rule link is left to the hover.
    let uri = file_uri(&root.path().join("dup.incident"));
    let text = "# T\n\n## Observe\n\n- down: api\n- O1: first\n- O1: again\n";
    let published = open_and_wait(&mut client, &uri, text);
    let duplicate = published["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|diagnostic| diagnostic["code"] == "INC207")
        .expect("duplicate-id is reported")
        .clone();
    assert!(duplicate.get("relatedInformation").is_none(), "{duplicate}");
    assert!(duplicate.get("codeDescription").is_none(), "{duplicate}");
    let message = duplicate["message"].as_str().unwrap();
    let (first_line, label_line) = message.split_once('\n').unwrap();
    assert!(first_line.contains("O1"), "{message}");
    assert!(label_line.starts_with("dup.incident:6: "), "{message}");
    let code_actions = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": { "uri": uri },
            "range": range(6, 2, 6, 4),
            "context": { "diagnostics": [] },
        }),
    );
    assert_eq!(code_actions, json!([]));

    // Kinds past `Reference` become `Value` (12); label details join the detail.
    let with = |from: &str, to: &str| FULL.replacen(from, to, 1);
    let severity_text = with("severity: SEV2", "severity: ");
    let severity_uri = file_uri(&root.path().join("severity.incident"));
    let items = complete(
        &mut client,
        &severity_uri,
        &severity_text,
        end_of(&severity_text, "severity: "),
    );
    assert!(labels(&items).contains(&"SEV1".to_owned()), "{items}");
    let items = items.as_array().unwrap();
    assert!(items.iter().all(|item| item["kind"] == 12), "{items:?}");
    assert!(items.iter().all(|item| item.get("preselect").is_none()));
    let verdict_text = with(
        "- H1 rejected: memory peaked at 41%\n",
        "- H1 rejected: memory peaked at 41%\n- H\n",
    );
    let verdict_uri = file_uri(&root.path().join("verdict.incident"));
    let items = complete(
        &mut client,
        &verdict_uri,
        &verdict_text,
        end_of(&verdict_text, "- H"),
    );
    let untested = items
        .as_array()
        .unwrap()
        .iter()
        .find(|item| item["label"] == "H2")
        .unwrap();
    assert!(untested.get("labelDetails").is_none(), "{untested}");
    assert_eq!(
        untested["detail"],
        "untested: checkout-api still sends the old password [O1]"
    );

    // Hovers are plain text, without Markdown syntax.
    let hover_uri = file_uri(&root.path().join("search.incident"));
    open_and_wait(&mut client, &hover_uri, DECIDE_ONLY);
    let hover = client.request(
        "textDocument/hover",
        text_document_position(&hover_uri, position(2, 5)),
    );
    assert_eq!(hover["contents"]["kind"], "plaintext");
    let value = hover["contents"]["value"].as_str().unwrap();
    assert!(
        value.starts_with("INC101 decide-without-observe: decided before observing"),
        "{value}"
    );
    assert!(
        value.contains("INC101 documentation: https://") && value.ends_with("INC101.md"),
        "{value}"
    );
    let no_markdown = |value: &str| {
        for markdown in ["**", "`", "](", "\n> "] {
            assert!(!value.contains(markdown), "{markdown:?} in {value}");
        }
    };
    no_markdown(value);
    let hover = client.request(
        "textDocument/hover",
        text_document_position(&verdict_uri, find(&verdict_text, "H1: pods", 0, true)),
    );
    let value = hover["contents"]["value"].as_str().unwrap();
    assert!(
        value.contains("H1 (hypothesis), defined on line 34 in Decide (loop 1)"),
        "{value}"
    );
    assert!(value.contains("\"pods ran out of memory [O1]\""), "{value}");
    assert!(value.contains("Verdict: rejected on line 39"), "{value}");
    no_markdown(value);
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn fast_typing_is_debounced_and_the_newest_text_wins() {
    let root = workspace();
    let (mut client, _) = Client::start(root.path(), &[]);
    let uri = file_uri(&root.path().join("typing.incident"));
    open_and_wait(&mut client, &uri, DECIDE_ONLY);
    // Type an Observe section one character at a time, as fast as the pipe takes it.
    let typed = "## Observe\n\n- down: search-api\n- O1: shard 3 is unavailable\n\n";
    let (mut line, mut character) = (2u32, 0u32);
    let mut version = 1;
    for ch in typed.chars() {
        version += 1;
        client.change(
            &uri,
            version,
            range(line, character, line, character),
            &ch.to_string(),
        );
        if ch == '\n' {
            line += 1;
            character = 0;
        } else {
            character += 1;
        }
    }
    let last = client.wait_diagnostics(&uri, |params| params["version"] == version);
    assert!(!has_code(&last, "INC101"), "{last}");
    client.drain_for(Duration::from_millis(400));
    let published: Vec<&Value> = client
        .notifications
        .iter()
        .filter(|notification| notification["method"] == "textDocument/publishDiagnostics")
        .collect();
    assert!(
        published.is_empty(),
        "nothing is published after the newest version: {published:#?}"
    );
    let document = client.request("incident-lint/test/document", json!({ "uri": uri }));
    assert_eq!(
        document["text"],
        DECIDE_ONLY.replacen("## Decide", &format!("{typed}## Decide"), 1)
    );
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn positions_are_right_on_lines_with_emoji_cjk_and_right_to_left_text() {
    let text = "# T\n\n## Observe\n\n- down: api\n- O1: 🔥 日本語 שלום עולם, see H9\n";
    for (encodings, utf16) in [(vec!["utf-8", "utf-16"], false), (vec!["utf-16"], true)] {
        let root = workspace();
        let (mut client, result) = Client::start(root.path(), &encodings);
        assert_eq!(
            result["capabilities"]["positionEncoding"],
            if utf16 { "utf-16" } else { "utf-8" }
        );
        let uri = file_uri(&root.path().join("unicode.incident"));
        let diagnostics = open_and_wait(&mut client, &uri, text);
        let undefined = diagnostics["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .find(|diagnostic| diagnostic["code"] == "INC206")
            .expect("the undefined H9 is reported")
            .clone();
        let start = find(text, "H9", 0, utf16);
        let mut end = start.clone();
        end["character"] = json!(start["character"].as_u64().unwrap() + 2);
        assert_eq!(undefined["range"]["start"], start, "utf16: {utf16}");
        assert_eq!(undefined["range"]["end"], end, "utf16: {utf16}");
        // Hovering the reference at that position finds it.
        let hover = client.request(
            "textDocument/hover",
            text_document_position(&uri, start.clone()),
        );
        assert!(
            hover["contents"]["value"].as_str().unwrap().contains("H9"),
            "{hover}"
        );
        // An edit after the emoji lands where the client means it.
        let after_fire = find(text, " 日本語", 0, utf16);
        client.change(
            &uri,
            2,
            json!({ "start": after_fire, "end": after_fire }),
            "!",
        );
        client.wait_diagnostics(&uri, |params| params["version"] == 2);
        let document = client.request("incident-lint/test/document", json!({ "uri": uri }));
        assert!(
            document["text"].as_str().unwrap().contains("🔥! 日本語"),
            "{document}"
        );
        assert!(client.shutdown_and_exit().success());
    }
}

#[test]
fn a_changed_config_file_re_publishes_diagnostics() {
    let root = workspace();
    let (mut client, _) = Client::start(root.path(), &[]);
    let uri = file_uri(&root.path().join("search.incident"));
    let before = open_and_wait(&mut client, &uri, DECIDE_ONLY);
    assert!(has_code(&before, "INC101"));
    let registration = client
        .server_requests
        .iter()
        .find(|request| request["method"] == "client/registerCapability")
        .expect("the server registers a file watcher")
        .clone();
    let watchers = &registration["params"]["registrations"][0]["registerOptions"]["watchers"];
    assert!(
        watchers
            .as_array()
            .unwrap()
            .iter()
            .any(|watcher| watcher["globPattern"] == "**/incident-lint.toml"),
        "{registration}"
    );

    let config = root.path().join("incident-lint.toml");
    std::fs::write(&config, "ignore = [\"decide-without-observe\"]\n").unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": file_uri(&config), "type": 1 }] }),
    );
    let after = client.wait_diagnostics(&uri, |params| !has_code(params, "INC101"));
    assert!(has_code(&after, "INC204") || !codes(&after).is_empty());

    // A broken configuration falls back to the defaults and says so.
    std::fs::write(&config, "ignore = [\"decide-without-obsrve\"]\n").unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": file_uri(&config), "type": 2 }] }),
    );
    let message = client.wait_notification("window/showMessage", |_| true);
    client.wait_diagnostics(&uri, |params| has_code(params, "INC101"));
    assert!(
        message["message"]
            .as_str()
            .unwrap()
            .contains("decide-without-obsrve"),
        "{message}"
    );
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn every_workspace_folder_counts_and_folders_come_and_go() {
    let root = workspace();
    let first = root.path().join("first");
    let second = root.path().join("second");
    for folder in [&first, &second] {
        std::fs::create_dir(folder).unwrap();
    }
    // Each folder has its own configuration; only the first ignores decide-without-observe.
    std::fs::write(
        first.join("incident-lint.toml"),
        "ignore = [\"decide-without-observe\"]\n",
    )
    .unwrap();
    std::fs::write(
        second.join("incident-lint.toml"),
        "ignore = [\"missing-timeline\"]\n",
    )
    .unwrap();
    let earlier = "---\nid: INC-2026-031\ntitle: Pods out of memory\n---\n\n# Pods out of memory\n";
    std::fs::write(second.join("earlier.incident"), earlier).unwrap();
    let folder =
        |path: &std::path::Path, name: &str| json!({ "uri": file_uri(path), "name": name });

    let (mut client, result) = Client::start_with(json!({
        "processId": null,
        "rootUri": file_uri(&first),
        "workspaceFolders": [folder(&first, "first")],
        "capabilities": support::default_capabilities(),
    }));
    assert_eq!(
        result["capabilities"]["workspace"]["workspaceFolders"],
        json!({ "supported": true, "changeNotifications": true })
    );
    let in_first = file_uri(&first.join("search.incident"));
    let in_first_diagnostics = open_and_wait(&mut client, &in_first, DECIDE_ONLY);
    assert!(
        !has_code(&in_first_diagnostics, "INC101"),
        "{in_first_diagnostics}"
    );
    let copy = file_uri(&second.join("copy.incident"));
    let copy_text = format!("---\nid: INC-2026-031\ntitle: Copy\n---\n\n{DECIDE_ONLY}");
    let before = open_and_wait(&mut client, &copy, &copy_text);
    assert!(has_code(&before, "INC101"), "{before}");
    assert!(
        !has_code(&before, "INC701"),
        "the second folder is not scanned yet: {before}"
    );

    // Added, the second folder's files are part of the workspace, named from that folder.
    client.notify(
        "workspace/didChangeWorkspaceFolders",
        json!({ "event": { "added": [folder(&second, "second")], "removed": [] } }),
    );
    let added = client.take_diagnostics(&copy, |params| has_code(params, "INC701"));
    let duplicate = added["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|diagnostic| diagnostic["code"] == "INC701")
        .unwrap();
    assert!(
        duplicate["message"]
            .as_str()
            .unwrap()
            .contains("`earlier.incident`"),
        "{duplicate}"
    );
    assert!(has_code(&added, "INC101"), "{added}");
    // Every open document is published again, each with its own folder's configuration.
    let republished = client.take_diagnostics(&in_first, |_| true);
    assert!(!has_code(&republished, "INC101"), "{republished}");
    let definition = client.request(
        "textDocument/definition",
        text_document_position(&copy, find(&copy_text, "INC-2026-031", 0, true)),
    );
    assert_eq!(definition.as_array().map(Vec::len), Some(2), "{definition}");

    // Removed, it is forgotten again.
    client.notify(
        "workspace/didChangeWorkspaceFolders",
        json!({ "event": { "added": [], "removed": [folder(&second, "second")] } }),
    );
    let removed = client.take_diagnostics(&copy, |params| !has_code(params, "INC701"));
    assert!(has_code(&removed, "INC101"), "{removed}");
    assert!(client.shutdown_and_exit().success());
}

// Settings from the editor.

#[test]
fn pushed_editor_settings_win_over_the_configuration_file_and_bad_ones_are_named() {
    let root = workspace();
    std::fs::write(
        root.path().join("incident-lint.toml"),
        "select = [\"INC3\"]\n",
    )
    .unwrap();
    let (mut client, _) = Client::start(root.path(), &[]);
    let uri = file_uri(&root.path().join("search.incident"));
    let from_file = open_and_wait(&mut client, &uri, DECIDE_ONLY);
    assert!(!has_code(&from_file, "INC101"), "{from_file}");

    // The editor's `select` replaces the file's, as `--select` does.
    client.notify(
        "workspace/didChangeConfiguration",
        json!({ "settings": { "incident-lint": { "select": ["decide-without-observe"] } } }),
    );
    let selected = client.wait_diagnostics(&uri, |params| has_code(params, "INC101"));
    assert!(
        codes(&selected).iter().all(|code| code == "INC101"),
        "{selected}"
    );

    // What cannot be read is left out and named, with a suggestion.
    client.notify(
        "workspace/didChangeConfiguration",
        json!({ "settings": { "incident-lint": {
            "select": ["decide-without-obsrve"],
            "colour": true,
        } } }),
    );
    let back_to_file = client.take_diagnostics(&uri, |params| !has_code(params, "INC101"));
    assert!(!has_code(&back_to_file, "INC101"));
    let mut messages: Vec<String> = (0..2)
        .map(|_| {
            client.wait_notification("window/showMessage", |_| true)["message"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    messages.sort();
    assert_eq!(
        messages,
        [
            "incident-lint: ignoring the editor setting `incident-lint.colour`: there is no such setting",
            "incident-lint: ignoring the editor setting `incident-lint.select`: unknown rule `decide-without-obsrve`: did you mean `decide-without-observe`?",
        ]
    );
    assert!(client.shutdown_and_exit().success());
}

/// A client that answers `workspace/configuration` with `answer`, or never (`None`).
fn pulling_client(root: &std::path::Path, answer: Option<Value>) -> Client {
    let mut capabilities = support::default_capabilities();
    capabilities["workspace"]["configuration"] = json!(true);
    capabilities["workspace"]["didChangeConfiguration"] = json!({ "dynamicRegistration": true });
    let root_uri = file_uri(root);
    let answers = [("workspace/configuration".to_owned(), answer)].into();
    let (client, _) = Client::start_answering(
        json!({
            "processId": null,
            "rootUri": root_uri,
            "workspaceFolders": [{ "uri": root_uri, "name": "root" }],
            "capabilities": capabilities,
        }),
        answers,
    );
    client
}

#[test]
fn editor_settings_are_pulled_for_the_editor_and_each_folder() {
    let root = workspace();
    let elsewhere = workspace();
    let mut client = pulling_client(
        root.path(),
        Some(json!([{}, { "ignore": ["decide-without-observe"] }])),
    );
    let in_folder = file_uri(&root.path().join("search.incident"));
    let outside = file_uri(&elsewhere.path().join("search.incident"));
    client.open(&in_folder, DECIDE_ONLY);
    client.take_diagnostics(&in_folder, |params| !has_code(params, "INC101"));
    client.open(&outside, DECIDE_ONLY);
    client.take_diagnostics(&outside, |params| has_code(params, "INC101"));
    let pull = client
        .server_requests
        .iter()
        .find(|request| request["method"] == "workspace/configuration")
        .expect("the server asks for its settings")
        .clone();
    assert_eq!(
        pull["params"]["items"],
        json!([
            { "section": "incident-lint" },
            { "scopeUri": file_uri(root.path()), "section": "incident-lint" },
        ])
    );
    let registered = client
        .server_requests
        .iter()
        .flat_map(|request| {
            request["params"]["registrations"]
                .as_array()
                .cloned()
                .unwrap_or_default()
        })
        .find(|registration| registration["method"] == "workspace/didChangeConfiguration")
        .expect("the server asks to hear of changed settings");
    assert_eq!(
        registered["registerOptions"],
        json!({ "section": "incident-lint" })
    );

    // A change announced without the settings makes the server ask again. Publications
    // from before the first answer are dropped, so that only new ones are matched.
    client.notifications.clear();
    client.answers.insert(
        "workspace/configuration".to_owned(),
        Some(json!([{ "ignore": ["decide-without-observe"] }, {}])),
    );
    client.notify(
        "workspace/didChangeConfiguration",
        json!({ "settings": null }),
    );
    client.take_diagnostics(&in_folder, |params| has_code(params, "INC101"));
    client.take_diagnostics(&outside, |params| !has_code(params, "INC101"));
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn a_client_that_never_answers_workspace_configuration_delays_nothing() {
    let root = workspace();
    let mut client = pulling_client(root.path(), None);
    let uri = file_uri(&root.path().join("search.incident"));
    let diagnostics = open_and_wait(&mut client, &uri, DECIDE_ONLY);
    assert!(has_code(&diagnostics, "INC101"), "{diagnostics}");
    let hover = client.request(
        "textDocument/hover",
        text_document_position(&uri, find(DECIDE_ONLY, "H1", 0, true)),
    );
    assert!(hover["contents"].is_object(), "{hover}");
    // Pushed settings apply while the pull is unanswered.
    client.notify(
        "workspace/didChangeConfiguration",
        json!({ "settings": { "incident-lint": { "ignore": ["INC101"] } } }),
    );
    client.take_diagnostics(&uri, |params| !has_code(params, "INC101"));
    assert!(
        client
            .server_requests
            .iter()
            .any(|request| request["method"] == "workspace/configuration")
    );
    assert!(client.shutdown_and_exit().success());
}

// Code actions.

fn code_actions(client: &mut Client, uri: &str, range: Value, only: Option<Value>) -> Vec<Value> {
    let mut context = json!({ "diagnostics": [] });
    if let Some(only) = only {
        context["only"] = only;
    }
    client
        .request(
            "textDocument/codeAction",
            json!({ "textDocument": { "uri": uri }, "range": range, "context": context }),
        )
        .as_array()
        .cloned()
        .unwrap_or_default()
}

fn edits_for<'a>(action: &'a Value, uri: &str) -> &'a Vec<Value> {
    action["edit"]["changes"][uri].as_array().unwrap()
}

#[test]
fn code_actions_fix_disable_and_fix_all() {
    let root = workspace();
    let (mut client, _) = Client::start(root.path(), &[]);
    let uri = file_uri(&root.path().join("search.incident"));
    open_and_wait(&mut client, &uri, DECIDE_ONLY);
    let actions = code_actions(&mut client, &uri, range(2, 4, 2, 4), None);

    let fix = actions
        .iter()
        .find(|action| action["title"].as_str().unwrap().contains("Observe"))
        .expect("the fix of decide-without-observe is offered");
    assert_eq!(fix["kind"], "quickfix");
    assert_eq!(fix["isPreferred"], false, "an unsafe fix is not preferred");
    assert_eq!(fix["diagnostics"][0]["code"], "INC101");
    let fixed = apply_edits(DECIDE_ONLY, edits_for(fix, &uri), true);
    assert!(fixed.contains("## Observe\n\n- up: TODO"), "{fixed}");
    assert!(fixed.find("## Observe") < fixed.find("## Decide"));

    let disable = actions
        .iter()
        .find(|action| action["title"] == "Disable decide-without-observe for this line")
        .expect("a directive to disable the rule is offered");
    let disabled = apply_edits(DECIDE_ONLY, edits_for(disable, &uri), true);
    assert!(
        disabled
            .contains("<!-- incident-lint disable-next-line decide-without-observe -->\n## Decide"),
        "{disabled}"
    );
    // The server agrees that the directive hides the finding (a full-text change).
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": { "uri": uri, "version": 2 },
            "contentChanges": [{ "text": disabled }],
        }),
    );
    let after = client.wait_diagnostics(&uri, |params| params["version"] == 2);
    assert!(!has_code(&after, "INC101"), "{after}");

    // A safe fix is preferred, and `source.fixAll.incident-lint` applies every safe fix.
    let misspelled =
        format!("{FULL}\n## Lesons\n\nCheck secrets.\n").replace("## Timeline", "## Timelin");
    let other = file_uri(&root.path().join("misspelled.incident"));
    open_and_wait(&mut client, &other, &misspelled);
    let heading = find(&misspelled, "Timelin", 0, true);
    let quick = code_actions(
        &mut client,
        &other,
        json!({ "start": heading, "end": heading }),
        Some(json!(["quickfix"])),
    );
    let rename_heading = quick
        .iter()
        .find(|action| {
            action["diagnostics"][0]["code"] == "INC509"
                && action["edit"].is_object()
                && !action["title"].as_str().unwrap().starts_with("Disable")
        })
        .expect("unknown-section offers a fix");
    assert_eq!(rename_heading["isPreferred"], true, "{rename_heading}");
    assert!(quick.iter().all(|action| action["kind"] == "quickfix"));
    for only in [
        json!(["source.fixAll.incident-lint"]),
        json!(["source.fixAll"]),
    ] {
        let fix_all = code_actions(&mut client, &other, range(0, 0, 0, 0), Some(only));
        assert_eq!(fix_all.len(), 1, "{fix_all:#?}");
        assert_eq!(fix_all[0]["kind"], "source.fixAll.incident-lint");
        assert!(
            fix_all[0].get("data").is_none(),
            "a client that does not resolve edits gets the edit inline: {fix_all:#?}"
        );
        let all_fixed = apply_edits(&misspelled, edits_for(&fix_all[0], &other), true);
        assert!(all_fixed.contains("\n## Timeline\n"), "{all_fixed}");
        assert!(all_fixed.contains("\n## Lessons\n"), "{all_fixed}");
    }
    assert!(client.shutdown_and_exit().success());
}

/// Capabilities of a client that resolves code actions' edits, as VS Code, Neovim and Eglot do.
fn resolving_client(root: &std::path::Path) -> Client {
    let mut capabilities = support::default_capabilities();
    capabilities["textDocument"]["codeAction"]["dataSupport"] = json!(true);
    capabilities["textDocument"]["codeAction"]["resolveSupport"] =
        json!({ "properties": ["edit"] });
    let root_uri = file_uri(root);
    let (client, result) = Client::start_with(json!({
        "processId": null,
        "rootUri": root_uri,
        "capabilities": capabilities,
    }));
    assert_eq!(
        result["capabilities"]["codeActionProvider"]["resolveProvider"], true,
        "{result}"
    );
    client
}

#[test]
fn fix_all_is_resolved_when_chosen_against_the_current_text() {
    let root = workspace();
    let mut client = resolving_client(root.path());
    let misspelled =
        format!("{FULL}\n## Lesons\n\nCheck secrets.\n").replace("## Timeline", "## Timelin");
    let uri = file_uri(&root.path().join("misspelled.incident"));
    open_and_wait(&mut client, &uri, &misspelled);

    // Quick fixes keep their edit; "fix all" comes without it, naming the document's version.
    let heading = find(&misspelled, "Timelin", 0, true);
    let actions = code_actions(
        &mut client,
        &uri,
        json!({ "start": heading, "end": heading }),
        None,
    );
    let quick = actions
        .iter()
        .find(|action| action["kind"] == "quickfix")
        .expect("a quick fix is offered");
    assert!(quick["edit"].is_object(), "{quick}");
    let fix_all = actions
        .iter()
        .find(|action| action["kind"] == "source.fixAll.incident-lint")
        .expect("fix all is offered")
        .clone();
    assert!(fix_all.get("edit").is_none(), "{fix_all}");
    assert_eq!(fix_all["data"], json!({ "uri": uri, "version": 1 }));

    let resolved = client.request("codeAction/resolve", fix_all.clone());
    assert_eq!(resolved["title"], fix_all["title"]);
    let all_fixed = apply_edits(&misspelled, edits_for(&resolved, &uri), true);
    assert!(all_fixed.contains("\n## Timeline\n"), "{all_fixed}");
    assert!(all_fixed.contains("\n## Lessons\n"), "{all_fixed}");

    // The text changed after the action was offered: its edit fits the current text.
    let fixed_by_hand = misspelled.replace("## Timelin", "## Timeline");
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": { "uri": uri, "version": 2 },
            "contentChanges": [{ "text": fixed_by_hand }],
        }),
    );
    let resolved = client.request("codeAction/resolve", fix_all.clone());
    let all_fixed = apply_edits(&fixed_by_hand, edits_for(&resolved, &uri), true);
    assert!(all_fixed.contains("\n## Timeline\n"), "{all_fixed}");
    assert!(!all_fixed.contains("Timelinee"), "{all_fixed}");
    assert!(all_fixed.contains("\n## Lessons\n"), "{all_fixed}");

    // An action without the data the server gave it, or for a closed document, is refused.
    let mut stripped = fix_all.clone();
    stripped.as_object_mut().unwrap().remove("data");
    let refused = client.request_raw("codeAction/resolve", stripped);
    assert_eq!(refused["error"]["code"], -32602, "{refused}");
    client.notify(
        "textDocument/didClose",
        json!({ "textDocument": { "uri": uri } }),
    );
    let refused = client.request_raw("codeAction/resolve", fix_all);
    assert_eq!(refused["error"]["code"], -32602, "{refused}");
    assert!(
        refused["error"]["message"]
            .as_str()
            .unwrap()
            .contains("is not open"),
        "{refused}"
    );
    assert!(client.shutdown_and_exit().success());
}

// Completion.

fn complete(client: &mut Client, uri: &str, text: &str, position: Value) -> Value {
    client.open(uri, text);
    client.request(
        "textDocument/completion",
        text_document_position(uri, position),
    )
}

/// The position at the end of the first line that ends with `line_end`.
fn end_of(text: &str, line_end: &str) -> Value {
    let offset = text
        .find(&format!("{line_end}\n"))
        .unwrap_or_else(|| panic!("no line ends with `{line_end}`"))
        + line_end.len();
    let line = text[..offset].matches('\n').count();
    let line_start = text[..offset].rfind('\n').map_or(0, |newline| newline + 1);
    position(
        line as u32,
        text[line_start..offset].encode_utf16().count() as u32,
    )
}

#[test]
fn completion_suggests_sections_in_loop_order() {
    let root = workspace();
    let (mut client, _) = Client::start(root.path(), &[]);
    let cases = [
        ("# T\n\n## \n", "Observe"),
        ("# T\n\n## Observe\n\n- O1: x\n\n## \n", "Orient"),
        (
            "# T\n\n## Observe\n\n- O1: x\n\n## Orient\n\n- changed: y\n\n## \n",
            "Decide",
        ),
        (
            "# T\n\n## Observe\n\n## Orient\n\n## Decide\n\n- H1: z [O1]\n\n## \n",
            "Act",
        ),
        (
            "# T\n\n## Observe\n\n## Orient\n\n## Decide\n\n## Act\n\n## \n",
            "Observe",
        ),
    ];
    for (index, (text, first)) in cases.into_iter().enumerate() {
        let uri = file_uri(&root.path().join(format!("sections{index}.incident")));
        let items = complete(&mut client, &uri, text, end_of(text, "## "));
        let labels = labels(&items);
        assert_eq!(labels[0], first, "case {index}: {labels:?}");
        assert!(labels.contains(&"Timeline".to_owned()));
    }
    // After a loop, the missing post-mortem sections come next.
    let text =
        "# T\n\n## Summary\n\nx\n\n## Observe\n\n## Orient\n\n## Decide\n\n## Act\n\n## Tim\n";
    let uri = file_uri(&root.path().join("post.incident"));
    let items = complete(&mut client, &uri, text, end_of(text, "## Tim"));
    let labels = labels(&items);
    assert_eq!(
        labels[..4],
        ["Observe", "Impact", "Timeline", "Actions"],
        "{labels:?}"
    );
    let timeline = items
        .as_array()
        .unwrap()
        .iter()
        .find(|item| item["label"] == "Timeline")
        .unwrap();
    assert_eq!(timeline["textEdit"]["newText"], "Timeline");
    assert_eq!(timeline["textEdit"]["range"]["start"]["character"], 3);
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn completion_in_the_front_matter_offers_keys_and_values() {
    let root = workspace();
    std::fs::write(
        root.path().join("incident-lint.toml"),
        "[front-matter]\nseverities = [\"P1\", \"P2\"]\n",
    )
    .unwrap();
    let (mut client, _) = Client::start(root.path(), &[]);
    let text = "---\nid: INC-1\nsev\n---\n\n# T\n";
    let uri = file_uri(&root.path().join("keys.incident"));
    let items = complete(&mut client, &uri, text, position(2, 3));
    let keys = labels(&items);
    assert!(keys.contains(&"severity".to_owned()), "{keys:?}");
    assert!(
        !keys.contains(&"id".to_owned()),
        "present keys are not offered: {keys:?}"
    );
    let severity = items
        .as_array()
        .unwrap()
        .iter()
        .find(|item| item["label"] == "severity")
        .unwrap();
    assert_eq!(severity["textEdit"]["newText"], "severity: ");

    let text = "---\nid: INC-1\nseverity: \nstatus: \ntimezone: Europe/Be\nstarted: \n---\n\n# T\n";
    let uri = file_uri(&root.path().join("values.incident"));
    let severities = complete(&mut client, &uri, text, position(2, 10));
    assert_eq!(
        labels(&severities),
        ["P1", "P2"],
        "severities come from the settings"
    );
    let statuses = client.request(
        "textDocument/completion",
        text_document_position(&uri, position(3, 8)),
    );
    assert_eq!(
        labels(&statuses),
        ["investigating", "mitigated", "resolved", "closed"]
    );
    let zones = client.request(
        "textDocument/completion",
        text_document_position(&uri, position(4, 19)),
    );
    assert!(
        labels(&zones).contains(&"Europe/Berlin".to_owned()),
        "{:?}",
        labels(&zones)
    );
    let started = client.request(
        "textDocument/completion",
        text_document_position(&uri, position(5, 9)),
    );
    let now = &labels(&started)[0];
    assert!(
        now.len() == 16 && now.as_bytes()[4] == b'-' && now.as_bytes()[13] == b':',
        "{now}"
    );
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn completion_offers_ids_verdicts_references_milestones_times_and_snippets() {
    let root = workspace();
    let (mut client, _) = Client::start(root.path(), &[]);
    let edit = |from: &str, to: &str| FULL.replacen(from, to, 1);

    // `- H` in an Act section: the untested hypothesis first.
    let text = edit(
        "- H1 rejected: memory peaked at 41%\n",
        "- H1 rejected: memory peaked at 41%\n- H\n",
    );
    let uri = file_uri(&root.path().join("verdict.incident"));
    let items = complete(&mut client, &uri, &text, end_of(&text, "- H"));
    assert_eq!(labels(&items), ["H2", "H1"]);
    let first = &items
        .as_array()
        .unwrap()
        .iter()
        .find(|item| item["label"] == "H2")
        .unwrap();
    assert_eq!(
        first["detail"],
        "checkout-api still sends the old password [O1]"
    );
    assert_eq!(first["labelDetails"]["description"], "untested");
    assert_eq!(first["preselect"], true);
    // Then the verdict words.
    let text = edit(
        "- H1 rejected: memory peaked at 41%\n",
        "- H1 rejected: memory peaked at 41%\n- H2 con\n",
    );
    let uri = file_uri(&root.path().join("verdict-word.incident"));
    let items = complete(&mut client, &uri, &text, end_of(&text, "- H2 con"));
    assert!(labels(&items).contains(&"confirmed".to_owned()));

    // A new definition gets the next free number.
    let text = edit(
        "- H2: checkout-api still sends the old password [O1]\n",
        "- H2: checkout-api still sends the old password [O1]\n- H\n",
    );
    let uri = file_uri(&root.path().join("next-h.incident"));
    let items = complete(&mut client, &uri, &text, end_of(&text, "- H"));
    assert_eq!(labels(&items), ["H3"]);
    assert_eq!(items[0]["textEdit"]["newText"], "H3: ");
    let text = edit("- down: checkout-api\n", "- down: checkout-api\n- O\n");
    let uri = file_uri(&root.path().join("next-o.incident"));
    let items = complete(&mut client, &uri, &text, end_of(&text, "- O"));
    assert_eq!(labels(&items), ["O2"]);

    // A reference after `[O`.
    let text = edit(
        "- H2: checkout-api still sends the old password [O1]\n",
        "- H2: checkout-api still sends the old password [O1]\n- H3: the pool is full [O\n",
    );
    let uri = file_uri(&root.path().join("reference.incident"));
    let items = complete(&mut client, &uri, &text, end_of(&text, "[O"));
    assert_eq!(labels(&items), ["O1"]);

    // Milestone tags after `[` at the end of a timeline entry, untagged ones first.
    let text = edit(
        "- 15:31 error rate back to baseline [resolved]\n",
        "- 15:31 error rate back to baseline [resolved]\n- 15:40 rollback done [\n",
    );
    let uri = file_uri(&root.path().join("milestone.incident"));
    let items = complete(&mut client, &uri, &text, end_of(&text, "rollback done ["));
    assert_eq!(labels(&items)[0], "mitigated");
    assert_eq!(labels(&items).len(), 4);

    // The current time as a new timeline entry, in the incident's timezone.
    let text = edit(
        "- 15:31 error rate back to baseline [resolved]\n",
        "- 15:31 error rate back to baseline [resolved]\n- \n",
    );
    let uri = file_uri(&root.path().join("time.incident"));
    let items = complete(&mut client, &uri, &text, end_of(&text, "[resolved]\n- "));
    let label = &labels(&items)[0];
    let is_time = |time: &str| time.len() == 5 && time.as_bytes()[2] == b':';
    assert!(
        is_time(label) || (label.len() == 16 && is_time(&label[11..])),
        "{label}"
    );
    assert_eq!(items[0]["textEdit"]["newText"], format!("{label} "));
    assert!(items[0]["detail"].as_str().unwrap().contains("UTC"));

    // Snippets: a whole loop on an empty line, an action item in the Actions section.
    let text = format!("{FULL}\n");
    let uri = file_uri(&root.path().join("snippets.incident"));
    let last_line = text.matches('\n').count() as u32;
    let items = complete(&mut client, &uri, &text, position(last_line, 0));
    let snippets: Vec<&Value> = items
        .as_array()
        .unwrap()
        .iter()
        .filter(|item| item["insertTextFormat"] == 2)
        .collect();
    let loop_snippet = snippets
        .iter()
        .find(|item| item["label"] == "ooda-loop")
        .expect("a loop snippet");
    let body = loop_snippet["textEdit"]["newText"].as_str().unwrap();
    assert!(
        body.contains("## Observe") && body.contains("- O2:") && body.contains("- H3:"),
        "{body}"
    );
    assert!(snippets.iter().any(|item| item["label"] == "action-item"));
    // While the snippet's name is typed, it replaces what was typed.
    let text = format!("{FULL}ood\n");
    let uri = file_uri(&root.path().join("snippet-prefix.incident"));
    let ood_line = FULL.matches('\n').count() as u32;
    let items = complete(&mut client, &uri, &text, position(ood_line, 3));
    let typed = items
        .as_array()
        .unwrap()
        .iter()
        .find(|item| item["label"] == "ooda-loop")
        .expect("the loop snippet is offered for a typed prefix");
    assert_eq!(typed["textEdit"]["range"], range(ood_line, 0, ood_line, 3));
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn completion_replaces_what_is_edited_and_needs_no_snippet_support() {
    let root = workspace();
    let (mut client, initialized) = Client::start(root.path(), &[]);
    // Only characters that open a choice trigger completion.
    assert_eq!(
        initialized["capabilities"]["completionProvider"]["triggerCharacters"],
        json!(["#", "[", ":"])
    );
    // The field above the cursor is not the one being edited.
    let text = "---\nid: INC-1\n\n---\n\n# T\n";
    let uri = file_uri(&root.path().join("below-id.incident"));
    let keys = labels(&complete(&mut client, &uri, text, position(2, 0)));
    assert!(!keys.contains(&"id".to_owned()), "{keys:?}");
    assert!(keys.contains(&"title".to_owned()), "{keys:?}");
    // A value is replaced whole, also after the cursor.
    let text = "---\nseverity: SEV2\n---\n\n# T\n";
    let uri = file_uri(&root.path().join("replace-value.incident"));
    let items = complete(&mut client, &uri, text, position(1, 10));
    let sev1 = items
        .as_array()
        .unwrap()
        .iter()
        .find(|item| item["label"] == "SEV1")
        .unwrap();
    assert_eq!(
        apply_edits(text, std::slice::from_ref(&sev1["textEdit"]), true),
        "---\nseverity: SEV1\n---\n\n# T\n"
    );
    // Right after `##`, a section heading gets its space.
    let text = "# T\n\n##\n";
    let uri = file_uri(&root.path().join("hash-trigger.incident"));
    let items = complete(&mut client, &uri, text, position(2, 2));
    assert_eq!(items[0]["textEdit"]["newText"], " Observe");
    assert!(client.shutdown_and_exit().success());

    // A client without snippets gets the same items as plain text.
    let root_uri = file_uri(root.path());
    let mut capabilities = support::default_capabilities();
    capabilities["textDocument"]["completion"]["completionItem"]["snippetSupport"] = json!(false);
    let (mut client, _) = Client::start_with(json!({
        "processId": null,
        "rootUri": root_uri,
        "capabilities": capabilities,
    }));
    let text = format!("{FULL}\n");
    let uri = file_uri(&root.path().join("plain.incident"));
    let last_line = text.matches('\n').count() as u32;
    let items = complete(&mut client, &uri, &text, position(last_line, 0));
    let plain = |items: &Value, label: &str| {
        let item = items
            .as_array()
            .unwrap()
            .iter()
            .find(|item| item["label"] == label)
            .unwrap_or_else(|| panic!("no {label} in {items}"))
            .clone();
        assert_eq!(item["insertTextFormat"], 1, "{item}");
        item["textEdit"]["newText"].as_str().unwrap().to_owned()
    };
    let body = plain(&items, "ooda-loop");
    assert!(
        body.contains("- O2: what the logs") && !body.contains('$'),
        "{body}"
    );
    assert!(body.contains("- H3 confirmed: the reason"), "{body}");
    let text = format!("{FULL}- \n");
    let uri = file_uri(&root.path().join("plain-action.incident"));
    let items = complete(&mut client, &uri, &text, position(last_line - 1, 2));
    assert_eq!(
        plain(&items, "action-item"),
        "- [ ] prevent: what to do (owner: @team, due: YYYY-MM-DD)"
    );
    assert!(client.shutdown_and_exit().success());
}

// Hover.

#[test]
fn hover_shows_rule_docs_ids_and_elapsed_times() {
    let root = workspace();
    let (mut client, _) = Client::start(root.path(), &[]);
    let uri = file_uri(&root.path().join("search.incident"));
    open_and_wait(&mut client, &uri, DECIDE_ONLY);
    let hover = client.request(
        "textDocument/hover",
        text_document_position(&uri, position(2, 5)),
    );
    let value = hover["contents"]["value"].as_str().unwrap();
    assert!(value.contains("INC101 decide-without-observe"), "{value}");
    // A one-paragraph summary and a link, not the whole page.
    assert!(
        value.contains("Reports a Decide section, or a hypothesis, in an investigation loop"),
        "{value}"
    );
    assert!(!value.contains("## Why is this bad?"), "{value}");
    assert!(
        value.contains("(https://") && value.contains("docs/rules/INC101.md)"),
        "{value}"
    );

    let uri = file_uri(&root.path().join("full.incident"));
    open_and_wait(&mut client, &uri, FULL);
    let hover = client.request(
        "textDocument/hover",
        text_document_position(&uri, find(FULL, "H1: pods", 0, true)),
    );
    let value = hover["contents"]["value"].as_str().unwrap();
    assert!(
        value.contains("**H1** (hypothesis), defined on line 34 in Decide (loop 1)"),
        "{value}"
    );
    assert!(value.contains("pods ran out of memory"), "{value}");
    assert!(
        value.contains("Verdict: **rejected** on line 39: memory peaked at 41%"),
        "{value}"
    );
    // A reference shows the same, and an observation shows what it is evidence for.
    let hover = client.request(
        "textDocument/hover",
        text_document_position(&uri, find(FULL, "O1]", 0, true)),
    );
    let value = hover["contents"]["value"].as_str().unwrap();
    assert!(value.contains("**O1** (observation)"), "{value}");
    assert!(value.contains("Evidence for H1, H2"), "{value}");

    let hover = client.request(
        "textDocument/hover",
        text_document_position(&uri, find(FULL, "14:09 alert", 0, true)),
    );
    let value = hover["contents"]["value"].as_str().unwrap();
    assert!(value.contains("T+7m since `started` (14:02)"), "{value}");
    assert!(
        value.contains("+7m since the previous entry (14:02)"),
        "{value}"
    );
    let hover = client.request(
        "textDocument/hover",
        text_document_position(&uri, find(FULL, "15:31 error", 0, true)),
    );
    let value = hover["contents"]["value"].as_str().unwrap();
    assert!(value.contains("T+1h 29m"), "{value}");
    assert!(
        value.contains("+1h 22m since the previous entry"),
        "{value}"
    );

    let nothing = client.request(
        "textDocument/hover",
        text_document_position(&uri, find(FULL, "Checkout failed", 0, true)),
    );
    assert!(nothing.is_null(), "{nothing}");
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn hover_names_referenced_incidents_and_reads_front_matter_times() {
    let root = workspace();
    std::fs::write(
        root.path().join("search.incident"),
        "---\nid: INC-2026-041\ntitle: Search index full\n---\n\n# Search\n",
    )
    .unwrap();
    let (mut client, _) = Client::start(root.path(), &[]);
    let text = FULL
        .replace("timezone: UTC", "timezone: Europe/Berlin")
        .replace(
            "- changed: credential rotation job ran at 13:55\n",
            "- changed: credential rotation job ran at 13:55\n- story: like INC-2026-041, not INC-2026-999\n",
        );
    let uri = file_uri(&root.path().join("full.incident"));
    open_and_wait(&mut client, &uri, &text);
    let hover_at = |client: &mut Client, needle: &str| {
        let hover = client.request(
            "textDocument/hover",
            text_document_position(&uri, find(&text, needle, 0, true)),
        );
        hover["contents"]["value"]
            .as_str()
            .unwrap_or_default()
            .to_owned()
    };
    let value = hover_at(&mut client, "INC-2026-041,");
    assert!(
        value.contains("**INC-2026-041**: Search index full"),
        "{value}"
    );
    assert!(value.contains("`search.incident`"), "{value}");
    let value = hover_at(&mut client, "INC-2026-999");
    assert!(
        value.contains("no incident file of the workspace"),
        "{value}"
    );
    // Front matter times, in the incident's zone and in UTC.
    let value = hover_at(&mut client, "2026-11-20 14:09");
    assert!(
        value.contains("**detected**: 2026-11-20 14:09 in Europe/Berlin (UTC+01:00)"),
        "{value}"
    );
    assert!(value.contains("2026-11-20 13:09 UTC"), "{value}");
    assert!(value.contains("T+7m since `started`"), "{value}");
    assert!(client.shutdown_and_exit().success());
}

// Symbols, folding, semantic tokens.

#[test]
fn document_symbols_show_front_matter_sections_loops_and_hypotheses() {
    let root = workspace();
    let (mut client, _) = Client::start(root.path(), &[]);
    let uri = file_uri(&root.path().join("full.incident"));
    open_and_wait(&mut client, &uri, FULL);
    let symbols = client.request(
        "textDocument/documentSymbol",
        json!({ "textDocument": { "uri": uri } }),
    );
    let names: Vec<&str> = symbols
        .as_array()
        .unwrap()
        .iter()
        .map(|symbol| symbol["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "Front matter",
            "Summary",
            "Impact",
            "Loop 1",
            "Timeline",
            "Actions"
        ]
    );
    let front_matter = &symbols[0];
    assert_eq!(front_matter["children"][2]["name"], "severity");
    assert_eq!(front_matter["children"][2]["detail"], "SEV2");
    let loop_one = &symbols[3];
    let steps: Vec<&str> = loop_one["children"]
        .as_array()
        .unwrap()
        .iter()
        .map(|symbol| symbol["name"].as_str().unwrap())
        .collect();
    assert_eq!(steps, ["Observe", "Orient", "Decide", "Act"]);
    let decide = &loop_one["children"][2]["children"];
    assert_eq!(decide[0]["name"], "H1");
    assert!(
        decide[0]["detail"]
            .as_str()
            .unwrap()
            .starts_with("rejected")
    );
    assert_eq!(decide[1]["name"], "H2");
    assert!(
        decide[1]["detail"]
            .as_str()
            .unwrap()
            .starts_with("untested")
    );
    assert_eq!(
        loop_one["children"][3]["children"][0]["name"],
        "H1 rejected"
    );
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn folding_ranges_cover_front_matter_sections_and_lists() {
    let root = workspace();
    let (mut client, _) = Client::start(root.path(), &[]);
    let uri = file_uri(&root.path().join("full.incident"));
    open_and_wait(&mut client, &uri, FULL);
    let ranges = client.request(
        "textDocument/foldingRange",
        json!({ "textDocument": { "uri": uri } }),
    );
    let spans: Vec<(u64, u64)> = ranges
        .as_array()
        .unwrap()
        .iter()
        .map(|range| {
            (
                range["startLine"].as_u64().unwrap(),
                range["endLine"].as_u64().unwrap(),
            )
        })
        .collect();
    assert!(spans.contains(&(0, 9)), "front matter: {spans:?}");
    assert!(spans.contains(&(21, 25)), "Observe section: {spans:?}");
    assert!(spans.contains(&(23, 25)), "Observe list: {spans:?}");
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn semantic_tokens_mark_ids_verdicts_times_tags_and_keys() {
    let root = workspace();
    let (mut client, result) = Client::start(root.path(), &[]);
    let legend: Vec<String> =
        result["capabilities"]["semanticTokensProvider"]["legend"]["tokenTypes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|kind| kind.as_str().unwrap().to_owned())
            .collect();
    let uri = file_uri(&root.path().join("full.incident"));
    open_and_wait(&mut client, &uri, FULL);
    let tokens = client.request(
        "textDocument/semanticTokens/full",
        json!({ "textDocument": { "uri": uri } }),
    );
    let data: Vec<u64> = tokens["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_u64().unwrap())
        .collect();
    assert_eq!(data.len() % 5, 0);
    let mut decoded = Vec::new();
    let (mut line, mut start) = (0, 0);
    for chunk in data.chunks(5) {
        if chunk[0] > 0 {
            line += chunk[0];
            start = chunk[1];
        } else {
            start += chunk[1];
        }
        let text_line = FULL.lines().nth(line as usize).unwrap();
        let token_text: String = text_line
            .chars()
            .skip(start as usize)
            .take(chunk[2] as usize)
            .collect();
        decoded.push((token_text, legend[chunk[3] as usize].clone(), chunk[4]));
    }
    let has = |text: &str, kind: &str, modifiers: u64| {
        decoded.iter().any(|(token, token_kind, token_modifiers)| {
            token == text && token_kind == kind && *token_modifiers == modifiers
        })
    };
    assert!(has("severity", "property", 0), "{decoded:?}");
    assert!(has("INC-2026-042", "type", 1), "{decoded:?}");
    assert!(has("O1", "variable", 1), "{decoded:?}");
    assert!(has("O1", "variable", 0), "{decoded:?}");
    assert!(has("rejected", "keyword", 0), "{decoded:?}");
    assert!(has("14:02", "number", 0), "{decoded:?}");
    assert!(has("[started]", "enumMember", 0), "{decoded:?}");
    assert!(has("down", "decorator", 0), "{decoded:?}");
    assert!(client.shutdown_and_exit().success());
}

// Navigation.

#[test]
fn definition_references_and_rename_work_for_observations_and_hypotheses() {
    let root = workspace();
    let (mut client, _) = Client::start(root.path(), &[]);
    let uri = file_uri(&root.path().join("full.incident"));
    open_and_wait(&mut client, &uri, FULL);
    let definition = client.request(
        "textDocument/definition",
        text_document_position(&uri, find(FULL, "O1]", 0, true)),
    );
    assert_eq!(definition["uri"], uri);
    assert_eq!(
        definition["range"]["start"],
        find(FULL, "O1: checkout", 0, true)
    );

    let references = client.request(
        "textDocument/references",
        json!({ "textDocument": { "uri": uri }, "position": find(FULL, "H1 rejected", 0, true), "context": { "includeDeclaration": true } }),
    );
    let starts: Vec<&Value> = references
        .as_array()
        .unwrap()
        .iter()
        .map(|location| &location["range"]["start"])
        .collect();
    assert_eq!(
        starts,
        [
            &find(FULL, "H1: pods", 0, true),
            &find(FULL, "H1 rejected", 0, true)
        ]
    );
    let without_declaration = client.request(
        "textDocument/references",
        json!({ "textDocument": { "uri": uri }, "position": find(FULL, "O1: checkout", 0, true), "context": { "includeDeclaration": false } }),
    );
    assert_eq!(without_declaration.as_array().unwrap().len(), 2);

    let prepared = client.request(
        "textDocument/prepareRename",
        text_document_position(&uri, find(FULL, "H1 rejected", 0, true)),
    );
    assert_eq!(prepared["start"], find(FULL, "H1 rejected", 0, true));
    let edit = client.request(
        "textDocument/rename",
        json!({ "textDocument": { "uri": uri }, "position": find(FULL, "H1: pods", 0, true), "newName": "H7" }),
    );
    let renamed = apply_edits(FULL, edit["changes"][&uri].as_array().unwrap(), true);
    assert!(
        renamed.contains("- H7: pods") && renamed.contains("- H7 rejected"),
        "{renamed}"
    );
    assert!(!renamed.contains("H1"));
    for bad_name in ["O7", "H", "H2"] {
        let refused = client.request_raw(
            "textDocument/rename",
            json!({ "textDocument": { "uri": uri }, "position": find(FULL, "H1: pods", 0, true), "newName": bad_name }),
        );
        assert_eq!(refused["error"]["code"], -32602, "{bad_name}: {refused}");
    }
    let nothing = client.request(
        "textDocument/definition",
        text_document_position(&uri, position(0, 0)),
    );
    assert!(nothing.is_null());
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn incident_ids_are_navigated_and_renamed_across_the_workspace() {
    let root = workspace();
    let earlier = "---\nid: INC-2026-031\ntitle: Pods out of memory\n---\n\n# Pods out of memory\n";
    std::fs::write(root.path().join("earlier.incident"), earlier).unwrap();
    std::fs::create_dir(root.path().join("2026")).unwrap();
    let mention = "# Notes\n\n## Orient\n\n- story: as in INC-2026-031, and INC-2026-031 again\n";
    std::fs::write(root.path().join("2026/notes.incident.md"), mention).unwrap();
    std::fs::write(root.path().join("ignored.txt"), "INC-2026-031").unwrap();
    let (mut client, _) = Client::start(root.path(), &[]);
    let uri = file_uri(&root.path().join("2026/current.incident"));
    let current =
        "---\nid: INC-2026-042\n---\n\n# Checkout\n\n## Orient\n\n- story: unlike INC-2026-031\n";
    open_and_wait(&mut client, &uri, current);

    let at_mention = find(current, "INC-2026-031", 0, true);
    let definition = client.request(
        "textDocument/definition",
        text_document_position(&uri, at_mention.clone()),
    );
    let earlier_uri = file_uri(&root.path().join("earlier.incident"));
    assert_eq!(definition[0]["uri"], earlier_uri);
    assert_eq!(definition[0]["range"], range(1, 4, 1, 16));

    let references = client.request(
        "textDocument/references",
        json!({ "textDocument": { "uri": uri }, "position": at_mention, "context": { "includeDeclaration": true } }),
    );
    let mut found: Vec<String> = references
        .as_array()
        .unwrap()
        .iter()
        .map(|location| location["uri"].as_str().unwrap().to_owned())
        .collect();
    found.sort();
    let notes_uri = file_uri(&root.path().join("2026/notes.incident.md"));
    let mut expected = vec![
        uri.clone(),
        notes_uri.clone(),
        notes_uri.clone(),
        earlier_uri.clone(),
    ];
    expected.sort();
    assert_eq!(found, expected);

    let edit = client.request(
        "textDocument/rename",
        json!({ "textDocument": { "uri": uri }, "position": at_mention, "newName": "INC-2026-099" }),
    );
    let changes = &edit["changes"];
    assert_eq!(
        apply_edits(earlier, changes[&earlier_uri].as_array().unwrap(), true),
        earlier.replace("INC-2026-031", "INC-2026-099")
    );
    assert_eq!(
        apply_edits(mention, changes[&notes_uri].as_array().unwrap(), true),
        mention.replace("INC-2026-031", "INC-2026-099")
    );
    assert_eq!(
        apply_edits(current, changes[&uri].as_array().unwrap(), true),
        current.replace("INC-2026-031", "INC-2026-099")
    );
    let refused = client.request_raw(
        "textDocument/rename",
        json!({ "textDocument": { "uri": uri }, "position": at_mention, "newName": "not an id" }),
    );
    assert_eq!(refused["error"]["code"], -32602);

    // The rules across files see the workspace: a second file with the same ID is reported.
    let duplicate = file_uri(&root.path().join("copy.incident"));
    let diagnostics = open_and_wait(&mut client, &duplicate, earlier);
    assert!(has_code(&diagnostics, "INC701"), "{diagnostics}");
    assert!(client.shutdown_and_exit().success());
}

/// The findings across files (INC7xx) for `path`, as `(code, message)`, from lines of
/// `incident-lint check --format concise`.
fn cross_file_findings_of_cli(output: &str, path: &str) -> Vec<(String, String)> {
    let mut findings: Vec<(String, String)> = output
        .lines()
        .filter(|line| line.starts_with(&format!("{path}:")))
        .filter_map(|line| {
            let (_, rest) = line.split_once('[')?;
            let (code, message) = rest.split_once("] ")?;
            Some((code.to_owned(), message.to_owned()))
        })
        .filter(|(code, _)| code.starts_with("INC7"))
        .collect();
    findings.sort();
    findings
}

#[cfg(unix)]
#[test]
fn the_server_and_the_command_line_take_the_same_files() {
    let root = workspace();
    let dir = root.path();
    std::fs::create_dir_all(dir.join("postmortems/drafts")).unwrap();
    std::fs::create_dir(dir.join("elsewhere")).unwrap();
    std::fs::write(
        dir.join("incident-lint.toml"),
        "include = [\"postmortems/**/*.md\"]\nexclude = [\"postmortems/drafts/**\"]\nextend-select = [\"unknown-incident-reference\"]\n",
    )
    .unwrap();
    let front =
        |id: &str, title: &str| format!("---\nid: {id}\ntitle: {title}\n---\n\n# {title}\n");
    std::fs::write(dir.join("postmortems/dns.md"), front("INC-2026-001", "DNS")).unwrap();
    // Excluded, so its ID is no duplicate and defines nothing.
    std::fs::write(
        dir.join("postmortems/drafts/copy.md"),
        front("INC-2026-004", "Copy"),
    )
    .unwrap();
    // A link named like an included file is taken, wherever its target lies.
    std::fs::write(
        dir.join("elsewhere/certificates.txt"),
        front("INC-2026-002", "Certificates"),
    )
    .unwrap();
    std::os::unix::fs::symlink(
        "../elsewhere/certificates.txt",
        dir.join("postmortems/certificates.md"),
    )
    .unwrap();
    let login = format!(
        "{}\n## Orient\n\n- story: like INC-2026-001, INC-2026-002 and INC-2026-004\n",
        front("INC-2026-001", "Login")
    );
    std::fs::write(dir.join("postmortems/login.md"), &login).unwrap();

    let cli = std::process::Command::new(env!("CARGO_BIN_EXE_incident-lint"))
        .args(["check", "--format", "concise"])
        .current_dir(dir)
        .output()
        .unwrap();
    let cli_output = String::from_utf8(cli.stdout).unwrap();
    let from_cli = cross_file_findings_of_cli(&cli_output, "postmortems/login.md");
    assert_eq!(
        from_cli,
        [
            (
                "INC701".to_owned(),
                "incident ID `INC-2026-001` is also used by `postmortems/dns.md`".to_owned()
            ),
            (
                "INC702".to_owned(),
                "no incident file defines `INC-2026-004`".to_owned()
            ),
        ],
        "{cli_output}"
    );

    let (mut client, _) = Client::start(dir, &[]);
    let uri = file_uri(&dir.join("postmortems/login.md"));
    let diagnostics = open_and_wait(&mut client, &uri, &login);
    let mut from_server: Vec<(String, String)> = diagnostics["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|diagnostic| {
            (
                diagnostic["code"].as_str().unwrap_or_default().to_owned(),
                // The server puts the help line under the message; the concise output has none.
                diagnostic["message"]
                    .as_str()
                    .and_then(|message| message.lines().next())
                    .unwrap_or_default()
                    .to_owned(),
            )
        })
        .filter(|(code, _)| code.starts_with("INC7"))
        .collect();
    from_server.sort();
    assert_eq!(from_server, from_cli, "{diagnostics}");
    assert!(client.shutdown_and_exit().success());
}

// Inlay hints and formatting.

#[test]
fn inlay_hints_show_elapsed_time_and_time_to_detect_and_resolve() {
    let root = workspace();
    let (mut client, _) = Client::start(root.path(), &[]);
    let uri = file_uri(&root.path().join("full.incident"));
    open_and_wait(&mut client, &uri, FULL);
    let hints = client.request(
        "textDocument/inlayHint",
        json!({ "textDocument": { "uri": uri }, "range": range(0, 0, 100, 0) }),
    );
    let found: Vec<(Value, String)> = hints
        .as_array()
        .unwrap()
        .iter()
        .map(|hint| {
            (
                hint["position"].clone(),
                hint["label"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let at = |needle: &str| {
        let mut position = find(FULL, needle, 0, true);
        position["character"] =
            json!(position["character"].as_u64().unwrap() + needle.len() as u64);
        position
    };
    assert!(
        found.contains(&(
            at("detected: 2026-11-20 14:09"),
            "time to detect: 7m".to_owned()
        )),
        "{found:?}"
    );
    assert!(
        found.contains(&(
            at("resolved: 2026-11-20 15:31"),
            "time to resolve: 1h 29m".to_owned()
        )),
        "{found:?}"
    );
    assert!(
        found.contains(&(at("- 14:02"), "T+0m".to_owned())),
        "{found:?}"
    );
    assert!(
        found.contains(&(at("- 14:09"), "T+7m".to_owned())),
        "{found:?}"
    );
    assert!(
        found.contains(&(at("- 15:31"), "T+1h 29m".to_owned())),
        "{found:?}"
    );
    // Only hints in the requested range.
    let some = client.request(
        "textDocument/inlayHint",
        json!({ "textDocument": { "uri": uri }, "range": range(0, 0, 8, 0) }),
    );
    assert_eq!(some.as_array().unwrap().len(), 1, "{some}");
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn formatting_formats_honours_options_and_explains_files_with_syntax_errors() {
    let root = workspace();
    let (mut client, _) = Client::start(root.path(), &[]);
    let uri = file_uri(&root.path().join("messy.incident"));
    let messy = "# T\n## Observe\n\n\n* down: api\n* O1: x\n";
    open_and_wait(&mut client, &uri, messy);
    let edits = client.request("textDocument/formatting", json!({ "textDocument": { "uri": uri }, "options": { "tabSize": 2, "insertSpaces": true } }));
    let formatted = apply_edits(messy, edits.as_array().unwrap(), true);
    assert_eq!(formatted, "# T\n\n## Observe\n\n- down: api\n- O1: x\n");

    let broken = file_uri(&root.path().join("broken.incident"));
    open_and_wait(
        &mut client,
        &broken,
        "---\nThis line has no key.\n---\n\n# T\n## Observe\n",
    );
    let edits = client.request("textDocument/formatting", json!({ "textDocument": { "uri": broken }, "options": { "tabSize": 2, "insertSpaces": true } }));
    assert_eq!(edits, json!([]));
    // The user is told why, with the place of the first syntax error.
    let message = client.wait_notification("window/showMessage", |params| {
        params["message"]
            .as_str()
            .is_some_and(|message| message.contains("not formatted"))
    });
    let text = message["message"].as_str().unwrap();
    assert!(
        text.starts_with("incident-lint: broken.incident:2:1: not formatted"),
        "{text}"
    );

    // The client's options: trailing whitespace, and no final line break when there was none.
    let uri = file_uri(&root.path().join("options.incident"));
    let untidy = "# T  \n## Observe\n\n- down: api \t";
    open_and_wait(&mut client, &uri, untidy);
    let format_with = |client: &mut Client, options: Value| {
        let edits = client.request(
            "textDocument/formatting",
            json!({ "textDocument": { "uri": uri }, "options": options }),
        );
        apply_edits(untidy, edits.as_array().unwrap(), true)
    };
    let options = json!({ "tabSize": 2, "insertSpaces": true, "trimTrailingWhitespace": true, "insertFinalNewline": false });
    assert_eq!(
        format_with(&mut client, options),
        "# T\n\n## Observe\n\n- down: api"
    );
    let options = json!({ "tabSize": 2, "insertSpaces": true });
    assert_eq!(
        format_with(&mut client, options),
        "# T  \n\n## Observe\n\n- down: api \t\n"
    );
    assert!(client.shutdown_and_exit().success());
}

// Bad input.

#[test]
fn requests_for_unknown_documents_and_positions_past_the_end_are_answered() {
    let root = workspace();
    let (mut client, _) = Client::start(root.path(), &[]);
    let unknown = file_uri(&root.path().join("never-opened.incident"));
    for method in [
        "textDocument/hover",
        "textDocument/completion",
        "textDocument/definition",
    ] {
        let response = client.request_raw(method, text_document_position(&unknown, position(0, 0)));
        assert!(response.get("error").is_none(), "{method}: {response}");
    }
    let uri = file_uri(&root.path().join("full.incident"));
    open_and_wait(&mut client, &uri, FULL);
    for method in [
        "textDocument/hover",
        "textDocument/completion",
        "textDocument/definition",
        "textDocument/prepareRename",
    ] {
        let response =
            client.request_raw(method, text_document_position(&uri, position(9999, 9999)));
        assert!(response.get("error").is_none(), "{method}: {response}");
    }
    let actions = client.request_raw(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": uri }, "range": range(500, 3, 2, 0), "context": { "diagnostics": [] } }),
    );
    assert!(actions.get("error").is_none(), "{actions}");
    let hints = client.request_raw(
        "textDocument/inlayHint",
        json!({ "textDocument": { "uri": uri }, "range": range(9999, 0, 99999, 0) }),
    );
    assert_eq!(hints["result"], json!([]));
    // A change for a document that is not open is ignored.
    client.change(&unknown, 2, range(0, 0, 0, 0), "x");
    assert!(
        client
            .request(
                "textDocument/hover",
                text_document_position(&unknown, position(0, 0))
            )
            .is_null()
    );
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn invalid_change_ranges_are_clamped_or_skipped() {
    let root = workspace();
    let (mut client, _) = Client::start(root.path(), &[]);
    let uri = file_uri(&root.path().join("edits.incident"));
    open_and_wait(&mut client, &uri, "ab\n🔥\n");
    // Reversed: skipped. Past the end of a line: clamped to it. Past the last line: the end.
    // Inside a surrogate pair: the start of the character.
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": { "uri": uri, "version": 2 },
            "contentChanges": [
                { "range": range(0, 2, 0, 1), "text": "reversed" },
                { "range": range(0, 50, 0, 60), "text": "!" },
                { "range": range(40, 0, 41, 0), "text": "end" },
                { "range": range(1, 1, 1, 1), "text": "<" },
            ],
        }),
    );
    let document = client.request("incident-lint/test/document", json!({ "uri": uri }));
    assert_eq!(document["text"], "ab!\n<🔥\nend");
    assert_eq!(document["version"], 2);
    let stderr = client.wait_stderr("change skipped");
    assert!(stderr.contains("change skipped"), "{stderr}");
    client.wait_diagnostics(&uri, |params| params["version"] == 2);
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn malformed_messages_are_answered_and_the_server_goes_on() {
    let root = workspace();
    let (mut client, _) = Client::start(root.path(), &[]);
    client.send_raw(b"Content-Length: 9\r\n\r\n{not json");
    let answer = client.wait_null_id_response();
    assert_eq!(answer["error"]["code"], -32700, "{answer}");
    client.send_raw(b"Content-Length: 11\r\n\r\n{\"foo\": 12}");
    let answer = client.wait_null_id_response();
    assert_eq!(answer["error"]["code"], -32600, "{answer}");
    let id_kept = client.send_request("textDocument/hover", Value::Null);
    client.send(&json!({ "jsonrpc": "2.0", "id": id_kept + 1, "method": 7 }));
    let answer = client.wait_response(id_kept + 1);
    assert_eq!(answer["error"]["code"], -32600, "{answer}");
    assert_eq!(client.wait_response(id_kept)["error"]["code"], -32602);
    // A frame without a length is skipped.
    client.send_raw(b"Content-Type: x\r\n\r\n");
    // Wrong parameter types are an error answer, not a crash.
    let wrong = client.request_raw("textDocument/hover", json!({ "textDocument": 7 }));
    assert_eq!(wrong["error"]["code"], -32602, "{wrong}");
    let uri = file_uri(&root.path().join("full.incident"));
    open_and_wait(&mut client, &uri, FULL);
    assert!(client.is_running());
    assert!(client.shutdown_and_exit().success());
}

/// Sends a hover request for a document that is not open, framed by hand after `prefix`;
/// returns its answer.
fn hover_after(client: &mut Client, prefix: &[u8], id: i64) -> Value {
    let body = serde_json::to_vec(&json!({
        "jsonrpc": "2.0",
        "id": id,
        "method": "textDocument/hover",
        "params": text_document_position("file:///nowhere.incident", position(0, 0)),
    }))
    .unwrap();
    let mut bytes = prefix.to_vec();
    bytes.extend(format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes());
    bytes.extend(body);
    client.send_raw(&bytes);
    client.wait_response(id)
}

#[test]
fn broken_frames_are_skipped_and_the_next_frame_is_answered() {
    let root = workspace();
    let (mut client, _) = Client::start(root.path(), &[]);
    let answered = |answer: &Value| answer.get("result").is_some() && answer.get("error").is_none();
    // Garbage without a line break, right before a header.
    let answer = hover_after(&mut client, b"garbage", 1001);
    assert!(answered(&answer), "{answer}");
    // A length that is not a number: the JSON body after it is still answered.
    let answer = hover_after(
        &mut client,
        b"Content-Length: lots\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":1002,\"method\":\"incident-lint/test/memory\",\"params\":{}}",
        1003,
    );
    assert!(answered(&answer), "{answer}");
    assert!(answered(&client.wait_response(1002)));
    assert!(client.shutdown_and_exit().success());

    let (mut client, _) = Client::start(root.path(), &[]);
    // A length that is too long: the next header ends the body, which is answered.
    let answer = hover_after(&mut client, b"Content-Length: 500\r\n\r\n{not json", 1004);
    assert!(answered(&answer), "{answer}");
    assert_eq!(client.wait_null_id_response()["error"]["code"], -32700);
    // A length that is too short: the rest of the body is skipped.
    let answer = hover_after(&mut client, b"Content-Length: 2\r\n\r\n{\"a\": 1}", 1005);
    assert!(answered(&answer), "{answer}");
    // A header block without a length, and garbage not followed by a blank line.
    let answer = hover_after(
        &mut client,
        b"Content-Type: x\r\n\r\nnot json\r\nmore",
        1006,
    );
    assert!(answered(&answer), "{answer}");
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn an_endless_header_line_is_skipped_without_growing_memory() {
    let root = workspace();
    let (mut client, _) = Client::start(root.path(), &[]);
    let before = client.request("incident-lint/test/memory", json!({}));
    // 300 MiB without a line break, sent in pieces.
    let piece = vec![b'x'; 1 << 20];
    for _ in 0..300 {
        client.send_raw(&piece);
    }
    let answer = hover_after(&mut client, b"", 2001);
    assert!(answer.get("error").is_none(), "{answer}");
    let after = client.request("incident-lint/test/memory", json!({}));
    let before_kb = before["rss_kb"].as_u64().unwrap();
    let after_kb = after["rss_kb"].as_u64().unwrap();
    assert!(
        after_kb < before_kb + 32 * 1024,
        "memory grew from {before_kb} kB to {after_kb} kB"
    );
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn a_panicking_handler_answers_an_internal_error_and_the_server_goes_on() {
    let root = workspace();
    let (mut client, _) = Client::start(root.path(), &[]);
    let answer = client.request_raw("incident-lint/test/panic", json!({}));
    assert_eq!(answer["error"]["code"], -32603, "{answer}");
    let uri = file_uri(&root.path().join("full.incident"));
    open_and_wait(&mut client, &uri, FULL);
    let hover = client.request(
        "textDocument/hover",
        text_document_position(&uri, find(FULL, "H1: pods", 0, true)),
    );
    assert!(!hover.is_null());
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn cancelled_requests_stop_and_answer_request_cancelled() {
    let root = workspace();
    let (mut client, _) = Client::start(root.path(), &[]);
    let started = Instant::now();
    let id = client.send_request("incident-lint/test/sleep", json!({ "ms": 15000 }));
    client.notify("$/cancelRequest", json!({ "id": id }));
    let answer = client.wait_response(id);
    assert_eq!(answer["error"]["code"], -32800, "{answer}");
    assert!(started.elapsed() < Duration::from_secs(10));
    let uri = file_uri(&root.path().join("full.incident"));
    open_and_wait(&mut client, &uri, FULL);
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn memory_stays_flat_over_ten_thousand_edits() {
    let root = workspace();
    let (mut client, _) = Client::start(root.path(), &[]);
    let uri = file_uri(&root.path().join("long.incident"));
    let mut text = FULL.to_owned();
    for index in 0..400 {
        text.push_str(&format!(
            "\n## Observe\n\n- down: api-{index}\n- O{}: log line {index} 🔥\n",
            index + 2
        ));
    }
    open_and_wait(&mut client, &uri, &text);
    let line = 30;
    let mut version = 1;
    let mut edit_burst = |client: &mut Client, count: usize| {
        for _ in 0..count / 2 {
            version += 1;
            client.change(&uri, version, range(line, 0, line, 0), "x");
            version += 1;
            client.change(&uri, version, range(line, 0, line, 1), "");
        }
        client.wait_diagnostics(&uri, |params| params["version"] == version);
    };
    edit_burst(&mut client, 1000);
    let after_1000 = client.request("incident-lint/test/memory", json!({}));
    edit_burst(&mut client, 9000);
    let after_10000 = client.request("incident-lint/test/memory", json!({}));
    let document = client.request("incident-lint/test/document", json!({ "uri": uri }));
    assert_eq!(document["text"], text, "the edits cancel out");
    assert_eq!(after_10000["documents"], 1);
    let before_kb = after_1000["rss_kb"].as_u64().unwrap();
    let after_kb = after_10000["rss_kb"].as_u64().unwrap();
    eprintln!("resident memory: {before_kb} kB after 1,000 edits, {after_kb} kB after 10,000");
    assert!(
        after_kb < before_kb + 16 * 1024,
        "memory grew from {before_kb} kB to {after_kb} kB"
    );
    assert!(client.shutdown_and_exit().success());
}

// Code lens and the report command.

/// Starts a server for `root` whose client opens shown documents when `show_document` is set,
/// with these `initializationOptions`.
fn start_for_reports(root: &std::path::Path, show_document: bool, options: Value) -> Client {
    let root_uri = file_uri(root);
    let mut capabilities = support::default_capabilities();
    if show_document {
        capabilities["window"] = json!({ "showDocument": { "support": true } });
    }
    let (client, _) = Client::start_with(json!({
        "processId": null,
        "rootUri": root_uri,
        "workspaceFolders": [{ "uri": root_uri, "name": "root" }],
        "capabilities": capabilities,
        "initializationOptions": options,
    }));
    client
}

fn show_report(client: &mut Client, uri: &str) -> Value {
    client.request(
        "workspace/executeCommand",
        json!({ "command": "incident-lint.showReport", "arguments": [uri] }),
    )
}

fn show_document_requests(client: &Client) -> Vec<Value> {
    client
        .server_requests
        .iter()
        .filter(|request| request["method"] == "window/showDocument")
        .cloned()
        .collect()
}

#[test]
fn a_code_lens_on_the_title_shows_the_timeline() {
    let root = workspace();
    let (mut client, result) = Client::start(root.path(), &[]);
    assert!(!result["capabilities"]["codeLensProvider"].is_null());
    assert_eq!(
        result["capabilities"]["executeCommandProvider"]["commands"],
        json!(["incident-lint.showReport"])
    );
    let uri = file_uri(&root.path().join("full.incident"));
    open_and_wait(&mut client, &uri, FULL);
    let lenses = client.request(
        "textDocument/codeLens",
        json!({ "textDocument": { "uri": uri } }),
    );
    let lenses = lenses.as_array().unwrap();
    assert_eq!(lenses.len(), 1, "{lenses:?}");
    let lens = &lenses[0];
    let title_line = FULL
        .lines()
        .position(|line| line == "# Checkout API returns 502")
        .unwrap();
    assert_eq!(lens["range"]["start"]["line"], title_line as u64);
    assert_eq!(lens["command"]["title"], "Show timeline");
    assert_eq!(lens["command"]["command"], "incident-lint.showReport");
    assert_eq!(lens["command"]["arguments"], json!([uri]));

    // Without a title the lens is on the first line.
    let untitled = file_uri(&root.path().join("untitled.incident"));
    open_and_wait(&mut client, &untitled, "## Summary\n\nSomething broke.\n");
    let lenses = client.request(
        "textDocument/codeLens",
        json!({ "textDocument": { "uri": untitled } }),
    );
    assert_eq!(lenses[0]["range"]["start"]["line"], 0, "{lenses}");
    assert_eq!(lenses[0]["command"]["arguments"], json!([untitled]));
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn a_code_lens_coaches_the_next_step_while_the_incident_goes_on() {
    let root = workspace();
    let (mut client, _) = Client::start(root.path(), &[]);
    let uri = file_uri(&root.path().join("draft.incident"));
    let observed = "---\nstatus: investigating\n---\n\n# Logins fail\n\n## Observe\n\n- down: auth-api\n- O1: the auth-api log says `password authentication failed`\n";
    open_and_wait(&mut client, &uri, observed);
    let next_lens = |client: &mut Client| {
        let lenses = client.request(
            "textDocument/codeLens",
            json!({ "textDocument": { "uri": uri } }),
        );
        lenses
            .as_array()
            .unwrap()
            .iter()
            .find(|lens| lens["command"]["title"] != "Show timeline")
            .cloned()
    };
    let lens = next_lens(&mut client).expect("a next-step lens while investigating");
    assert_eq!(
        lens["command"]["title"],
        "Next: Orient \u{2014} what changed recently, and what should have happened instead?"
    );
    // On the heading of the last section written, shown as text: it runs no command.
    assert_eq!(lens["range"]["start"]["line"], 6);
    assert_eq!(lens["command"]["command"], "");

    // Once the write-up orients, the lens moves on to Decide, on the new section.
    let oriented =
        format!("{observed}\n## Orient\n\n- changed: the secret rotation job ran at 13:55\n");
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": { "uri": uri, "version": 2 },
            "contentChanges": [{ "text": oriented }],
        }),
    );
    let lens = next_lens(&mut client).expect("a next-step lens after orienting");
    assert!(
        lens["command"]["title"]
            .as_str()
            .unwrap()
            .starts_with("Next: Decide \u{2014} "),
        "{lens}"
    );
    assert_eq!(lens["range"]["start"]["line"], 11);

    // A finished post-mortem gets no coaching lens: `check` lists its gaps.
    let resolved = oriented.replace("status: investigating", "status: resolved");
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": { "uri": uri, "version": 3 },
            "contentChanges": [{ "text": resolved }],
        }),
    );
    assert_eq!(next_lens(&mut client), None);
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn show_report_renders_the_current_text_and_writes_the_page() {
    let root = workspace();
    let mut client = start_for_reports(root.path(), false, Value::Null);
    let uri = file_uri(&root.path().join("checkout.incident"));
    open_and_wait(&mut client, &uri, FULL);
    // The page shows the text as edited, not as saved (nothing was saved).
    let title_line = FULL
        .lines()
        .position(|line| line == "# Checkout API returns 502")
        .unwrap() as u32;
    client.change(
        &uri,
        2,
        range(title_line, 2, title_line, 26),
        "Checkout API returns 503",
    );
    let report = show_report(&mut client, &uri);
    let html = report["html"].as_str().unwrap();
    assert!(html.contains("Checkout API returns 503"), "{html}");
    assert!(html.contains("<svg"), "no timeline picture");
    let page_uri = report["uri"].as_str().unwrap();
    assert!(page_uri.starts_with("file://"), "{page_uri}");
    assert!(page_uri.ends_with("/checkout.html"), "{page_uri}");
    let path = page_uri.strip_prefix("file://").unwrap();
    assert_eq!(std::fs::read_to_string(path).unwrap(), html);

    client.drain_for(Duration::from_millis(300));
    assert!(
        show_document_requests(&client).is_empty(),
        "a client without showDocument support was asked to show a document"
    );
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn show_report_opens_the_page_unless_the_client_shows_it_itself() {
    let root = workspace();
    let uri = file_uri(&root.path().join("checkout.incident"));

    let mut client = start_for_reports(root.path(), true, Value::Null);
    open_and_wait(&mut client, &uri, FULL);
    let report = show_report(&mut client, &uri);
    let deadline = Instant::now() + support::TIMEOUT;
    while show_document_requests(&client).is_empty() && Instant::now() < deadline {
        client.drain_for(Duration::from_millis(50));
    }
    let shown = show_document_requests(&client);
    assert_eq!(shown.len(), 1, "{shown:?}");
    assert_eq!(shown[0]["params"]["uri"], report["uri"]);
    assert_eq!(shown[0]["params"]["external"], true);
    assert!(client.shutdown_and_exit().success());

    let mut client = start_for_reports(root.path(), true, json!({ "reportInWebview": true }));
    open_and_wait(&mut client, &uri, FULL);
    show_report(&mut client, &uri);
    client.drain_for(Duration::from_millis(300));
    assert!(show_document_requests(&client).is_empty());
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn unknown_commands_and_arguments_are_refused_by_name() {
    let root = workspace();
    let (mut client, _) = Client::start(root.path(), &[]);
    let uri = file_uri(&root.path().join("full.incident"));
    open_and_wait(&mut client, &uri, FULL);
    let response = client.request_raw(
        "workspace/executeCommand",
        json!({ "command": "incident-lint.explode", "arguments": [uri] }),
    );
    assert_eq!(response["error"]["code"], -32602, "{response}");
    let message = response["error"]["message"].as_str().unwrap();
    assert!(message.contains("incident-lint.explode"), "{message}");

    let response = client.request_raw(
        "workspace/executeCommand",
        json!({ "command": "incident-lint.showReport", "arguments": [] }),
    );
    assert_eq!(response["error"]["code"], -32602, "{response}");
    let closed = file_uri(&root.path().join("closed.incident"));
    let response = client.request_raw(
        "workspace/executeCommand",
        json!({ "command": "incident-lint.showReport", "arguments": [closed] }),
    );
    let message = response["error"]["message"].as_str().unwrap();
    assert!(message.contains("is not open"), "{message}");
    assert!(client.shutdown_and_exit().success());
}
