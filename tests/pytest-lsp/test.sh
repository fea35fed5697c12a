#!/usr/bin/env bash
# Runs the pytest-lsp protocol tests (tests/pytest-lsp) against the real `incident-lint lsp`:
# every capability the server advertises, as VS Code, Neovim and Emacs would use it, with
# every message the server sends checked against its LSP 3.17 type.
# Needs `python3` with `venv`; installs the pinned requirements into target/pytest-lsp/venv.
set -euo pipefail

repo_root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$repo_root"
cargo build --quiet --locked --bin incident-lint

requirements="$repo_root/tests/pytest-lsp/requirements.txt"
venv="$repo_root/target/pytest-lsp/venv"
# The venv is kept between runs, and made again when the pins change.
if ! cmp -s "$requirements" "$venv/requirements.txt"; then
    rm -rf "$venv"
    python3 -m venv "$venv"
    PIP_DISABLE_PIP_VERSION_CHECK=1 "$venv/bin/pip" install --quiet --require-hashes -r "$requirements"
    cp "$requirements" "$venv/requirements.txt"
fi

# The report pages the server writes, and pytest's workspaces, go to a folder of this run.
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$repo_root/tests/pytest-lsp"
PYTHONDONTWRITEBYTECODE=1 TMPDIR="$work" INCIDENT_LINT_BIN="$repo_root/target/debug/incident-lint" \
    "$venv/bin/python" -m pytest -p no:cacheprovider --basetemp "$work/pytest" -q -rs "$@"
