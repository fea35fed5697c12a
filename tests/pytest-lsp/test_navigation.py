"""Hover, definition, references and rename."""

from __future__ import annotations

import pytest
from lsprotocol import types
from pygls.exceptions import JsonRpcInvalidParams

from incidents import DECIDE_ONLY, EARLIER, FULL
from strict_client import OpenDocument, StrictClient, apply_edits, position_key


def where(client: StrictClient, document: OpenDocument, needle: str) -> dict:
    """The document and position fields of a request, at `needle`."""
    return {"text_document": document.identifier, "position": client.position(document, needle)}


async def hover_text(client: StrictClient, document: OpenDocument, needle: str) -> str:
    position = client.position(document, needle)
    hover = await client.text_document_hover_async(
        types.HoverParams(text_document=document.identifier, position=position)
    )
    assert hover is not None, f"no hover on `{needle}`"
    assert isinstance(hover.contents, types.MarkupContent)
    assert hover.contents.kind == types.MarkupKind.Markdown
    if hover.range is not None:
        start, end = position_key(hover.range.start), position_key(hover.range.end)
        assert start <= position_key(position) <= end, "the hover's range holds the cursor"
    return hover.contents.value


async def test_hover_explains_diagnostics_references_and_times(client: StrictClient):
    (client.workspace / "earlier.incident").write_text(EARLIER)
    await client.start()
    search, _ = await client.open_checked("search.incident", DECIDE_ONLY)
    assert "INC101 decide-without-observe" in await hover_text(client, search, "Decide")

    document, _ = await client.open_checked("full.incident", FULL)
    mentioned = await hover_text(client, document, "INC-2026-041")
    assert "**INC-2026-041**: Search index full" in mentioned and "`earlier.incident`" in mentioned
    assert "no incident file of the workspace" in await hover_text(client, document, "INC-2026-999")
    detected = await hover_text(client, document, "2026-11-20 14:09")
    assert "**detected**: 2026-11-20 14:09 in Europe/Berlin (UTC+01:00)" in detected
    assert "2026-11-20 13:09 UTC" in detected
    # After the key on the H2 line, where the position encodings differ.
    assert "**O1** (observation)" in await hover_text(client, document, "O1]\n\n## Act")
    assert "Verdict: **rejected**" in await hover_text(client, document, "H1: pods")
    assert "T+7m since `started` (14:02)" in await hover_text(client, document, "14:09 alert")

    nothing = await client.text_document_hover_async(
        types.HoverParams(
            text_document=document.identifier, position=client.position(document, "Checkout failed")
        )
    )
    assert nothing is None


async def test_workspace_folders_come_and_go(client: StrictClient):
    first, second = client.workspace / "first", client.workspace / "second"
    first.mkdir()
    second.mkdir()
    (second / "earlier.incident").write_text(EARLIER)
    client.workspace = first
    result = await client.start()
    folders = result.capabilities.workspace.workspace_folders
    assert folders.supported and folders.change_notifications
    document, _ = await client.open_checked("full.incident", FULL)
    assert "no incident file of the workspace" in await hover_text(client, document, "INC-2026-041")

    second_folder = types.WorkspaceFolder(uri=second.as_uri(), name="second")
    for added, removed, expected in [
        ([second_folder], [], "Search index full"),
        ([], [second_folder], "no incident file of the workspace"),
    ]:
        earlier = {id(raw) for raw, _ in client.received}
        client.workspace_did_change_workspace_folders(
            types.DidChangeWorkspaceFoldersParams(
                event=types.WorkspaceFoldersChangeEvent(added=added, removed=removed)
            )
        )
        # The open documents are checked again once the folders are read.
        await client.wait_for(
            lambda raw, _: id(raw) not in earlier
            and raw.get("method") == types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS
            and raw["params"]["uri"] == document.uri
        )
        assert expected in await hover_text(client, document, "INC-2026-041")


async def test_definition_and_references_find_ids(client: StrictClient):
    (client.workspace / "earlier.incident").write_text(EARLIER)
    await client.start()
    document, _ = await client.open_checked("full.incident", FULL)
    definition = await client.text_document_definition_async(
        types.DefinitionParams(**where(client, document, "O1]\n\n## Act"))
    )
    assert definition == types.Location(uri=document.uri, range=client.range_of(document, "O1"))

    references = await client.text_document_references_async(
        types.ReferenceParams(
            **where(client, document, "H1 rejected"),
            context=types.ReferenceContext(include_declaration=True),
        )
    )
    assert [location.range.start for location in references] == [
        client.position(document, "H1: pods"),
        client.position(document, "H1 rejected"),
    ]

    # An incident ID leads to the file that defines it.
    elsewhere = await client.text_document_definition_async(
        types.DefinitionParams(**where(client, document, "INC-2026-041"))
    )
    [location] = elsewhere
    assert location.uri == (client.workspace / "earlier.incident").as_uri()
    assert location.range.start == types.Position(line=1, character=4)


async def test_rename_renames_every_mention(client: StrictClient):
    await client.start()
    document, opened = await client.open_checked("full.incident", FULL)
    prepared = await client.text_document_prepare_rename_async(
        types.PrepareRenameParams(**where(client, document, "H1 rejected"))
    )
    prepared_range = prepared if isinstance(prepared, types.Range) else prepared.range
    assert prepared_range.start == client.position(document, "H1 rejected")

    edit = await client.text_document_rename_async(
        types.RenameParams(**where(client, document, "H1: pods"), new_name="H7")
    )
    renamed = apply_edits(document.text, list(edit.changes[document.uri]), client.encoding)
    assert "- H7: pods" in renamed and "- H7 rejected" in renamed and "H1" not in renamed
    client.edit(document, list(edit.changes[document.uri]))
    after = await client.current_diagnostics(document)
    assert sorted(d.code for d in after.diagnostics) == sorted(d.code for d in opened.diagnostics)

    # An incident ID is renamed in every file of the workspace that mentions it.
    (client.workspace / "earlier.incident").write_text(EARLIER)
    edit = await client.text_document_rename_async(
        types.RenameParams(**where(client, document, "INC-2026-041"), new_name="INC-2026-040")
    )
    earlier_uri = (client.workspace / "earlier.incident").as_uri()
    assert set(edit.changes) == {document.uri, earlier_uri}
    renamed = apply_edits(EARLIER, list(edit.changes[earlier_uri]), client.encoding)
    assert renamed == EARLIER.replace("INC-2026-041", "INC-2026-040")

    # A name that is not an ID of the same kind is refused with an error answer.
    with pytest.raises(JsonRpcInvalidParams):
        await client.text_document_rename_async(
            types.RenameParams(**where(client, document, "H7: pods"), new_name="O7")
        )
