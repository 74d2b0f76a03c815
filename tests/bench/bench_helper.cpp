// SPDX-License-Identifier: GPL-3.0-or-later
// Runs the real speed test (Linux I/O) on a folder for the tests that need
// a private mount (tmpfs, ramfs) set up by `unshare`, where the test
// process itself cannot see the folder. Prints "ok <method> <bytes>" or
// "error <code>: <message>" on stdout.
//   bench_helper run DIR              the test with a small plan
//   bench_helper fill-at-start DIR    fills the filesystem as the test starts writing (ENOSPC)
#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

#include "core/bench/bench_runner.hpp"
#include "platform/linux/bench_io_linux.hpp"

using namespace vmstick;

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fputs("usage: bench_helper run|fill-at-start DIR\n", stderr);
    return 2;
  }
  const std::string mode = argv[1];
  const std::filesystem::path dir = argv[2];
  bench::Plan plan = bench::default_plan(8);
  plan.sustained_bytes = 16 * bench::kMiB;
  plan.free_margin_bytes = 4 * bench::kMiB;
  bool filled = false;
  auto progress = [&](std::string_view, double) {
    if (mode != "fill-at-start" || filled) return;
    filled = true;
    // Another program takes every free block just after the free-space check.
    std::ofstream filler(dir / "filler", std::ios::binary);
    std::vector<char> block(1 << 20, 'f');
    while (filler.write(block.data(), static_cast<std::streamsize>(block.size()))) {
    }
  };
  auto io = linux_backend::make_bench_io();
  CancelToken cancel;
  auto r = bench::run_bench(*io, dir, plan, cancel, progress);
  if (!r) {
    std::printf("error %s: %s\n", std::string(to_string(r.error().code)).c_str(), r.error().describe().c_str());
    return 1;
  }
  std::printf("ok %s %llu\n", std::string(bench::to_string(r->method)).c_str(),
              static_cast<unsigned long long>(r->bytes_written));
  return 0;
}
