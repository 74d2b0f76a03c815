#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# CMAKE_CROSSCOMPILING_EMULATOR for the mingw build: runs one Windows .exe
# under wine with its exit code. The wine prefix is created once, under a
# lock, because ctest -j2 and catch_discover_tests may start several at the
# same time and a half-created prefix fails in confusing ways.
set -euo pipefail
export WINEPREFIX="${VMSTICK_WINEPREFIX:-${XDG_CACHE_HOME:-$HOME/.cache}/vmstick-wine}"
export WINEDEBUG="${WINEDEBUG:--all}"
# No Mono or Gecko installers: console programs need neither, and CI has no internet.
export WINEDLLOVERRIDES="mscoree,mshtml="
mkdir -p "$(dirname "$WINEPREFIX")"
if [[ ! -f "$WINEPREFIX/system.reg" ]]; then
  # The registry (system.reg) reaches disk only when the server exits: wait for it.
  flock "$WINEPREFIX.lock" sh -c '[ -f "$WINEPREFIX/system.reg" ] || { wineboot -i >/dev/null 2>&1; wineserver -w; }'
fi
# Windows programs end lines with CR LF; the Linux side (CatchAddTests,
# ctest's output checks) expects LF.
wine "$@" | tr -d '\r'
