#!/usr/bin/env bash
# Runs the real pre-commit framework against a scratch repository that uses this repository's
# hooks at HEAD: a flawed write-up must fail the lint hook, a clean one must pass, and the
# format hook must reformat a messy file.
set -euo pipefail

repo_root="$(cd "$(dirname "$0")/../.." && pwd)"
work="$repo_root/target/pre-commit-test"
rm -rf "$work/scratch"
mkdir -p "$work"
if [ ! -x "$work/venv/bin/pre-commit" ]; then
    python3 -m venv "$work/venv"
    "$work/venv/bin/pip" install --quiet pre-commit
fi
export PRE_COMMIT_HOME="$work/cache"
rev="$(git -C "$repo_root" rev-parse HEAD)"

mkdir -p "$work/scratch"
cd "$work/scratch"
git init --quiet
git config user.email "ci@example.invalid"
git config user.name "ci"
cat > .pre-commit-config.yaml <<YAML
repos:
  - repo: $repo_root
    rev: $rev
    hooks:
      - id: incident-lint
      - id: incident-lint-fmt
YAML

passed=0
failed=0
expect() {
    local description="$1" expected_status="$2"
    shift 2
    local status=0
    "$@" > output.txt 2>&1 || status=$?
    if [ "$status" -eq "$expected_status" ]; then
        passed=$((passed + 1))
        echo "ok: $description"
    else
        failed=$((failed + 1))
        echo "FAILED: $description (status $status, expected $expected_status)"
        cat output.txt
    fi
}

cp "$repo_root/examples/flawed.incident" flawed.incident
git add .pre-commit-config.yaml flawed.incident
expect "a flawed write-up fails the lint hook" 1 "$work/venv/bin/pre-commit" run incident-lint --files flawed.incident
grep -q "decide-without-observe" output.txt && passed=$((passed + 1)) || { failed=$((failed + 1)); echo "FAILED: the hook output names the rule"; cat output.txt; }

cp "$repo_root/examples/checkout-502.incident" good.incident
git add good.incident
expect "a clean write-up passes the lint hook" 0 "$work/venv/bin/pre-commit" run incident-lint --files good.incident

printf -- '---\nstatus: investigating\nid: INC-2026-090\n---\n# Queue backlog\n## Observe\n* O1: queue depth grows\n' > messy.incident
git add messy.incident
expect "the format hook reformats a messy file" 1 "$work/venv/bin/pre-commit" run incident-lint-fmt --files messy.incident
expect "the reformatted file passes the format hook" 0 "$work/venv/bin/pre-commit" run incident-lint-fmt --files messy.incident

echo "pre-commit: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
