// SPDX-License-Identifier: GPL-3.0-or-later
// Runs the real speed test (Linux I/O) on a folder for the tests that need
// a private mount (tmpfs, ramfs) set up by `unshare`, where the test
// process itself cannot see the folder. Prints "ok <method> <bytes>" or
// "error <code>: <message>" on stdout.
//   bench_helper run DIR                  the test with a small plan
//   bench_helper fill-at-start DIR        fills the filesystem as the test starts writing (ENOSPC
//                                         mid-run), its file not reserved, as on a filesystem
//                                         that cannot reserve blocks without writing them
//   bench_helper fill-before-reserve DIR  fills it after the free-space check, just before the
//                                         file is made and reserved (ENOSPC before any write)
#include <cstdio>
#include <cstring>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

#include "core/bench/bench_runner.hpp"
#include "platform/linux/bench_io_linux.hpp"

using namespace vmstick;

namespace {

// Another program takes every free block.
void fill(const std::filesystem::path& dir) {
  std::ofstream filler(dir / "filler", std::ios::binary);
  std::vector<char> block(1 << 20, 'f');
  while (filler.write(block.data(), static_cast<std::streamsize>(block.size()))) {
  }
}

// The real Linux I/O with a hook just before the test file is made, and the
// choice to make it without reserving its blocks.
class HookedIo final : public bench::BenchIo {
 public:
  HookedIo(bench::BenchIo& real, std::function<void()> before_create, bool reserve)
      : real_(real), before_create_(std::move(before_create)), reserve_(reserve) {}
  Result<std::unique_ptr<bench::BenchFile>> create(const std::filesystem::path& file, std::uint64_t size) override {
    if (before_create_) before_create_();
    return real_.create(file, reserve_ ? size : 0);
  }
  Result<std::uint64_t> free_bytes(const std::filesystem::path& dir) override { return real_.free_bytes(dir); }
  bool process_alive(std::int64_t pid) override { return real_.process_alive(pid); }
  std::int64_t current_pid() override { return real_.current_pid(); }
  double now() override { return real_.now(); }
  bench::IoBuffer buffer(std::size_t size) override { return real_.buffer(size); }

 private:
  bench::BenchIo& real_;
  std::function<void()> before_create_;
  bool reserve_;
};

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fputs("usage: bench_helper run|fill-at-start|fill-before-reserve DIR\n", stderr);
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
    fill(dir);
  };
  auto real = linux_backend::make_bench_io();
  HookedIo io(*real, mode == "fill-before-reserve" ? std::function<void()>([&] { fill(dir); }) : nullptr,
              mode != "fill-at-start");
  CancelToken cancel;
  auto r = bench::run_bench(io, dir, plan, cancel, progress);
  if (!r) {
    std::printf("error %s: %s\n", std::string(to_string(r.error().code)).c_str(), r.error().describe().c_str());
    return 1;
  }
  std::printf("ok %s %llu\n", std::string(bench::to_string(r->method)).c_str(),
              static_cast<unsigned long long>(r->bytes_written));
  return 0;
}
