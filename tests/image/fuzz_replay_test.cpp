// SPDX-License-Identifier: GPL-3.0-or-later
// Replays every committed fuzz corpus and crash input, plus fresh qemu-img
// images of every format, through the same entry points the libFuzzer
// targets use — on every build and compiler, so a fixed crash stays fixed.
#include <unistd.h>

#include "../fuzz/fuzz_entries.hpp"
#include "core/probes/image/analyse.hpp"
#include "image_support.hpp"
#include "support/error_of.hpp"
#include "support/fixtures.hpp"

using namespace vmstick;
using namespace vmstick::test;
namespace fs = std::filesystem;

namespace {

std::vector<std::uint8_t> whole(const fs::path& p) {
  const auto n = fs::file_size(p);
  REQUIRE(n <= (64u << 20));
  return read_file(p, 0, static_cast<std::size_t>(n));
}

std::size_t replay(const std::string& target, const fs::path& dir) {
  std::size_t n = 0;
  if (!fs::exists(dir)) return 0;
  const auto run = fuzz::entry(target);
  REQUIRE(run != nullptr);
  for (const auto& e : fs::directory_iterator(dir)) {
    if (!e.is_regular_file() || e.path().filename() == ".keep") continue;
    INFO(e.path().string());
    auto bytes = whole(e.path());
    run(bytes.data(), bytes.size());
    ++n;
  }
  return n;
}

}  // namespace

TEST_CASE("fuzz corpora and crash inputs replay cleanly") {
  std::size_t count = 0;
  const std::string_view* names = fuzz::names(count);
  const fs::path root(VMSTICK_FUZZ_DIR);
  for (std::size_t i = 0; i < count; ++i) {
    const std::string t(names[i]);
    INFO(t);
    const std::size_t seeds = replay(t, root / "corpus" / t);
    replay(t, root / "crashes" / t);
    // VHDX seeds are at least 4 MiB, so they are made at test time below.
    if (t != "vhdx") CHECK(seeds > 0);
  }
}

TEST_CASE("fresh qemu-img images of every format replay through their parser and the detector") {
  const fs::path dir = temp_dir("fuzz_fresh_" + std::to_string(getpid()));
  struct Seed {
    const char* qfmt;
    const char* opts;
    const char* target;
    const char* format;
  };
  const Seed seeds[] = {{"qcow2", "", "qcow2", "qcow2"}, {"vdi", "", "vdi", "vdi"}, {"vpc", "", "vhd", "vhd"},
                        {"vhdx", "", "vhdx", "vhdx"}, {"vmdk", "", "vmdk_sparse", "vmdk"},
                        {"vmdk", "subformat=streamOptimized", "vmdk_sparse", "vmdk"}};
  int i = 0;
  for (const auto& s : seeds) {
    const fs::path img = dir / ("seed" + std::to_string(i++) + "." + s.qfmt);
    must(std::string("qemu-img create -q -f ") + s.qfmt + (std::string(s.opts).empty() ? "" : std::string(" -o ") + s.opts) + " " + q(img) + " 8M");
    auto bytes = whole(img);
    fuzz::entry(s.target)(bytes.data(), bytes.size());
    fuzz::entry("detect")(bytes.data(), bytes.size());
    // And the detector really recognises the seed (the replay is not vacuous).
    image::MemoryByteSource src(bytes, img.string());
    auto r = image::analyse_bytes(src);
    INFO(img.string() << ": " << test::error_of(r));
    REQUIRE(r.ok());
    CHECK(r->format == s.format);
    CHECK(r->virtual_size >= (8u << 20));
    // Every prefix of the header area: truncation never crashes.
    for (std::size_t cut = 0; cut < std::min<std::size_t>(bytes.size(), 4096); cut += 61) fuzz::entry("detect")(bytes.data(), cut);
  }
}
