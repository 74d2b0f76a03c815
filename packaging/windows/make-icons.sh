#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Regenerates the committed Windows .ico and macOS .icns from
# resources/icons/vmstick.svg. Run it after changing the SVG and commit the
# results: native Windows and macOS builds have no SVG renderer to hand.
# Needs (Debian): librsvg2-bin (rsvg-convert), icoutils (icotool), icnsutils (png2icns).
set -euo pipefail
src="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
svg="$src/resources/icons/vmstick.svg"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for size in 16 24 32 48 64 128 256 512 1024; do
  rsvg-convert -w "$size" -h "$size" -o "$tmp/$size.png" "$svg"
done
# Windows: 256 is stored as PNG inside the .ico (Vista+), the rest as bitmaps.
icotool -c -o "$src/packaging/windows/vmstick.ico" \
  "$tmp/16.png" "$tmp/24.png" "$tmp/32.png" "$tmp/48.png" "$tmp/64.png" "$tmp/128.png" -r "$tmp/256.png"
# macOS: png2icns picks the icon type from each PNG's size.
png2icns "$src/packaging/macos/vmstick.icns" \
  "$tmp/16.png" "$tmp/32.png" "$tmp/48.png" "$tmp/128.png" "$tmp/256.png" "$tmp/512.png" "$tmp/1024.png" >/dev/null
echo "wrote packaging/windows/vmstick.ico and packaging/macos/vmstick.icns"
