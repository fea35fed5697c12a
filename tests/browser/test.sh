#!/usr/bin/env bash
# Opens the HTML report of examples/checkout-502.incident in headless Chromium: a script added to
# a copy of the page writes the rendered page height and the timeline SVG's bounding box into the
# DOM, which must be non-zero, and a screenshot of the page itself must not be blank.
# With --update, the screenshot replaces docs/report.png (shown in the README).
set -euo pipefail

repo_root="$(cd "$(dirname "$0")/../.." && pwd)"
work="$repo_root/target/browser-test"
rm -rf "$work"
mkdir -p "$work"
cd "$repo_root"

chromium_bin="$(command -v chromium || command -v chromium-browser || true)"
if [ -z "$chromium_bin" ]; then
    echo "browser test: chromium is not installed (apt-get install chromium)" >&2
    exit 1
fi
# Root needs --no-sandbox; no GPU in CI.
chromium=("$chromium_bin" --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run)

cargo build --quiet --locked --bin incident-lint
./target/debug/incident-lint report examples/checkout-502.incident --today 2026-12-04 \
    -o "$work/report.html"

# The measuring copy: the report with a script at the end that writes what the browser laid out.
{
    sed 's#</body></html>##' "$work/report.html"
    cat <<'HTML'
<script>
const svg = document.querySelector("figure svg").getBoundingClientRect();
const marks = document.querySelectorAll("figure svg g.mark").length;
const out = document.createElement("pre");
out.id = "measures";
out.textContent = `page-height=${Math.round(document.documentElement.scrollHeight)} svg-width=${Math.round(svg.width)} svg-height=${Math.round(svg.height)} marks=${marks}`;
document.body.appendChild(out);
</script></body></html>
HTML
} > "$work/measure.html"
"${chromium[@]}" --window-size=1100,1800 --dump-dom "file://$work/measure.html" \
    > "$work/dom.html" 2> "$work/chromium-dom.log"
measures="$(grep -o 'page-height=[0-9]* svg-width=[0-9]* svg-height=[0-9]* marks=[0-9]*' "$work/dom.html" || true)"
echo "browser test: $measures"
read -r page_height svg_width svg_height marks < <(echo "$measures" | sed 's/[a-z-]*=//g')
fail=0
[ "${page_height:-0}" -gt 800 ] || { echo "browser test: the page is ${page_height:-0} px high" >&2; fail=1; }
[ "${svg_width:-0}" -gt 400 ] || { echo "browser test: the timeline is ${svg_width:-0} px wide" >&2; fail=1; }
[ "${svg_height:-0}" -gt 50 ] || { echo "browser test: the timeline is ${svg_height:-0} px high" >&2; fail=1; }
[ "${marks:-0}" -eq 5 ] || { echo "browser test: ${marks:-0} timeline marks, expected 5" >&2; fail=1; }

"${chromium[@]}" --window-size=1100,1800 --screenshot="$work/report.png" "file://$work/report.html" \
    2> "$work/chromium-screenshot.log"
# A blank page compresses to a few kilobytes; the report, with text and a picture, to far more.
size="$(wc -c < "$work/report.png")"
[ "$size" -gt 40000 ] || { echo "browser test: the screenshot is $size bytes, it looks blank" >&2; fail=1; }
if [ "$fail" -ne 0 ]; then
    exit 1
fi
if [ "${1:-}" = "--update" ]; then
    cp "$work/report.png" docs/report.png
    echo "browser test: wrote docs/report.png"
fi
echo "browser test: 1 passed, 0 failed"
