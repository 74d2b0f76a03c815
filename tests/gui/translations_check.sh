#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Every text the GUI shows must be in resources/translations/vmstick_zh_CN.ts
# with a finished Chinese translation. Runs lupdate over the same sources the
# update_translations target uses, on a copy of the .ts (the source tree is
# never written), and fails on new texts, dropped texts or unfinished ones.
# Usage: translations_check.sh LUPDATE GENERATE_SCRIPT PROJECT_CMAKE TS WORKDIR
set -euo pipefail
lupdate=$1 generate=$2 project_in=$3 ts=$4 work=$5
rm -rf "$work" && mkdir -p "$work"
cmake -DIN_FILE="$project_in" -DOUT_FILE="$work/project.json" -P "$generate"
cp "$ts" "$work/copy.ts"
out=$("$lupdate" -project "$work/project.json" -ts "$work/copy.ts" -no-obsolete -locations none 2>&1)
echo "$out"
status=0
if ! grep -q "(0 new and" <<<"$out"; then
  echo "FAIL: the GUI has texts the .ts lacks; run: cmake --build --preset default --target update_translations," \
       "then add the Chinese to resources/translations/fill_zh_CN.py and run it"
  status=1
fi
if grep -q "Removed .* obsolete" <<<"$out"; then
  echo "FAIL: the .ts holds texts the GUI no longer has (or lupdate no longer sees); update it as above"
  status=1
fi
if grep -q 'type="unfinished"' "$work/copy.ts"; then
  echo "FAIL: unfinished translations:"
  grep -B2 'type="unfinished"' "$work/copy.ts" | grep '<source>' || true
  status=1
fi
exit $status
