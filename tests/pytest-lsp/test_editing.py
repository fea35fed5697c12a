"""Completion, code actions and formatting: the edits the server offers, applied as an
editor applies them."""

from __future__ import annotations

from lsprotocol import types

from incidents import DECIDE_ONLY, FULL
from strict_client import OpenDocument, StrictClient, apply_edits


def labels(completion) -> list[str]:
    items = completion.items if isinstance(completion, types.CompletionList) else completion
    return [item.label for item in sorted(items, key=lambda item: item.sort_text or item.label)]


async def complete(client: StrictClient, document: OpenDocument, position: types.Position):
    completion = await client.text_document_completion_async(
        types.CompletionParams(text_document=document.identifier, position=position)
    )
    items = completion.items if isinstance(completion, types.CompletionList) else completion or []
    for item in items:
        # LSP asks for a one-line edit range that contains the cursor.
        edit = item.text_edit
        if isinstance(edit, types.TextEdit):
            assert edit.range.start.line == edit.range.end.line == position.line, item
            assert edit.range.start.character <= position.character <= edit.range.end.character, (
                item
            )
    return completion


async def test_completion_offers_front_matter_and_ids(client: StrictClient):
    await client.start()
    front_matter = "---\nid: INC-2026-050\nsev\nstatus: \n---\n\n# T\n"
    document = client.open("keys.incident", front_matter)
    keys = await complete(client, document, client.position(document, "sev", after=True))
    assert "severity" in labels(keys) and "id" not in labels(keys), labels(keys)
    statuses = await complete(client, document, client.position(document, "status: ", after=True))
    assert labels(statuses) == ["investigating", "mitigated", "resolved", "closed"]

    text = FULL.replace(
        "the old password [O1]\n", "the old password [O1]\n- H3: the pool is full [O\n- H\n"
    )
    document = client.open("ids.incident", text)
    references = await complete(client, document, client.position(document, "full [O", after=True))
    assert labels(references) == ["O1"]
    line_start = client.position(document, "- H\n")
    after_h = types.Position(line=line_start.line, character=line_start.character + len("- H"))
    assert labels(await complete(client, document, after_h)) == ["H4"]

    # A whole loop as a snippet, or as plain text for an editor without snippets; pytest-lsp
    # fails the test if a snippet goes to an editor that did not offer snippet support.
    document = client.open("snippet.incident", FULL + "\n")
    items = await complete(client, document, types.Position(line=FULL.count("\n"), character=0))
    [loop] = [item for item in items if item.label == "ooda-loop"]
    snippets = client.capabilities.text_document.completion.completion_item.snippet_support
    expected = types.InsertTextFormat.Snippet if snippets else types.InsertTextFormat.PlainText
    assert loop.insert_text_format == expected


async def test_completion_offers_sections_verdicts_times_and_tags(client: StrictClient):
    await client.start()
    after = client.position

    document = client.open("sections.incident", "# T\n\n## Observe\n\n- O1: x\n\n## \n")
    assert (
        labels(await complete(client, document, after(document, "x\n\n## ", True)))[0] == "Orient"
    )

    text = FULL.replace("41%\n", "41%\n- H\n").replace(
        "[resolved]\n", "[resolved]\n- 15:40 rollback done [\n- \n"
    )
    document = client.open("act.incident", text.replace("Europe/Berlin", "Europe/Be"))
    # The untested hypothesis first, then the one with a verdict.
    verdicts = await complete(client, document, after(document, "41%\n- H", True))
    assert labels(verdicts) == ["H2", "H1"]
    tags = await complete(client, document, after(document, "rollback done [", True))
    assert labels(tags)[0] == "mitigated"
    now = await complete(client, document, after(document, "rollback done [\n- ", True))
    assert labels(now)[0].count(":") == 1, "the current time, as a new entry"
    zones = await complete(client, document, after(document, "timezone: Europe/Be", True))
    assert "Europe/Berlin" in labels(zones)
    actions = await complete(client, document, after(document, "2026-12-15)\n", True))
    assert "action-item" in labels(actions)


async def code_actions(
    client: StrictClient, document: OpenDocument, at: types.Range, only: list[str] | None = None
) -> list[types.CodeAction]:
    published = await client.current_diagnostics(document)
    answer = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=document.identifier,
            range=at,
            context=types.CodeActionContext(diagnostics=published.diagnostics, only=only),
        )
    )
    assert all(isinstance(action, types.CodeAction) for action in answer or [])
    return list(answer or [])


async def resolved(client: StrictClient, action: types.CodeAction) -> types.CodeAction:
    """The action with its edit: as sent, or from `codeAction/resolve` when the server
    computes edits lazily."""
    if action.edit is not None:
        return action
    provider = client.server_capabilities.code_action_provider
    assert isinstance(provider, types.CodeActionOptions) and provider.resolve_provider, (
        f"`{action.title}` has no edit and the server resolves no code actions"
    )
    action = await client.code_action_resolve_async(action)
    assert action.edit is not None, f"`{action.title}` resolved without an edit"
    return action


def edits_of(action: types.CodeAction, document: OpenDocument) -> list[types.TextEdit]:
    assert action.edit is not None
    changes = action.edit.changes or {}
    assert set(changes) == {document.uri}, changes
    return list(changes[document.uri])


def quick_fixes(actions: list[types.CodeAction], code: str) -> list[types.CodeAction]:
    """The fixes of the diagnostic `code`, without the actions that disable its rule."""
    return [
        action
        for action in actions
        if action.kind == types.CodeActionKind.QuickFix
        and [diagnostic.code for diagnostic in action.diagnostics or []] == [code]
        and not action.title.startswith("Disable")
    ]


async def test_quick_fix_applies(client: StrictClient):
    await client.start()
    misspelled = FULL.replace("## Timeline", "## Timelin")
    document, opened = await client.open_checked("misspelled.incident", misspelled)
    actions = await code_actions(
        client, document, client.range_of(document, "Timelin"), ["quickfix"]
    )
    assert all(action.kind == types.CodeActionKind.QuickFix for action in actions)
    [fix] = quick_fixes(actions, "INC509")
    assert fix.is_preferred, "a safe fix is preferred"
    client.edit(document, edits_of(await resolved(client, fix), document))
    assert document.text == FULL
    after = await client.current_diagnostics(document)
    assert "INC509" not in [diagnostic.code for diagnostic in after.diagnostics]

    # An unsafe fix is offered too, and not preferred: it writes a scaffold to fill in.
    document, _ = await client.open_checked("search.incident", DECIDE_ONLY)
    actions = await code_actions(client, document, client.range_of(document, "Decide"))
    [scaffold] = quick_fixes(actions, "INC101")
    assert not scaffold.is_preferred
    scaffolded = apply_edits(
        document.text, edits_of(await resolved(client, scaffold), document), client.encoding
    )
    assert scaffolded.index("## Observe") < scaffolded.index("## Decide")


async def test_fix_all_applies_every_safe_fix(client: StrictClient):
    await client.start()
    misspelled = (FULL + "\n## Lesons\n\nCheck secrets.\n").replace("## Timeline", "## Timelin")
    document, opened = await client.open_checked("misspelled.incident", misspelled)
    assert [diagnostic.code for diagnostic in opened.diagnostics].count("INC509") == 2
    start = types.Position(line=0, character=0)
    for only in (["source.fixAll"], ["source.fixAll.incident-lint"]):
        [fix_all] = await code_actions(client, document, types.Range(start=start, end=start), only)
        assert fix_all.kind == "source.fixAll.incident-lint"
    fix_all = await resolved(client, fix_all)
    edits = edits_of(fix_all, document)
    assert "\n## Timeline\n" in apply_edits(document.text, edits, client.encoding)
    client.edit(document, edits)
    assert "\n## Lessons\n" in document.text
    after = await client.current_diagnostics(document)
    assert "INC509" not in [diagnostic.code for diagnostic in after.diagnostics]


async def format_document(client: StrictClient, document: OpenDocument) -> list[types.TextEdit]:
    edits = await client.text_document_formatting_async(
        types.DocumentFormattingParams(
            text_document=document.identifier,
            options=types.FormattingOptions(tab_size=2, insert_spaces=True),
        )
    )
    return list(edits or [])


async def test_formatting_formats_and_explains_syntax_errors(client: StrictClient):
    await client.start()
    document, _ = await client.open_checked(
        "messy.incident", "# T\n## Observe\n\n\n* down: api\n* O1: x\n"
    )
    client.edit(document, await format_document(client, document))
    assert document.text == "# T\n\n## Observe\n\n- down: api\n- O1: x\n"
    await client.current_diagnostics(document)
    assert await format_document(client, document) == [], "formatting is stable"

    # A file with a syntax error is left alone, and the editor is told why and where.
    broken, _ = await client.open_checked(
        "broken.incident", "---\nThis line has no key.\n---\n\n# T\n## Observe\n"
    )
    assert await format_document(client, broken) == []
    message = await client.wait_notification(
        types.WINDOW_SHOW_MESSAGE, lambda params: "not formatted" in params.message
    )
    assert message.type == types.MessageType.Warning
    assert message.message.startswith("incident-lint: broken.incident:2:1: not formatted"), message
