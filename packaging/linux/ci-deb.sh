#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# CI stage for issue 10: build the .deb, check what it holds, install it with
# apt-get as a user would, run both programs from the installed paths, validate
# the desktop entry, metainfo and man pages, then remove it again. Any failure
# fails the stage.
# Usage: ci-deb.sh [BUILD_DIR]. Without BUILD_DIR the release preset is built.
# CI passes build/default, already built by the README's test command: its
# -O2 code is the release code, and CPack strips the debug info, so a second
# full build would only cost time.
set -euo pipefail
src="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$src"
fail() { echo "ci-deb: FAIL: $*" >&2; exit 1; }
# apt/dpkg may be busy with another job on a shared machine: wait, do not fail.
apt_get() { DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=900 "$@"; }

build=${1:-build/release}
if [[ $# -eq 0 ]]; then
  cmake --preset release >/dev/null
  cmake --build --preset release
fi
[[ -f "$build/CPackConfig.cmake" ]] || fail "$build is not a configured build tree"
grep -q '^CMAKE_BUILD_TYPE:STRING=\(Release\|RelWithDebInfo\)$' "$build/CMakeCache.txt" \
  || fail "$build is not an optimised build (Release or RelWithDebInfo)"
rm -f "$build"/vmstick_*.deb
(cd "$build" && cpack -G DEB)
deb=$(ls "$build"/vmstick_*.deb)
version=$(dpkg-deb -f "$deb" Version)
echo "ci-deb: built $deb (version $version)"

# What the package must hold. The PNG icons depend on rsvg-convert at build time.
contents=$(dpkg-deb -c "$deb" | awk '{print $6}')
for f in usr/bin/vmstick usr/bin/vmstick-gui \
         usr/share/applications/io.github.vmstick.desktop \
         usr/share/metainfo/io.github.vmstick.metainfo.xml \
         usr/share/icons/hicolor/scalable/apps/io.github.vmstick.svg \
         usr/share/man/man1/vmstick.1.gz usr/share/man/man1/vmstick-gui.1.gz \
         usr/share/doc/vmstick/copyright; do
  grep -qx "\./$f" <<<"$contents" || fail "$f missing from the package"
done
for size in 16 22 24 32 48 64 128 256; do
  grep -qx "\./usr/share/icons/hicolor/${size}x${size}/apps/io.github.vmstick.png" <<<"$contents" \
    || fail "${size}x${size} PNG icon missing from the package"
done
# Dependencies come from dpkg-shlibdeps: the libraries the binaries link.
depends=$(dpkg-deb -f "$deb" Depends)
echo "ci-deb: Depends: $depends"
for lib in libc6 libstdc++6 libqt6widgets6 libspdlog; do
  grep -q "$lib" <<<"$depends" || fail "computed Depends lacks $lib"
done

# Install as a user would. A leftover from an aborted run is replaced.
apt_get install -y -qq "./$deb"
trap 'apt_get remove -y -qq vmstick >/dev/null 2>&1 || true' EXIT
[[ "$(command -v vmstick)" == /usr/bin/vmstick ]] || fail "vmstick not on PATH from /usr/bin"

work=$(mktemp -d /tmp/vmstick-ci-deb.XXXXXX)
export HOME="$work/home"
mkdir -p "$HOME"

out=$(vmstick --version)
[[ "$out" == "vmstick $version" ]] || fail "vmstick --version printed '$out', expected 'vmstick $version'"

# 0 ok, 1 warnings, 2 blockers are all verdicts about this machine; 3 is an error.
set +e
vmstick check --json "$work/report.json"
rc=$?
set -e
(( rc >= 0 && rc <= 2 )) || fail "vmstick check exited $rc"
python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); assert "findings" in j and "verdict" in j, j.keys()' \
  "$work/report.json" || fail "report.json is not a vmstick report"

# The GUI offscreen: it runs the check, saves the window and quits.
QT_QPA_PLATFORM=offscreen timeout 60 vmstick-gui --screenshot "$work/window.png" \
  || fail "vmstick-gui --screenshot exited $?"
file "$work/window.png" | grep -q "PNG image data" || fail "vmstick-gui wrote no PNG"

desktop-file-validate /usr/share/applications/io.github.vmstick.desktop
# --no-net: CI has no internet to fetch the screenshot and homepage URLs.
appstreamcli validate --no-net --pedantic /usr/share/metainfo/io.github.vmstick.metainfo.xml
grep -q "<release version=\"$version\"" /usr/share/metainfo/io.github.vmstick.metainfo.xml \
  || fail "metainfo has no release notes for $version"
for page in vmstick vmstick-gui; do
  warnings=$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -l "/usr/share/man/man1/$page.1.gz" 2>&1 >/dev/null)
  [[ -z "$warnings" ]] || fail "man page $page: $warnings"
done

apt_get remove -y -qq vmstick
trap - EXIT
[[ ! -e /usr/bin/vmstick && ! -e /usr/share/applications/io.github.vmstick.desktop ]] \
  || fail "files left behind after apt-get remove"
rm -rf "$work"
echo "ci-deb: package built, installed, run, validated and removed"
