// SPDX-License-Identifier: GPL-3.0-or-later
// The real speed test on temp folders of this machine: byte counts, that
// nothing but the temp file is touched, cancel, a folder that vanishes.
#include <linux/fiemap.h>
#include <linux/fs.h>
#include <sys/ioctl.h>
#include <fcntl.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <optional>
#include <sstream>
#include <thread>

#include "core/bench/bench_runner.hpp"
#include "platform/linux/bench_io_linux.hpp"
#include "support/fixtures.hpp"

using namespace vmstick;
using namespace vmstick::bench;
namespace fs = std::filesystem;

namespace {

Plan quick_plan() {
  Plan p = default_plan(8);
  p.sustained_bytes = 16 * kMiB;
  for (Phase& ph : p.phases) ph.seconds_per_run = 0.2;
  return p;
}

// wchar from /proc/self/io: every byte this process passed to write().
std::uint64_t bytes_passed_to_write() {
  std::ifstream in("/proc/self/io");
  std::string key;
  std::uint64_t value = 0;
  while (in >> key >> value) {
    if (key == "wchar:") return value;
  }
  return 0;
}

// Content and modification time of every file under dir.
std::string snapshot(const fs::path& dir) {
  std::ostringstream out;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    out << e.path().lexically_relative(dir).string() << ' ';
    if (e.is_regular_file()) {
      std::ifstream in(e.path(), std::ios::binary);
      out << in.rdbuf() << ' ' << fs::last_write_time(e.path()).time_since_epoch().count();
    }
    out << '\n';
  }
  return out.str();
}

// Where the filesystem put the byte at `offset` of path, and how far that
// physically contiguous piece (extent) reaches from there; nullopt when the
// filesystem cannot tell (no FIEMAP).
struct Piece {
  std::uint64_t physical;
  std::uint64_t bytes_from_offset;
};
std::optional<Piece> piece_at(const fs::path& path, std::uint64_t offset) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  // The request and room for the one extent asked for, laid out as the
  // kernel expects (fiemap ends in a flexible array of extents).
  alignas(fiemap) std::byte raw[sizeof(fiemap) + sizeof(fiemap_extent)]{};
  auto* map = reinterpret_cast<fiemap*>(raw);
  // To the end of the file: ext4 reports a piece only as far as the range
  // asked about reaches.
  map->fm_start = offset;
  map->fm_length = FIEMAP_MAX_OFFSET - offset;
  map->fm_flags = FIEMAP_FLAG_SYNC;
  map->fm_extent_count = 1;
  const int rc = ::ioctl(fd, FS_IOC_FIEMAP, map);
  ::close(fd);
  if (rc != 0 || map->fm_mapped_extents != 1) return std::nullopt;
  fiemap_extent e{};
  std::memcpy(&e, raw + sizeof(fiemap), sizeof e);
  return Piece{e.fe_physical + (offset - e.fe_logical), e.fe_logical + e.fe_length - offset};
}

}  // namespace

TEST_CASE("linux: the test file lies in one piece, its probe write included") {
  // ext4 gave the 4 KiB probe write a block of its own away from the rest,
  // and every 1 MiB request over the file's start was then split in two.
  auto dir = test::temp_dir("bench_linux_piece_" + std::to_string(::getpid()));
  auto io = linux_backend::make_bench_io();
  constexpr std::uint64_t kSize = 8 * kMiB;
  auto file = io->create(dir / "t.bin", kSize);
  REQUIRE(file);
  REQUIRE((*file)->method() == IoMethod::Direct);
  IoBuffer buf = io->buffer(kMiB);
  std::fill(buf.data(), buf.data() + buf.size(), std::byte{0x33});
  for (std::uint64_t off = 0; off < kSize; off += kMiB) REQUIRE((*file)->write_at(off, buf.bytes()));
  REQUIRE((*file)->flush());
  const auto start = piece_at(dir / "t.bin", 0);
  INFO("the folder's filesystem must map files (FIEMAP), as ext4, xfs and btrfs do: " << dir.string());
  REQUIRE(start.has_value());
  const auto next = piece_at(dir / "t.bin", 4096);
  REQUIRE(next.has_value());
  CHECK(next->physical == start->physical + 4096);
  CHECK(start->bytes_from_offset >= kMiB);
}

TEST_CASE("linux: a real run counts its bytes and touches nothing but its own file") {
  auto dir = test::temp_dir("bench_linux_real_" + std::to_string(::getpid()));
  fs::create_directory(dir / "vm");
  std::ofstream(dir / "vm" / "disk.vdi", std::ios::binary) << std::string(300000, 'v');
  std::ofstream(dir / "notes.txt") << "the user's notes\n";
  const std::string before = snapshot(dir);

  auto io = linux_backend::make_bench_io();
  CancelToken cancel;
  const Plan plan = quick_plan();
  const std::uint64_t wchar0 = bytes_passed_to_write();
  auto r = run_bench(*io, dir, plan, cancel);
  const std::uint64_t wchar = bytes_passed_to_write() - wchar0;
  if (!r) FAIL(r.error().describe());
  CHECK(r->method == IoMethod::Direct);  // ext4 under the build tree accepts O_DIRECT
  CHECK(r->figures.size() == 8);
  for (const Figure& f : r->figures) CHECK(f.value.median > 0);
  CHECK(r->bytes_written >= plan.file_bytes);
  CHECK(r->bytes_written <= plan.write_budget());
  // What the kernel saw written by this process: the test's bytes, the
  // 4 KiB direct-I/O probe and the lock file, nothing else.
  CHECK(wchar >= r->bytes_written);
  CHECK(wchar <= r->bytes_written + 64 * 1024);
  CHECK(snapshot(dir) == before);
}

TEST_CASE("linux: cancel takes effect within a second and removes the temp file") {
  auto dir = test::temp_dir("bench_linux_cancel_" + std::to_string(::getpid()));
  auto io = linux_backend::make_bench_io();
  CancelToken cancel;
  Plan plan = default_plan(64);
  for (Phase& ph : plan.phases) ph.seconds_per_run = 5;  // long enough that only cancel ends it
  using clock = std::chrono::steady_clock;
  clock::time_point cancelled_at;
  std::thread stopper([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(700));
    cancelled_at = clock::now();
    cancel.cancel();
  });
  auto r = run_bench(*io, dir, plan, cancel);
  const auto returned_at = clock::now();
  stopper.join();
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == ErrorCode::Cancelled);
  CHECK(returned_at - cancelled_at < std::chrono::seconds(1));
  CHECK(fs::is_empty(dir));
}

TEST_CASE("linux: a folder that vanishes mid-run gives a clear error and leaves nothing") {
  auto parent = test::temp_dir("bench_linux_vanish_" + std::to_string(::getpid()));
  auto dir = parent / "stick";
  fs::create_directory(dir);
  auto io = linux_backend::make_bench_io();
  CancelToken cancel;
  auto progress = [&](std::string_view step, double) {
    if (step == "rand_read_qd1" && fs::exists(dir)) fs::remove_all(dir);
  };
  auto r = run_bench(*io, dir, quick_plan(), cancel, progress);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == ErrorCode::Io);
  CHECK(r.error().message.find("vanished") != std::string::npos);
  CHECK(fs::is_empty(parent));
}

TEST_CASE("linux: process_alive tells a live process from a dead one") {
  auto io = linux_backend::make_bench_io();
  CHECK(io->process_alive(io->current_pid()));
  CHECK(io->process_alive(1));
  CHECK_FALSE(io->process_alive(0));
  CHECK_FALSE(io->process_alive(0x7ffffff0));
}

namespace {

// The smaps entry of the mapping that holds addr ("" when none does).
std::string smaps_entry(const void* addr) {
  std::ifstream in("/proc/self/smaps");
  const auto a = reinterpret_cast<std::uintptr_t>(addr);
  std::string line;
  std::string entry;
  bool inside = false;
  while (std::getline(in, line)) {
    std::uintptr_t lo = 0;
    std::uintptr_t hi = 0;
    char dash = 0;
    std::istringstream head(line);
    if (head >> std::hex >> lo >> dash >> hi && dash == '-' && line.find(':') > line.find(' ')) {
      if (inside) return entry;
      inside = lo <= a && a < hi;
      entry = inside ? line + "\n" : "";
    } else if (inside) {
      entry += line + "\n";
    }
  }
  return inside ? entry : "";
}

}  // namespace

TEST_CASE("linux: 1 MiB request buffers are 2 MiB-aligned mappings advised for huge pages, and go away") {
  auto io = linux_backend::make_bench_io();
  const void* where = nullptr;
  {
    IoBuffer big = io->buffer(1 << 20);
    REQUIRE(big.size() == (1u << 20));
    where = big.data();
    CHECK(reinterpret_cast<std::uintptr_t>(where) % (2u << 20) == 0);
    const std::string entry = smaps_entry(where);
    INFO(entry);
    REQUIRE_FALSE(entry.empty());
    // "hg": MADV_HUGEPAGE was given; whether a huge page is free right now is the kernel's affair.
    const auto flags = entry.substr(entry.find("VmFlags:"));
    CHECK(flags.find(" hg") != std::string::npos);
    CHECK(entry.find("Size:               2048 kB") != std::string::npos);

    // Usable for direct I/O, and moved ownership frees once.
    IoBuffer moved = std::move(big);
    CHECK(big.data() == nullptr);
    auto dir = test::temp_dir("bench_linux_buffer_" + std::to_string(::getpid()));
    auto file = io->create(dir / "t.bin", kMiB);
    REQUIRE(file);
    std::fill(moved.data(), moved.data() + moved.size(), std::byte{0x5a});
    REQUIRE((*file)->write_at(0, moved.bytes()));
    std::fill(moved.data(), moved.data() + moved.size(), std::byte{0});
    REQUIRE((*file)->read_at(0, moved.bytes()));
    CHECK(std::all_of(moved.data(), moved.data() + moved.size(), [](std::byte b) { return b == std::byte{0x5a}; }));
  }
  // The whole mapping was released, not only the bytes asked for.
  CHECK(smaps_entry(where).empty());

  IoBuffer small = io->buffer(4096);
  CHECK(reinterpret_cast<std::uintptr_t>(small.data()) % 4096 == 0);
  CHECK(small.size() == 4096);
}
