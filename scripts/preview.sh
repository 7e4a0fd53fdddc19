#!/usr/bin/env bash
# Renders a markdown page (REPORT.md, or a post) as a Jekyll blog renders it —
# kramdown with GFM, math handed to MathJax 3 — into one HTML page beside it,
# and, with --shots, takes screenshots of that page at 800 and 400 px wide in
# headless Chromium: what a reader sees on a laptop and on a phone.
#
#   scripts/preview.sh reports/REPORT.md            # reports/REPORT.preview.html
#   scripts/preview.sh reports/REPORT.md --shots    # + REPORT.800.png, REPORT.400.png
#
# Needs Ruby with kramdown (Debian: ruby-kramdown ruby-kramdown-parser-gfm);
# --shots needs chromium. MathJax is loaded from its CDN; set MATHJAX to a
# local tex-chtml.js (e.g. node_modules/mathjax/es5/tex-chtml.js) to work offline.
# It writes only the files named above, beside the page, and replaces one only
# when it wrote it before (its name is in .dsoftmax-preview there).
set -euo pipefail

page=${1:?usage: scripts/preview.sh PAGE.md [--shots]}
shots=${2:-}
[ -f "$page" ] || { echo "preview: no such file: $page" >&2; exit 2; }
command -v ruby >/dev/null || { echo "preview: ruby (with kramdown) is needed" >&2; exit 2; }
dir=$(cd "$(dirname "$page")" && pwd)
stem=$(basename "$page" .md)
html="$dir/$stem.preview.html"
manifest="$dir/.dsoftmax-preview"
# A file at an output's name that this script did not write is never replaced.
ours() { [ ! -L "$1" ] && { [ ! -e "$1" ] || grep -qxF "$(basename "$1")" "$manifest" 2>/dev/null; }; }
claim() { grep -qxF "$(basename "$1")" "$manifest" 2>/dev/null || basename "$1" >> "$manifest"; }
for out in "$html" "$dir/$stem.800.png" "$dir/$stem.400.png"; do
  ours "$out" || { echo "preview: $out exists and was not written by this script; not replaced" >&2; exit 2; }
done
mathjax=${MATHJAX:-https://cdn.jsdelivr.net/npm/mathjax@3/es5/tex-chtml.js}
case "$mathjax" in http*|file:*) ;; *) mathjax="file://$(cd "$(dirname "$mathjax")" && pwd)/$(basename "$mathjax")" ;; esac

lang=$(sed -n '1,/^---$/{s/^lang: *//p}' "$page" | head -1)
body=$(ruby -e '
require "kramdown"
require "kramdown-parser-gfm"
text = STDIN.read.force_encoding("UTF-8").sub(/\A---\n.*?\n---\n/m, "")
print Kramdown::Document.new(text, input: "GFM", math_engine: "mathjax").to_html
' < "$page")

tmp=$(mktemp "$dir/.preview.XXXXXX")
trap 'rm -f "$tmp"' EXIT
cat > "$tmp" <<EOF
<!DOCTYPE html>
<html lang="${lang:-en}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>$stem</title>
<script>MathJax = { tex: { inlineMath: [['\\\\(', '\\\\)']], displayMath: [['\\\\[', '\\\\]']] } };</script>
<script src="$mathjax"></script>
<style>
body { max-width: 740px; margin: 0 auto; padding: 0 16px; font: 17px/1.6 Georgia, serif; color: #222; }
pre { overflow-x: auto; background: #f6f6f6; padding: 8px; font-size: 13px; }
table { border-collapse: collapse; display: block; overflow-x: auto; }
td, th { border: 1px solid #ddd; padding: 2px 6px; }
figure { margin: 1em 0; }
</style>
</head>
<body>
$body
</body>
</html>
EOF
claim "$html"
chmod "$(printf '%o' $((0666 & ~$(umask))))" "$tmp"
mv "$tmp" "$html"
trap - EXIT
echo "preview: $html"

if [ "$shots" = "--shots" ]; then
  chromium=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
  [ -n "$chromium" ] || { echo "preview: chromium is needed for --shots" >&2; exit 2; }
  for width in 800 400; do
    png="$dir/$stem.$width.png"
    "$chromium" --headless --no-sandbox --disable-gpu --hide-scrollbars --allow-file-access-from-files \
      --virtual-time-budget=15000 --window-size="$width,${PREVIEW_HEIGHT:-3000}" --screenshot="$png" "file://$html" >/dev/null 2>&1 || true
    [ -f "$png" ] && [ ! -L "$png" ] || { echo "preview: chromium wrote no $png" >&2; exit 1; }
    claim "$png"
    echo "preview: $png"
  done
fi
