#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# CI stage for issue 10: cross-compile the core, the Windows backend (or the
# null backend while src/platform/windows has no API code) and the CLI with
# mingw-w64, check the .exe is self-contained and carries its manifest, then
# run the test suites and the CLI itself under wine.
set -euo pipefail
src="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$src"
fail() { echo "ci-mingw: FAIL: $*" >&2; exit 1; }
run() { "$src/packaging/windows/wine-run.sh" "$@"; }

# One wine prefix for CI, in the build tree, not the user's home.
export VMSTICK_WINEPREFIX="${VMSTICK_WINEPREFIX:-$src/build/mingw-wine}"
# A wineserver that stays up for the whole stage: started afresh for every
# test program it costs seconds each; kept alive, a test takes about one.
export WINEPREFIX="$VMSTICK_WINEPREFIX" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
# The prefix first (a server started before it exists leaves it half made).
# wineboot complains about the missing 32-bit part (syswow64); what matters
# is that the prefix exists afterwards.
# The registry reaches disk when the server exits: wineserver -w waits for that.
mkdir -p "$(dirname "$WINEPREFIX")"  # a fresh clone has no build/ yet
[[ -f "$WINEPREFIX/system.reg" ]] || { wineboot -i >/dev/null 2>&1; wineserver -w; } || true
[[ -f "$WINEPREFIX/system.reg" ]] || fail "could not create the wine prefix $WINEPREFIX"
# Its exit code is 2 when a server already runs for this prefix: fine too.
wineserver -p || true
trap 'wineserver -k || true' EXIT
# wine starts its background services (services.exe, winedevice.exe, ...)
# with the first program and they inherit its stdout and stderr. Started by a
# test, they would hold ctest's output pipe open for as long as the server
# lives, and ctest would wait for ever. Start them here, on /dev/null.
wine cmd.exe /c exit </dev/null >/dev/null 2>&1

cmake --preset mingw >/dev/null
cmake --build --preset mingw
exe=build/mingw/src/cli/vmstick.exe
[[ -f "$exe" ]] || fail "$exe not built"

# Statically linked: only DLLs every Windows has may be imported.
dlls=$(x86_64-w64-mingw32-objdump -p "$exe" | awk '/DLL Name:/ {print tolower($3)}' | sort -u)
echo "ci-mingw: vmstick.exe imports: $(tr '\n' ' ' <<<"$dlls")"
grep -qE '^(libstdc\+\+|libgcc|libwinpthread|libfmt|libspdlog)' <<<"$dlls" \
  && fail "vmstick.exe needs a MinGW runtime DLL"
# The manifest (asInvoker, per-monitor DPI v2) went in through the .rc.
for word in asInvoker PerMonitorV2; do
  grep -qa "$word" "$exe" || fail "manifest ($word) not embedded in vmstick.exe"
done

# --no-tests=error: a build that registered no tests must not pass. What the
# presets leave out is printed so it is never mistaken for a pass.
python3 - <<'PY'
import json
presets = json.load(open("CMakePresets.json"))
configure = next(p for p in presets["configurePresets"] if p["name"] == "mingw")
test = next(p for p in presets["testPresets"] if p["name"] == "mingw")
excluded = test.get("filter", {}).get("exclude", {}).get("name", "none")
print("ci-mingw: not run under wine (see docs/building-windows.md): suites",
      configure["cacheVariables"]["VMSTICK_SKIP_SUITES"] + ", tests/linux, tests/gui; test cases matching '%s'" % excluded)
PY
ctest --preset mingw --no-tests=error

out=$(run "$exe" --version)
grep -qx "vmstick [0-9][0-9.]*" <<<"$out" || fail "vmstick.exe --version printed '$out'"
work=$(mktemp -d /tmp/vmstick-ci-mingw.XXXXXX)
set +e
run "$exe" check --json "Z:${work//\//\\}\\report.json"
rc=$?
set -e
(( rc >= 0 && rc <= 2 )) || fail "vmstick.exe check exited $rc"
python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); assert "findings" in j and "verdict" in j' \
  "$work/report.json" || fail "vmstick.exe wrote no valid report"
# The drive probe's Win32 path end to end: wine emulates at least one
# physical drive, which must come back as a Windows drive record.
run "$exe" drives --json >"$work/drives.json" || fail "vmstick.exe drives --json failed"
python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); assert j["backend"] == "windows" and j["drives"], j' \
  "$work/drives.json" || fail "vmstick.exe drives listed no drive"
rm -rf "$work"
echo "ci-mingw: Windows build cross-compiled, tests and CLI run under wine"
