// SPDX-License-Identifier: GPL-3.0-or-later
#include <catch2/catch.hpp>
#include <fstream>

#include "core/path_store.hpp"
#include "support/fixtures.hpp"

using namespace vmstick;

TEST_CASE("PathStore maps OS paths under the root it was given") {
  PathStore live;
  CHECK(live.proc("cpuinfo") == std::filesystem::path("/proc/cpuinfo"));
  CHECK(live.sys("/block/sda") == std::filesystem::path("/sys/block/sda"));
  CHECK(live.run_udev("data") == std::filesystem::path("/run/udev/data"));
  CHECK_FALSE(live.is_replay());

  PathStore replay("/tmp/rec");
  CHECK(replay.proc("cpuinfo") == std::filesystem::path("/tmp/rec/proc/cpuinfo"));
  CHECK(replay.dev("sdb") == std::filesystem::path("/tmp/rec/dev/sdb"));
  CHECK(replay.host("/etc/os-release") == std::filesystem::path("/tmp/rec/etc/os-release"));
  CHECK(replay.is_replay());
}

TEST_CASE("PathStore reads fixture files and reports what went wrong") {
  PathStore paths(test::fixture("intel-vmx"));
  auto text = paths.read_text(paths.proc("cpuinfo"));
  REQUIRE(text.ok());
  CHECK(text->find("GenuineIntel") != std::string::npos);

  auto arch = paths.read_attr(paths.proc("sys/kernel/arch"));
  REQUIRE(arch.ok());
  CHECK(*arch == "x86_64");  // trailing newline stripped

  auto missing = paths.read_text(paths.proc("no-such-file"));
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().code == ErrorCode::NotFound);
  CHECK(missing.error().context.find("no-such-file") != std::string::npos);

  auto dir = paths.read_text(paths.proc("sys"));
  REQUIRE_FALSE(dir.ok());
  CHECK(dir.error().code == ErrorCode::Corrupt);
}

TEST_CASE("PathStore refuses files larger than the caller's bound") {
  auto dir = test::temp_dir("path_store_big");
  {
    std::ofstream out(dir / "big");
    out << std::string(10000, 'x');
  }
  PathStore paths;
  auto r = paths.read_text(dir / "big", 4096);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == ErrorCode::Corrupt);
  CHECK(paths.read_text(dir / "big", 20000).ok());
}

TEST_CASE("PathStore lists directories sorted and reads links") {
  auto dir = test::temp_dir("path_store_list");
  std::ofstream(dir / "b").put('1');
  std::ofstream(dir / "a").put('1');
  std::filesystem::create_symlink("../../devices/usb1", dir / "link");
  PathStore paths;
  auto names = paths.list(dir);
  REQUIRE(names.ok());
  CHECK(*names == std::vector<std::string>{"a", "b", "link"});
  auto target = paths.read_link(dir / "link");
  REQUIRE(target.ok());
  CHECK(target->string() == "../../devices/usb1");
  CHECK(paths.list(dir / "nope").error().code == ErrorCode::NotFound);
}
