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

golden_dir="$(dirname "${BASH_SOURCE[0]}")/golden"

# The verdict, score, per-area scores and findings of a report, for golden comparison.
summary() {
  python3 - "$1" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
out = {
  "verdict": r["verdict"],
  "score": r["score"]["total"],
  "areas": {a["area"]: a["score"] for a in r["score"]["areas"]},
  "findings": [f'{f["severity"]} {f["id"]} @ {f["subject"]}' for f in r["findings"]],
  "hypervisors": [f'{h["name"]} {h["outlook"]} {h["reason"]}' for h in r["hypervisors"]],
  "prediction": r["prediction"].get("feel", "none: " + r["prediction"].get("reason_code", "")),
}
print(json.dumps(out, indent=2, ensure_ascii=False))
PY
}

# A live machine run: this computer, a temp folder as the drive and a real
# qcow2 image made by qemu-img, in both languages.
live="$out/live"; mkdir -p "$live"
command -v qemu-img >/dev/null || { echo "FAIL: qemu-img is not installed (packaging/dev/packages-test.txt lists it)"; exit 1; }
qemu-img create -q -f qcow2 "$live/disk.qcow2" 2G
for lang in en zh_CN; do
  rc=0
  "$vmstick" check -q --drive "$live" --image "$live/disk.qcow2" --lang "$lang" --json "$out/live-$lang.json" \
    --html "$out/live-$lang.html" > "$out/live-$lang.txt" || rc=$?
  [[ $rc -le 2 ]] || { echo "FAIL: live vmstick check exited $rc"; cat "$out/live-$lang.txt"; exit 1; }
  python3 - "$out/live-$lang.json" "$live/disk.qcow2" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
assert r["facts"]["image"]["format"]["value"] == "qcow2", r["facts"]["image"]["format"]
assert r["facts"]["image"]["virtual_size_bytes"]["value"] == 2 << 30
assert r["facts"]["target_drive"] is not None, "the temp folder's drive was not found"
assert any(a["area"] == "image_fit" and a["assessed"] for a in r["score"]["areas"])
PY
done

for case in "intel-vmx en" "no-virt-support zh_CN" "hostile-strings en" "live en" "live zh_CN" \
            "usb-fat32-mounted-flush-tree en"; do
  set -- $case
  scenario=$1 lang=$2
  if [[ $scenario == live ]]; then
    scenario="live-$lang"
  else
    extra=()
    [[ $scenario == usb-fat32-mounted-flush-tree ]] && extra=(--drive "/media/u/My Stick/vm")
    rc=0
    "$vmstick" check -q --root "$fixtures/$scenario" "${extra[@]}" --lang "$lang" --json "$out/$scenario.json" \
      --html "$out/$scenario.html" > "$out/$scenario.txt" || rc=$?
    [[ $rc -le 2 ]] || { echo "FAIL: vmstick check exited $rc for $scenario"; cat "$out/$scenario.txt"; exit 1; }
    # Golden: the exact verdict, score and findings for a recorded machine.
    summary "$out/$scenario.json" > "$out/$scenario.summary.json"
    if [[ -n "${VMSTICK_UPDATE_GOLDEN:-}" ]]; then cp "$out/$scenario.summary.json" "$golden_dir/$scenario.json"; fi
    diff -u "$golden_dir/$scenario.json" "$out/$scenario.summary.json" \
      || { echo "FAIL: $scenario differs from tests/report/golden/$scenario.json"; exit 1; }
  fi
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
