"""Initialization, what the server advertises, and shutdown."""

from __future__ import annotations

import importlib

import pytest
from lsprotocol import types
from pygls.protocol import default_converter

from strict_client import SchemaViolation, StrictClient, check_message

# Each capability the server may advertise, and the test that exercises it. A capability
# that is advertised and not listed here fails the first test, so none goes untested.
COVERED = {
    "positionEncoding": "test_diagnostics.py::test_incremental_changes_land_where_the_editor_means",
    "textDocumentSync": "test_diagnostics.py::test_diagnostics_follow_open_change_save_and_close",
    "codeActionProvider": "test_editing.py::test_fix_all_applies_every_safe_fix",
    "completionProvider": "test_editing.py::test_completion_offers_front_matter_and_ids",
    "documentFormattingProvider": "test_editing.py::test_formatting_formats_and_explains_syntax_errors",
    "hoverProvider": "test_navigation.py::test_hover_explains_diagnostics_references_and_times",
    "definitionProvider": "test_navigation.py::test_definition_and_references_find_ids",
    "referencesProvider": "test_navigation.py::test_definition_and_references_find_ids",
    "renameProvider": "test_navigation.py::test_rename_renames_every_mention",
    "documentSymbolProvider": "test_views.py::test_document_symbols_nest_loops_and_hypotheses",
    "foldingRangeProvider": "test_views.py::test_folding_ranges_cover_front_matter_and_sections",
    "semanticTokensProvider": "test_views.py::test_semantic_tokens_full_mark_ids_and_times",
    "inlayHintProvider": "test_views.py::test_inlay_hints_show_elapsed_times",
    "codeLensProvider": "test_views.py::test_code_lens_command_writes_the_report",
    "executeCommandProvider": "test_views.py::test_code_lens_command_writes_the_report",
    "workspace": "test_navigation.py::test_workspace_folders_come_and_go",
}


async def test_initialize_advertises_only_what_the_tests_cover(client: StrictClient):
    result = await client.start()
    assert result.server_info is not None and result.server_info.name == "incident-lint"
    initialize_answer = next(raw for raw, _ in client.received if "result" in raw)
    advertised = {
        name
        for name, value in initialize_answer["result"]["capabilities"].items()
        if value is not None
    }
    assert advertised == set(COVERED), (
        "a capability without a test, or a test of one not advertised"
    )
    for test in COVERED.values():
        file_name, function = test.split("::")
        module = importlib.import_module(file_name.removesuffix(".py"))
        assert hasattr(module, function), f"{test} is not a test"

    # Every editor offers UTF-16; the server takes UTF-8 when it is offered too.
    offered = client.capabilities.general and client.capabilities.general.position_encodings
    assert client.encoding == ("utf-8" if offered and "utf-8" in offered else "utf-16")
    sync = result.capabilities.text_document_sync
    assert isinstance(sync, types.TextDocumentSyncOptions)
    assert sync.open_close and sync.change == types.TextDocumentSyncKind.Incremental
    assert list(result.capabilities.execute_command_provider.commands) == [
        "incident-lint.showReport"
    ]


async def test_the_server_watches_files_when_the_editor_lets_it(client: StrictClient):
    await client.start()
    watched = client.capabilities.workspace.did_change_watched_files
    if not (watched and watched.dynamic_registration):
        pytest.skip(f"{client.profile} registers no file watchers")
    registration = await client.wait_for(
        lambda raw, _: raw.get("method") == types.CLIENT_REGISTER_CAPABILITY
    )
    [watch] = registration.params.registrations
    assert watch.method == types.WORKSPACE_DID_CHANGE_WATCHED_FILES
    globs = {watcher["globPattern"] for watcher in watch.register_options["watchers"]}
    assert "**/incident-lint.toml" in globs and "**/*.incident" in globs


async def test_shutdown_with_null_params_then_exit_ends_with_status_0(client: StrictClient):
    await client.start()
    await client.open_checked("x.incident", "# T\n")
    assert await client.request_with_null_params(types.SHUTDOWN, types.ShutdownResponse) is None
    client.notify_with_null_params(types.EXIT)
    assert await client.exit_status() == 0
    client.shut_down = True


# A diagnostic as the server sends it, for the check's own tests.
DIAGNOSTIC = {
    "range": {"start": {"line": 2, "character": 3}, "end": {"line": 2, "character": 9}},
    "severity": 1,
    "code": "INC101",
    "source": "incident-lint",
    "message": "decided before observing",
}


def published(**changes) -> dict:
    diagnostic = {**DIAGNOSTIC, **changes}
    diagnostic = {key: value for key, value in diagnostic.items() if value is not ...}
    return {
        "jsonrpc": "2.0",
        "method": "textDocument/publishDiagnostics",
        "params": {"uri": "file:///w/x.incident", "version": 1, "diagnostics": [diagnostic]},
    }


def test_the_check_accepts_a_valid_message():
    message = check_message(default_converter(), published(), types.PublishDiagnosticsNotification)
    assert message.params.diagnostics[0].code == "INC101"


@pytest.mark.parametrize(
    "changes, reason",
    [
        ({"severity": 7}, "DiagnosticSeverity"),
        ({"range": ...}, "range"),
        ({"message": 5}, "5"),
        ({"severity": True}, "True"),
        ({"source": None}, "source"),
        ({"tags": [1], "color": "red"}, "color"),
        (
            {"range": {"start": {"line": -1, "character": 0}, "end": {"line": 0, "character": 0}}},
            "line",
        ),
        (
            {"range": {"start": {"line": 2, "character": 9}, "end": {"line": 2, "character": 3}}},
            "ends before",
        ),
    ],
    ids=[
        "unknown-enum-value",
        "missing-property",
        "number-for-string",
        "boolean-for-number",
        "null-for-optional",
        "unknown-property",
        "negative-uinteger",
        "backwards-range",
    ],
)
def test_the_check_rejects_what_the_type_does_not_allow(changes, reason):
    with pytest.raises(SchemaViolation, match=reason):
        check_message(
            default_converter(), published(**changes), types.PublishDiagnosticsNotification
        )


def test_the_check_rejects_a_response_with_neither_result_nor_error():
    with pytest.raises(SchemaViolation, match="result"):
        check_message(default_converter(), {"jsonrpc": "2.0", "id": 1}, types.HoverResponse)
