#!/usr/bin/env bash
# End-to-end report test: the real CLI writes JSON and HTML for recorded
# machines; the JSON must validate against docs/report.schema.json and the
# HTML must render in headless Chromium to PNG and PDF, with no script ever
# becoming part of the page.
set -euo pipefail
vmstick=$1 schema=$2 fixtures=$3 out=$4
rm -rf "$out"; mkdir -p "$out"
export HOME="$out/home" XDG_STATE_HOME=""; mkdir -p "$HOME"

chromium=$(command -v chromium || command -v chromium-browser || true)
[[ -n "$chromium" ]] || { echo "FAIL: chromium is not installed (packaging/dev/packages-test.txt lists it)"; exit 1; }
python3 -c "import jsonschema" 2>/dev/null || { echo "FAIL: python3-jsonschema is not installed"; exit 1; }

browser() {
  # Flags keep Chromium off the network and away from any user profile.
  timeout 120 "$chromium" --headless --no-sandbox --disable-gpu --disable-background-networking \
    --disable-component-update --disable-sync --no-first-run --disable-quic \
    --user-data-dir="$out/chromium-profile" "$@" 2>>"$out/chromium.log"
}

for case in "intel-vmx en" "no-virt-support zh_CN" "hostile-strings en"; do
  set -- $case
  scenario=$1 lang=$2
  rc=0
  "$vmstick" check -q --root "$fixtures/$scenario" --lang "$lang" --json "$out/$scenario.json" \
    --html "$out/$scenario.html" > "$out/$scenario.txt" || rc=$?
  [[ $rc -le 2 ]] || { echo "FAIL: vmstick check exited $rc for $scenario"; cat "$out/$scenario.txt"; exit 1; }
  python3 - "$schema" "$out/$scenario.json" <<'PY'
import json, sys, jsonschema
schema = json.load(open(sys.argv[1]))
jsonschema.Draft202012Validator.check_schema(schema)
jsonschema.Draft202012Validator(schema).validate(json.load(open(sys.argv[2])))
PY
  browser --screenshot="$out/$scenario.png" --window-size=1000,1400 "file://$out/$scenario.html"
  browser --print-to-pdf="$out/$scenario.pdf" --no-pdf-header-footer "file://$out/$scenario.html"
  browser --dump-dom "file://$out/$scenario.html" > "$out/$scenario.dom.html"
  [[ -s "$out/$scenario.png" ]] || { echo "FAIL: no screenshot for $scenario"; exit 1; }
  head -c 4 "$out/$scenario.pdf" | grep -q "%PDF" || { echo "FAIL: no PDF for $scenario"; exit 1; }
  if grep -qi "<script" "$out/$scenario.dom.html"; then echo "FAIL: a script element reached the DOM"; exit 1; fi
  if command -v pdftotext >/dev/null; then
    pdftotext "$out/$scenario.pdf" "$out/$scenario.pdf.txt"
    want=$([[ $lang == zh_CN ]] && echo "检查报告" || echo "vmstick report")
    grep -q "$want" "$out/$scenario.pdf.txt" || { echo "FAIL: PDF text lacks '$want'"; exit 1; }
  fi
  echo "ok: $scenario ($lang): JSON valid, HTML rendered to PNG and PDF"
done
