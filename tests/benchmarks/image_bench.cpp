// SPDX-License-Identifier: GPL-3.0-or-later
// Image analysis benchmark (prints, asserts nothing). For qcow2, vdi, vhdx,
// vmdk and vhd: a dynamic image of SIZE GiB (default 64) with every 10th
// block written (10 % allocated), then
//   - bytes vmstick reads to analyse it, as a share of the image's size
//     (target < 1 %);
//   - vmstick's full analysis (format, chain, allocation count) against
//     `qemu-img info` (target: no slower) and `qemu-img map` (target: at most
//     0.5 × its time), each the median of 5 warm runs, in the same run.
// Usage: image_bench [WORK_DIR] [SIZE_GIB]. Needs qemu-img and qemu-io; the
// image of one format is deleted before the next is made.
#include <sys/wait.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/probes/image/analyse.hpp"

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

int sh(const std::string& cmd, std::string* out = nullptr) {
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return -1;
  char buf[65536];
  std::string s;
  while (std::size_t n = std::fread(buf, 1, sizeof buf, p)) s.append(buf, n);
  const int st = pclose(p);
  if (out) *out = std::move(s);
  return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

template <class F>
double median_ms(F f) {
  std::vector<double> t;
  for (int i = 0; i < 5; ++i) {
    const auto a = Clock::now();
    f();
    t.push_back(std::chrono::duration<double, std::milli>(Clock::now() - a).count());
  }
  std::sort(t.begin(), t.end());
  return t[2];
}

}  // namespace

int main(int argc, char** argv) {
  const fs::path dir = argc > 1 ? fs::path(argv[1]) : fs::temp_directory_path() / "vmstick_image_bench";
  const unsigned long long gib = argc > 2 ? std::stoull(argv[2]) : 64;
  fs::create_directories(dir);
  std::printf("image_bench: %llu GiB dynamic images, 10%% of blocks written, in %s\n", gib, dir.c_str());
  std::printf("%-6s %9s %12s %9s | %10s %10s %7s | %10s %7s\n", "format", "block", "bytes read", "share", "vmstick ms",
              "info ms", "ratio", "map ms", "ratio");
  struct Fmt {
    const char* qfmt;
    const char* name;
  };
  for (const Fmt f : {Fmt{"qcow2", "qcow2"}, Fmt{"vdi", "vdi"}, Fmt{"vhdx", "vhdx"}, Fmt{"vmdk", "vmdk"}, Fmt{"vpc", "vhd"}}) {
    const fs::path img = dir / (std::string("bench.") + f.qfmt);
    fs::remove(img);
    const std::string q = "'" + img.string() + "'";
    if (sh(std::string("qemu-img create -q -f ") + f.qfmt + " " + q + " " + std::to_string(gib) + "G") != 0) {
      std::printf("%-6s cannot create the image\n", f.name);
      continue;
    }
    std::string info;
    sh("qemu-img info --output=json " + q, &info);
    const auto j = nlohmann::json::parse(info, nullptr, false);
    const std::uint64_t block = j.is_object() && j.contains("cluster-size") ? j["cluster-size"].get<std::uint64_t>() : 65536;
    const std::uint64_t vsize = j.is_object() ? j["virtual-size"].get<std::uint64_t>() : gib << 30;
    // 4 KiB into every 10th block: 10 % of the allocation table is in use.
    const fs::path script = dir / "writes.qemu-io";
    {
      FILE* s = std::fopen(script.c_str(), "w");
      if (!s) return 1;
      for (std::uint64_t off = 0; off + 4096 <= vsize; off += 10 * block) std::fprintf(s, "write -q -P 0x5a %llu 4k\n", static_cast<unsigned long long>(off));
      std::fclose(s);
    }
    if (sh(std::string("qemu-io -f ") + f.qfmt + " " + q + " < '" + script.string() + "' > /dev/null") != 0) {
      std::printf("%-6s qemu-io failed\n", f.name);
      continue;
    }
    const std::uint64_t file_size = fs::file_size(img);
    std::uint64_t bytes_read = 0, allocated = 0;
    const double ours = median_ms([&] {
      auto r = vmstick::image::analyse_image(img, vmstick::image::FileOpener{});
      if (r) {
        bytes_read = r->bytes_read;
        allocated = r->layers.front().disk.allocated_bytes.value_or(0);
      }
    });
    const double qinfo = median_ms([&] { sh(std::string("qemu-img info -f ") + f.qfmt + " " + q + " > /dev/null"); });
    const double qmap = median_ms([&] { sh(std::string("qemu-img map -f ") + f.qfmt + " --output=json " + q + " > /dev/null"); });
    std::printf("%-6s %9llu %12llu %8.4f%% | %10.1f %10.1f %7.2f | %10.1f %7.2f   (allocated %.1f%% of %llu, file %llu bytes)\n", f.name,
                static_cast<unsigned long long>(block), static_cast<unsigned long long>(bytes_read),
                100.0 * static_cast<double>(bytes_read) / static_cast<double>(vsize), ours, qinfo, ours / qinfo, qmap, ours / qmap,
                100.0 * static_cast<double>(allocated) / static_cast<double>(vsize), static_cast<unsigned long long>(vsize),
                static_cast<unsigned long long>(file_size));
    std::fflush(stdout);
    fs::remove(img);
    fs::remove(script);
  }
  std::printf("share = bytes vmstick read / virtual size (target < 1%%); ratios = vmstick / qemu-img (info: target <= 1; map: target <= 0.5).\n"
              "vmstick is timed in-process; qemu-img includes its process start, as a user running it sees.\n");
  return 0;
}
