"""A pytest-lsp client that checks every message from the server against the LSP types, and
against what the client said it supports.

pygls reads each message into its lsprotocol type, but cattrs is lenient: it ignores unknown
keys and converts values (`5` becomes the string `"5"`). So each message is also written back
with the same converter and must come out exactly as it was sent: no key the type does not
have, no `null` where the type allows none, and every value of the type's own JSON type.
"""

from __future__ import annotations

import asyncio
import copy
import os
import pathlib
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any

from lsprotocol import types
from pygls.protocol import default_converter
from pytest_lsp import LanguageClient, LanguageClientProtocol, client_capabilities
from pytest_lsp.client import register_lsp_features

# How long a test waits for the server before it fails, so a missing message does not hang
# the run; no assertion depends on it.
WAIT_SECONDS = 20


class SchemaViolation(AssertionError):
    """A message from the server that does not match its LSP type."""


def check_message(converter, message: dict[str, Any], message_type: type | None) -> Any:
    """Reads `message` as `message_type` and returns it; raises `SchemaViolation` unless it
    is exactly what the type allows."""
    if message.get("jsonrpc") != "2.0":
        raise SchemaViolation(f'`jsonrpc` is not "2.0": {message}')
    if "id" in message and "method" not in message:
        if ("result" in message) == ("error" in message):
            raise SchemaViolation(f"a response has one of `result` and `error`: {message}")
    if message_type is None:
        raise SchemaViolation(f"no LSP type describes this message: {message}")
    raw = copy.deepcopy(message)
    try:
        structured = converter.structure(message, message_type)
    except Exception as error:
        raise SchemaViolation(f"not a valid {message_type.__name__}: {error!r}\n{raw}") from error
    written = converter.unstructure(structured)
    difference = first_difference(raw, written, "$") or backwards_range(raw, "$")
    if difference is not None:
        raise SchemaViolation(f"not a valid {message_type.__name__}: {difference}\nsent: {raw}")
    return structured


def backwards_range(value: Any, path: str) -> str | None:
    """Where a range ends before it starts, which no type can say."""
    if isinstance(value, dict):
        start, end = value.get("start"), value.get("end")
        if isinstance(start, dict) and isinstance(end, dict) and "line" in start and "line" in end:
            if (start["line"], start.get("character")) > (end["line"], end.get("character")):
                return f"{path}: the range ends before it starts"
        items = value.items()
    elif isinstance(value, list):
        items = enumerate(value)
    else:
        return None
    for key, item in items:
        found = backwards_range(item, f"{path}.{key}")
        if found is not None:
            return found
    return None


def first_difference(sent: Any, allowed: Any, path: str) -> str | None:
    """Where `sent` and its reading `allowed` differ, compared as JSON values."""
    if isinstance(sent, dict) and isinstance(allowed, dict):
        for key in sent:
            if key not in allowed:
                return (
                    f"{path}.{key}: not a property of the type here (or null where none is allowed)"
                )
        for key in allowed:
            if key not in sent:
                return f"{path}.{key}: missing"
            difference = first_difference(sent[key], allowed[key], f"{path}.{key}")
            if difference is not None:
                return difference
        return None
    if isinstance(sent, (list, tuple)) and isinstance(allowed, (list, tuple)):
        if len(sent) != len(allowed):
            return f"{path}: {len(sent)} items, read as {len(allowed)}"
        for index, (one, other) in enumerate(zip(sent, allowed, strict=True)):
            difference = first_difference(one, other, f"{path}[{index}]")
            if difference is not None:
                return difference
        return None
    if json_kind(sent) != json_kind(allowed) or sent != allowed:
        return f"{path}: {sent!r} is read as {allowed!r}"
    return None


def json_kind(value: Any) -> str:
    """The JSON type of a value; `bool` is not a number, and 1 and 1.0 are the same number."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, (list, tuple)):
        return "array"
    return "object" if isinstance(value, dict) else type(value).__name__


# The completion item kinds of a client that sends no `completionItemKind.valueSet`: `Text` to
# `Reference`, those of the protocol's first version.
FIRST_COMPLETION_ITEM_KINDS = list(range(1, 19))


def capability_mismatches(capabilities: dict[str, Any], structured: Any) -> list[str]:
    """What a message from the server uses that the client's `capabilities` (as JSON) do not
    say it supports; pytest-lsp checks only snippets, commit characters and documentation
    formats."""

    def supports(path: str) -> Any:
        value: Any = capabilities
        for key in path.split("."):
            value = value.get(key) if isinstance(value, dict) else None
        return value

    found: list[str] = []
    if isinstance(structured, types.PublishDiagnosticsNotification):
        for diagnostic in structured.params.diagnostics:
            where = f"diagnostic {diagnostic.code} of {structured.params.uri}"
            if diagnostic.related_information and not supports(
                "textDocument.publishDiagnostics.relatedInformation"
            ):
                found.append(f"{where} has relatedInformation")
            if diagnostic.code_description and not supports(
                "textDocument.publishDiagnostics.codeDescriptionSupport"
            ):
                found.append(f"{where} has codeDescription")
            tags = supports("textDocument.publishDiagnostics.tagSupport.valueSet") or []
            if any(int(tag) not in tags for tag in diagnostic.tags or []):
                found.append(f"{where} has tags {diagnostic.tags}")
            if diagnostic.data is not None and not supports(
                "textDocument.publishDiagnostics.dataSupport"
            ):
                found.append(f"{where} has data")
    elif isinstance(structured, types.CompletionResponse):
        result = structured.result
        items = result.items if isinstance(result, types.CompletionList) else result or []
        kinds = supports("textDocument.completion.completionItemKind.valueSet")
        for item in items:
            if item.kind is not None and int(item.kind) not in (kinds or FIRST_COMPLETION_ITEM_KINDS):
                found.append(f"completion {item.label!r} has kind {int(item.kind)}")
            if item.label_details is not None and not supports(
                "textDocument.completion.completionItem.labelDetailsSupport"
            ):
                found.append(f"completion {item.label!r} has labelDetails")
            if item.preselect is not None and not supports(
                "textDocument.completion.completionItem.preselectSupport"
            ):
                found.append(f"completion {item.label!r} has preselect")
    elif isinstance(structured, types.HoverResponse) and structured.result is not None:
        contents = structured.result.contents
        formats = supports("textDocument.hover.contentFormat") or ["plaintext"]
        if isinstance(contents, types.MarkupContent) and contents.kind.value != formats[0]:
            found.append(f"a hover is {contents.kind.value}, the client prefers {formats[0]}")
    elif isinstance(structured, (types.CodeActionResponse, types.CodeActionResolveResponse)):
        result = structured.result
        actions = [result] if isinstance(result, types.CodeAction) else result or []
        for action in actions:
            if isinstance(action, types.CodeAction):
                if not supports("textDocument.codeAction.codeActionLiteralSupport"):
                    found.append(f"code action {action.title!r} is a literal")
                if action.is_preferred is not None and not supports(
                    "textDocument.codeAction.isPreferredSupport"
                ):
                    found.append(f"code action {action.title!r} has isPreferred")
    return found


class StrictProtocol(LanguageClientProtocol):
    """Checks each message as it is read, and records it for the tests."""

    def structure_message(self, data: dict[str, Any]):
        # `json.loads` calls this for every object in a message, innermost first; only the
        # message itself has `jsonrpc`.
        if "jsonrpc" not in data:
            return data
        client: StrictClient = self._server  # type: ignore[assignment]
        try:
            structured = check_message(self._converter, data, self._type_of(data))
        except SchemaViolation as violation:
            client.schema_violations.append(str(violation))
            raise
        if client.capabilities is not None:
            offered = self._converter.unstructure(client.capabilities)
            client.capability_mismatches.extend(capability_mismatches(offered, structured))
        client.record(data, structured)
        return structured

    def _type_of(self, message: dict[str, Any]) -> type | None:
        if "id" in message and "method" in message:
            return self.get_message_type(message["method"])
        if "id" in message:
            result_type = self._result_types.pop(message["id"], None)
            return types.ResponseErrorMessage if "error" in message else result_type
        return self.get_message_type(message.get("method", ""))


class OpenDocument:
    """A document as the client holds it: its text and version, kept in step with the server."""

    def __init__(self, uri: str, text: str):
        self.uri = uri
        self.text = text
        self.version = 1

    @property
    def identifier(self) -> types.TextDocumentIdentifier:
        return types.TextDocumentIdentifier(uri=self.uri)


class StrictClient(LanguageClient):
    """pytest-lsp's client with the strict check, helpers to edit documents the way an editor
    does, and waits for what the server sends."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, protocol_cls=StrictProtocol, **kwargs)
        self.schema_violations: list[str] = []
        self.capability_mismatches: list[str] = []
        self.received: list[tuple[dict[str, Any], Any]] = []
        self.workspace = pathlib.Path()
        self.profile = "visual-studio-code"
        self.encoding = "utf-16"
        self.server_capabilities = types.ServerCapabilities()
        self.shut_down = False
        self._arrived = asyncio.Event()

    @classmethod
    def create(cls) -> StrictClient:
        client = cls(converter_factory=default_converter)
        register_lsp_features(client)

        # Accepted, as editors do; the tests read the request from `received`.
        @client.feature(types.CLIENT_REGISTER_CAPABILITY)
        def register_capability(client: StrictClient, params: types.RegistrationParams):
            return None

        return client

    def record(self, raw: dict[str, Any], structured: Any):
        self.received.append((raw, structured))
        self._arrived.set()

    def report_server_error(self, error, source):
        super().report_server_error(error, source)
        self._arrived.set()

    async def start(self, initialization_options: Any = None) -> types.InitializeResult:
        """Initializes the server as the editor of `profile` would, with `workspace` open."""
        root = self.workspace.as_uri()
        result = await self.initialize_session(
            types.InitializeParams(
                capabilities=client_capabilities(self.profile),
                root_uri=root,
                workspace_folders=[types.WorkspaceFolder(uri=root, name="workspace")],
                initialization_options=initialization_options,
            )
        )
        self.server_capabilities = result.capabilities
        encoding = result.capabilities.position_encoding
        # lsprotocol reads an encoding it knows as a plain string.
        self.encoding = str(getattr(encoding, "value", encoding) or "utf-16")
        return result

    async def finish(self):
        """Shuts the server down if the test did not, and checks that it exited cleanly."""
        if not self.shut_down and self.error is None and self.capabilities is not None:
            await self.shutdown_session()
            self.shut_down = True
            assert self._server is not None
            assert self._server.returncode == 0, f"exit status {self._server.returncode}"
        assert self.schema_violations == [], "\n\n".join(self.schema_violations)
        assert self.capability_mismatches == [], "\n".join(self.capability_mismatches)

    # Messages from the server.

    async def wait_for(self, accept: Callable[[dict[str, Any], Any], bool]) -> Any:
        """The first message received that `accept`s, waiting for it if needed."""

        async def first_accepted():
            while True:
                if self.error is not None:
                    raise AssertionError(f"the client stopped: {self.error}")
                for raw, structured in self.received:
                    if accept(raw, structured):
                        return structured
                self._arrived.clear()
                await self._arrived.wait()

        return await asyncio.wait_for(first_accepted(), WAIT_SECONDS)

    async def wait_notification(self, method: str, accept: Callable[[Any], bool]) -> Any:
        message = await self.wait_for(
            lambda raw, structured: (
                raw.get("method") == method and "id" not in raw and accept(structured.params)
            )
        )
        return message.params

    async def current_diagnostics(self, document: OpenDocument) -> types.PublishDiagnosticsParams:
        """The diagnostics of the document's current version."""
        return await self.wait_notification(
            types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS,
            lambda params: params.uri == document.uri and params.version == document.version,
        )

    # Documents.

    def uri(self, name: str) -> str:
        return (self.workspace / name).as_uri()

    def open(self, name: str, text: str) -> OpenDocument:
        document = OpenDocument(self.uri(name), text)
        self.text_document_did_open(
            types.DidOpenTextDocumentParams(
                text_document=types.TextDocumentItem(
                    uri=document.uri, language_id="incident", version=1, text=text
                )
            )
        )
        return document

    async def open_checked(
        self, name: str, text: str
    ) -> tuple[OpenDocument, types.PublishDiagnosticsParams]:
        """Opens a document and waits for its first diagnostics."""
        document = self.open(name, text)
        return document, await self.current_diagnostics(document)

    def position(self, document: OpenDocument, needle: str, after: bool = False) -> types.Position:
        """Where `needle` starts (or ends) in the document, in the negotiated units."""
        offset = document.text.index(needle) + (len(needle) if after else 0)
        return position_at(document.text, offset, self.encoding)

    def range_of(self, document: OpenDocument, needle: str) -> types.Range:
        return types.Range(
            start=self.position(document, needle), end=self.position(document, needle, after=True)
        )

    def edit(self, document: OpenDocument, edits: list[types.TextEdit]):
        """Applies `edits` (of one version of the document) as an editor does: as one
        incremental change, the last edit first so that the earlier positions still hold."""
        document.text = apply_edits(document.text, edits, self.encoding)
        changes = [
            types.TextDocumentContentChangePartial(range=edit.range, text=edit.new_text)
            for edit in last_first(edits)
        ]
        document.version += 1
        self.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(
                    uri=document.uri, version=document.version
                ),
                content_changes=changes,
            )
        )

    def replace(self, document: OpenDocument, old: str, new: str):
        """Replaces the first `old` in the document with `new`, as one incremental change."""
        self.edit(document, [types.TextEdit(range=self.range_of(document, old), new_text=new)])

    # Lifecycle.

    async def request_with_null_params(self, method: str, result_type: type) -> Any:
        """Sends `method` with `"params": null`, as some editors do, and returns the result."""
        message_id = f"null-params-{method}"
        future: Future = Future()
        self.protocol._request_futures[message_id] = future
        self.protocol._result_types[message_id] = result_type
        self.protocol._send_data(
            {"jsonrpc": "2.0", "id": message_id, "method": method, "params": None}
        )
        return await asyncio.wait_for(asyncio.wrap_future(future), WAIT_SECONDS)

    def notify_with_null_params(self, method: str):
        self.protocol._send_data({"jsonrpc": "2.0", "method": method, "params": None})

    async def exit_status(self) -> int:
        assert self._server is not None
        return await asyncio.wait_for(self._server.wait(), WAIT_SECONDS)


def position_at(text: str, offset: int, encoding: str) -> types.Position:
    line_start = text.rfind("\n", 0, offset) + 1
    line = text.count("\n", 0, offset)
    return types.Position(line=line, character=units(text[line_start:offset], encoding))


def units(text: str, encoding: str) -> int:
    """The length of `text` in the units of a position encoding."""
    if encoding == "utf-8":
        return len(text.encode("utf-8"))
    if encoding == "utf-32":
        return len(text)
    return len(text.encode("utf-16-le")) // 2


def offset_of(text: str, position: types.Position, encoding: str) -> int:
    """The index in `text` of an LSP position (clamped to its line, as LSP asks)."""
    lines = text.split("\n")
    if position.line >= len(lines):
        return len(text)
    line_start = sum(len(line) + 1 for line in lines[: position.line])
    line = lines[position.line]
    counted = 0
    for index, character in enumerate(line):
        if counted >= position.character:
            return line_start + index
        counted += units(character, encoding)
    return line_start + len(line)


def apply_edit(text: str, edit: types.TextEdit, encoding: str) -> str:
    start = offset_of(text, edit.range.start, encoding)
    end = offset_of(text, edit.range.end, encoding)
    assert start <= end, f"an edit's range ends before it starts: {edit.range}"
    return text[:start] + edit.new_text + text[end:]


def apply_edits(text: str, edits: list[types.TextEdit], encoding: str) -> str:
    """Applies the edits of one `TextEdit[]`, which LSP says do not overlap."""
    ordered = last_first(edits)
    for later, earlier in zip(ordered, ordered[1:], strict=False):
        assert position_key(earlier.range.end) <= position_key(later.range.start), (
            f"edits overlap: {earlier} and {later}"
        )
    for edit in ordered:
        text = apply_edit(text, edit, encoding)
    return text


def position_key(position: types.Position) -> tuple[int, int]:
    return (position.line, position.character)


def last_first(edits: list[types.TextEdit]) -> list[types.TextEdit]:
    """The edits from the end of the document to its start; of two at the same place, the
    later one in the list first, so that their texts end up in the list's order."""
    numbered = sorted(
        enumerate(edits),
        key=lambda pair: (*position_key(pair[1].range.start), pair[0]),
        reverse=True,
    )
    return [edit for _, edit in numbered]


def server_binary() -> str:
    default = pathlib.Path(__file__).resolve().parents[2] / "target" / "debug" / "incident-lint"
    return os.environ.get("INCIDENT_LINT_BIN", str(default))
