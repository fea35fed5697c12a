"""What the editor shows beside the text: symbols, folding ranges, semantic tokens, inlay
hints, and the code lens with its command."""

from __future__ import annotations

import pathlib
import urllib.parse

import pytest
from lsprotocol import types
from pygls.exceptions import JsonRpcMethodNotFound

from incidents import FULL
from strict_client import StrictClient, offset_of, position_key, units


def contains(outer: types.Range, inner: types.Range) -> bool:
    return position_key(outer.start) <= position_key(inner.start) and position_key(
        inner.end
    ) <= position_key(outer.end)


def check_nesting(symbols, parent: types.Range | None = None):
    """LSP asks that a symbol's selection range lies in its range, and children in their parent."""
    for symbol in symbols:
        assert contains(symbol.range, symbol.selection_range), symbol.name
        if parent is not None:
            assert contains(parent, symbol.range), symbol.name
        check_nesting(symbol.children or [], symbol.range)


async def test_document_symbols_nest_loops_and_hypotheses(client: StrictClient):
    await client.start()
    document, _ = await client.open_checked("full.incident", FULL)
    symbols = await client.text_document_document_symbol_async(
        types.DocumentSymbolParams(text_document=document.identifier)
    )
    assert all(isinstance(symbol, types.DocumentSymbol) for symbol in symbols)
    assert [symbol.name for symbol in symbols] == [
        "Front matter",
        "Summary",
        "Impact",
        "Loop 1",
        "Timeline",
        "Actions",
    ]
    check_nesting(symbols)
    loop = symbols[3]
    assert [step.name for step in loop.children] == ["Observe", "Orient", "Decide", "Act"]
    hypotheses = loop.children[2].children
    assert [(h.name, h.detail.split(":")[0]) for h in hypotheses] == [
        ("H1", "rejected"),
        ("H2", "untested"),
    ]
    assert hypotheses[1].selection_range == client.range_of(document, "H2")


async def test_folding_ranges_cover_front_matter_and_sections(client: StrictClient):
    await client.start()
    document, _ = await client.open_checked("full.incident", FULL)
    ranges = await client.text_document_folding_range_async(
        types.FoldingRangeParams(text_document=document.identifier)
    )
    spans = [(folding.start_line, folding.end_line) for folding in ranges]
    assert all(start < end for start, end in spans), spans
    lines = FULL.split("\n")
    assert (0, lines.index("---", 1)) in spans, "the front matter folds"
    observe = lines.index("## Observe")
    assert (
        observe,
        lines.index("- O1: checkout-api log says `password authentication failed`"),
    ) in spans


def decode(client: StrictClient, text: str, data: list[int]) -> list[tuple[str, str, int]]:
    """Semantic tokens as (text, type, modifiers), checking that each lies on its line."""
    legend = client.server_capabilities.semantic_tokens_provider.legend
    assert len(data) % 5 == 0
    lines = text.split("\n")
    tokens = []
    line = start = 0
    for index in range(0, len(data), 5):
        delta_line, delta_start, length, token_type, modifiers = data[index : index + 5]
        line += delta_line
        start = delta_start if delta_line else start + delta_start
        begin = offset_of(lines[line], types.Position(line=0, character=start), client.encoding)
        end = offset_of(
            lines[line], types.Position(line=0, character=start + length), client.encoding
        )
        token = lines[line][begin:end]
        assert units(token, client.encoding) == length, f"token past the end of line {line}"
        assert modifiers < 1 << len(legend.token_modifiers)
        tokens.append((token, legend.token_types[token_type], modifiers))
    return tokens


async def test_semantic_tokens_full_mark_ids_and_times(client: StrictClient):
    await client.start()
    document, _ = await client.open_checked("full.incident", FULL)
    tokens = await client.text_document_semantic_tokens_full_async(
        types.SemanticTokensParams(text_document=document.identifier)
    )
    decoded = decode(client, document.text, list(tokens.data))
    kinds = {(token, kind) for token, kind, _ in decoded}
    for expected in [
        ("severity", "property"),
        ("INC-2026-042", "type"),
        ("O1", "variable"),
        ("rejected", "keyword"),
        ("14:02", "number"),
        ("[started]", "enumMember"),
    ]:
        assert expected in kinds, decoded
    # The last O1 of the file, after the key on the H2 line, is where it is in every encoding.
    assert decoded.count(("O1", "variable", 0)) == 2


async def test_semantic_tokens_range_and_delta_are_served_when_advertised(client: StrictClient):
    await client.start()
    document, _ = await client.open_checked("full.incident", FULL)
    provider = client.server_capabilities.semantic_tokens_provider
    full = await client.text_document_semantic_tokens_full_async(
        types.SemanticTokensParams(text_document=document.identifier)
    )
    decoded = decode(client, document.text, list(full.data))

    first_lines = types.Range(
        start=types.Position(line=0, character=0), end=types.Position(line=3, character=0)
    )
    if provider.range:
        in_range = await client.text_document_semantic_tokens_range_async(
            types.SemanticTokensRangeParams(text_document=document.identifier, range=first_lines)
        )
        assert set(decode(client, document.text, list(in_range.data))) <= set(decoded)
    else:
        with pytest.raises(JsonRpcMethodNotFound):
            await client.text_document_semantic_tokens_range_async(
                types.SemanticTokensRangeParams(
                    text_document=document.identifier, range=first_lines
                )
            )

    delta_advertised = (
        isinstance(provider.full, types.SemanticTokensFullDelta) and provider.full.delta
    )
    if delta_advertised:
        assert full.result_id is not None, "a server that sends deltas names each result"
        client.replace(document, "pods ran out", "pods ran out again")
        await client.current_diagnostics(document)
        delta = await client.text_document_semantic_tokens_full_delta_async(
            types.SemanticTokensDeltaParams(
                text_document=document.identifier, previous_result_id=full.result_id
            )
        )
        data = list(full.data)
        if isinstance(delta, types.SemanticTokensDelta):
            for edit in sorted(delta.edits, key=lambda edit: edit.start, reverse=True):
                data[edit.start : edit.start + edit.delete_count] = list(edit.data or [])
        else:
            data = list(delta.data)
        decode(client, document.text, data)
    else:
        with pytest.raises(JsonRpcMethodNotFound):
            await client.text_document_semantic_tokens_full_delta_async(
                types.SemanticTokensDeltaParams(
                    text_document=document.identifier, previous_result_id="0"
                )
            )


async def test_inlay_hints_show_elapsed_times(client: StrictClient):
    await client.start()
    document, _ = await client.open_checked("full.incident", FULL)
    whole = types.Range(
        start=types.Position(line=0, character=0),
        end=types.Position(line=FULL.count("\n"), character=0),
    )
    hints = await client.text_document_inlay_hint_async(
        types.InlayHintParams(text_document=document.identifier, range=whole)
    )
    found = {(hint.label, position_key(hint.position)) for hint in hints}
    assert (
        "time to detect: 7m",
        position_key(client.position(document, "detected: 2026-11-20 14:09", after=True)),
    ) in found
    assert ("T+1h 29m", position_key(client.position(document, "- 15:31", after=True))) in found

    front_matter = types.Range(
        start=types.Position(line=0, character=0), end=types.Position(line=8, character=0)
    )
    some = await client.text_document_inlay_hint_async(
        types.InlayHintParams(text_document=document.identifier, range=front_matter)
    )
    assert [hint.label for hint in some] == ["time to detect: 7m"]


async def test_code_lens_command_writes_the_report(client: StrictClient):
    await client.start()
    document, _ = await client.open_checked("checkout.incident", FULL)
    lenses = await client.text_document_code_lens_async(
        types.CodeLensParams(text_document=document.identifier)
    )
    [lens] = [lens for lens in lenses if lens.command and lens.command.command]
    assert lens.range.start.line == FULL.split("\n").index("# Checkout API returns 502")
    assert lens.command.title == "Show timeline"
    assert lens.command.command in client.server_capabilities.execute_command_provider.commands

    # The page shows the text as edited, not as saved.
    client.replace(document, "returns 502\n\n## Summary", "returns 503\n\n## Summary")
    report = await client.workspace_execute_command_async(
        types.ExecuteCommandParams(command=lens.command.command, arguments=lens.command.arguments)
    )
    assert "Checkout API returns 503" in report["html"] and "<svg" in report["html"]
    page = pathlib.Path(urllib.parse.unquote(urllib.parse.urlparse(report["uri"]).path))
    assert page.name == "checkout.html" and page.read_text() == report["html"]

    # While the incident goes on, a second lens coaches the next step; it runs no command.
    draft, _ = await client.open_checked(
        "draft.incident",
        "---\nstatus: investigating\n---\n\n# Logins fail\n\n## Observe\n\n- down: auth-api\n",
    )
    lenses = await client.text_document_code_lens_async(
        types.CodeLensParams(text_document=draft.identifier)
    )
    [coach] = [lens for lens in lenses if lens.command and lens.command.title.startswith("Next: ")]
    assert coach.command.title.startswith("Next: Orient")
    assert coach.range.start.line == client.position(draft, "## Observe").line

    # An editor that can open documents is asked to open the page.
    show = client.capabilities.window and client.capabilities.window.show_document
    if show and show.support:
        request = await client.wait_for(
            lambda raw, _: raw.get("method") == types.WINDOW_SHOW_DOCUMENT
        )
        assert request.params.uri == report["uri"] and request.params.external
