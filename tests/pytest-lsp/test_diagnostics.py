"""Document synchronization and the diagnostics it publishes."""

from __future__ import annotations

from lsprotocol import types

from incidents import DECIDE_ONLY, FULL
from strict_client import StrictClient


def codes(published: types.PublishDiagnosticsParams) -> list[str]:
    return [diagnostic.code for diagnostic in published.diagnostics]


async def test_diagnostics_follow_open_change_save_and_close(client: StrictClient):
    await client.start()
    document, opened = await client.open_checked("search.incident", DECIDE_ONLY)
    [decide] = [diagnostic for diagnostic in opened.diagnostics if diagnostic.code == "INC101"]
    assert decide.severity == types.DiagnosticSeverity.Error
    assert decide.source == "incident-lint"
    assert decide.range == client.range_of(document, "Decide")
    if client.capabilities.text_document.publish_diagnostics.code_description_support:
        assert decide.code_description.href.endswith("/docs/rules/INC101.md")
    else:
        # Emacs: the link is in the hover only.
        assert decide.code_description is None
    assert decide.message.startswith("decided before observing")

    # Observe first: one incremental insertion before `## Decide`.
    at_decide = client.position(document, "## Decide")
    client.edit(
        document,
        [
            types.TextEdit(
                range=types.Range(start=at_decide, end=at_decide),
                new_text="## Observe\n\n- down: search-api\n- O1: shard 3 is unavailable\n\n",
            )
        ],
    )
    changed = await client.current_diagnostics(document)
    assert "INC101" not in codes(changed)

    client.text_document_did_save(
        types.DidSaveTextDocumentParams(text_document=document.identifier)
    )
    client.text_document_did_close(
        types.DidCloseTextDocumentParams(text_document=document.identifier)
    )
    closed = await client.wait_notification(
        types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS,
        lambda params: params.uri == document.uri and params.version is None,
    )
    assert list(closed.diagnostics) == []


async def test_incremental_changes_land_where_the_editor_means(client: StrictClient):
    await client.start()
    document, opened = await client.open_checked("full.incident", FULL)
    assert not {"INC206", "INC207"} & set(codes(opened)), opened.diagnostics

    # Two changes in one notification, the second after the key on the H2 line, where UTF-8,
    # UTF-16 and UTF-32 columns differ.
    client.edit(
        document,
        [
            types.TextEdit(
                range=client.range_of(document, "still sends"), new_text="still sends H9 and"
            ),
            types.TextEdit(
                range=types.Range(
                    start=client.position(document, "\n\n## Orient"),
                    end=client.position(document, "\n\n## Orient"),
                ),
                new_text="\n- O1: the same log again",
            ),
        ],
    )
    assert "🔑 still sends H9 and the old password" in document.text
    changed = await client.current_diagnostics(document)
    [undefined] = [diagnostic for diagnostic in changed.diagnostics if diagnostic.code == "INC206"]
    assert undefined.range == client.range_of(document, "H9")
    [duplicate] = [diagnostic for diagnostic in changed.diagnostics if diagnostic.code == "INC207"]
    assert duplicate.range.start == client.position(document, "O1: the same")
    first_line = client.position(document, "O1: checkout").line + 1
    if client.capabilities.text_document.publish_diagnostics.related_information:
        [first] = duplicate.related_information
        assert first.location.uri == document.uri
        assert first.location.range.start == client.position(document, "O1: checkout")
        assert first.message == "first defined here"
    else:
        # Emacs: the label is a line of the message, as the command line shows it.
        assert duplicate.related_information is None
        assert f"\nfull.incident:{first_line}: first defined here" in duplicate.message
