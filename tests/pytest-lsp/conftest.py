"""Starts `incident-lint lsp` for each test, once for each editor whose capabilities
pytest-lsp ships, and checks every message it sends (see `strict_client`)."""

from __future__ import annotations

import pytest_lsp
from pytest_lsp import ClientServerConfig

from strict_client import StrictClient, server_binary

# The editors the project has integrations for, as pytest-lsp recorded their capabilities:
# VS Code negotiates UTF-16 and opens documents it is shown, Neovim negotiates UTF-8, Emacs
# (Eglot) offers no snippets and cannot be shown documents.
EDITORS = ["visual-studio-code", "neovim", "emacs"]


@pytest_lsp.fixture(
    config=ClientServerConfig(
        server_command=[server_binary(), "lsp"],
        client_factory=StrictClient.create,
    ),
    params=EDITORS,
)
async def client(lsp_client: StrictClient, request, tmp_path):
    lsp_client.workspace = tmp_path
    lsp_client.profile = request.param
    yield
    await lsp_client.finish()
