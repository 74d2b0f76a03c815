#!/usr/bin/env bash
# Builds the libFuzzer targets with clang and runs each for a bounded time.
# Usage: tests/fuzz/run_fuzzers.sh [SECONDS_PER_TARGET] (default 25: 11 targets
# stay under 5 minutes). New corpus entries go to build/fuzz/corpus, crashes to
# build/fuzz/crashes/<target>/ — copy a crash into tests/fuzz/crashes/<target>/
# once fixed, so the ordinary test suite replays it forever.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
secs=${1:-25}
out=build/fuzz
cmake -S . -B "$out" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DVMSTICK_GUI=OFF -DVMSTICK_FUZZ=ON \
  -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ >/dev/null
targets=(qcow2 vdi vhd vhdx vmdk_sparse vmdk_descriptor iso detect vmx vbox libvirt)
cmake --build "$out" -j2 --target "${targets[@]/#/fuzz_}"

# Seeds the repository cannot hold (a VHDX is at least 4 MiB), made fresh.
seeds="$out/seeds"
rm -rf "$seeds" && mkdir -p "$seeds"/{vhdx,detect,vmdk_sparse,vhd}
qemu-img create -q -f vhdx "$seeds/vhdx/dynamic.vhdx" 8M
qemu-img create -q -f vhdx -o subformat=fixed "$seeds/vhdx/fixed.vhdx" 1M
qemu-img create -q -f vmdk -o subformat=streamOptimized "$seeds/vmdk_sparse/stream.vmdk" 1M
qemu-img create -q -f vpc -o subformat=fixed "$seeds/vhd/fixed.vhd" 1M
cp "$seeds"/vhdx/dynamic.vhdx "$seeds"/detect/

status=0
for t in "${targets[@]}"; do
  mkdir -p "$out/corpus/$t" "$out/crashes/$t" "$seeds/$t"
  echo "--- fuzz_$t for ${secs}s"
  # libFuzzer exits when a corpus folder is missing: hand it only those that exist
  # (vhdx has no checked-in seeds; its seeds are made above).
  dirs=()
  for d in "$out/corpus/$t" "tests/fuzz/corpus/$t" "$seeds/$t"; do [[ -d "$d" ]] && dirs+=("$d"); done
  if ! "$out/tests/fuzz/fuzz_$t" -max_total_time="$secs" -rss_limit_mb=1024 -timeout=10 -print_final_stats=1 \
      -artifact_prefix="$out/crashes/$t/" "${dirs[@]}" 2>"$out/fuzz_$t.log"; then
    echo "fuzz_$t FAILED; see $out/fuzz_$t.log and $out/crashes/$t/"
    tail -40 "$out/fuzz_$t.log"
    status=1
  else
    grep -E "stat::number_of_executed_units|stat::peak_rss_mb" "$out/fuzz_$t.log" || true
  fi
done
exit $status
