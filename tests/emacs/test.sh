#!/usr/bin/env bash
# Runs headless Emacs with Eglot against the real `incident-lint lsp` (tests/emacs/driver.el):
# a flawed file must get Flymake diagnostics, the quick fix that inserts an Observe section
# must apply, and the server must shut down with no error in *Messages*.
# Needs `emacs` (Debian `emacs-nox`) with Eglot: built in from Emacs 29, else `elpa-eglot`.
set -euo pipefail

repo_root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$repo_root"
cargo build --quiet --locked --bin incident-lint
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
fixture="$work/search.incident"
cat > "$fixture" <<'INCIDENT'
# Search down

## Decide

- H1: same as last time, the index node ran out of disk again

## Act

- H1 rejected: disk is at 40% on every node
INCIDENT
report="$work/report.txt"
INCIDENT_LINT_PLUGIN="$repo_root/editors/emacs" \
INCIDENT_LINT_BIN="$repo_root/target/debug/incident-lint" \
INCIDENT_FIXTURE="$fixture" \
INCIDENT_REPORT="$report" \
    timeout 120 emacs --batch -Q -l "$repo_root/tests/emacs/driver.el" > "$work/emacs.log" 2>&1 || true

fail() {
    echo "tests/emacs: $1" >&2
    echo "--- report" >&2
    cat "$report" >&2 2> /dev/null || echo "(no report)" >&2
    echo "--- emacs output" >&2
    cat "$work/emacs.log" >&2
    exit 1
}
[ -f "$report" ] || fail "Emacs wrote no report"
grep -qx done "$report" || fail "the driver did not finish"
if grep -q '^\(error\|messages-error\) ' "$report"; then
    fail "a step failed, or *Messages* shows an error"
fi
grep -q '^diagnostic 3 incident-lint \[INC101\]: decided before observing' "$report" \
    || fail "Flymake did not show INC101 on line 3"
grep -q '^applied Insert Observe and Orient sections' "$report" || fail "the quick fix was not applied"
observe_line="$(grep -n '^## Observe' "$fixture" | cut -d: -f1)"
decide_line="$(grep -n '^## Decide' "$fixture" | cut -d: -f1)"
[ -n "$observe_line" ] && [ "$observe_line" -lt "$decide_line" ] \
    || fail "the saved file has no Observe section before Decide"
echo "tests/emacs: Eglot showed the diagnostics, applied the fix and shut the server down"
