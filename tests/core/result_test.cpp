// SPDX-License-Identifier: GPL-3.0-or-later
#include <catch2/catch.hpp>

#include "core/fact.hpp"
#include "core/result.hpp"

using namespace vmstick;

TEST_CASE("Result carries a value or an error with code, message and context") {
  Result<int> good = 42;
  REQUIRE(good.ok());
  CHECK(*good == 42);

  Result<int> bad = make_error(ErrorCode::Corrupt, "header checksum mismatch", "disk.vhd");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().code == ErrorCode::Corrupt);
  CHECK(bad.error().describe() == "header checksum mismatch (disk.vhd)");
  CHECK(bad.value_or(7) == 7);
  CHECK(to_string(ErrorCode::PermissionDenied) == "permission-denied");
}

TEST_CASE("An unknown fact is never equal to false") {
  auto unknown = Fact<bool>::unknown("cpuinfo unreadable");
  CHECK_FALSE(unknown.is_known());
  CHECK_FALSE(unknown.is(false));
  CHECK_FALSE(unknown.is(true));
  CHECK(unknown.reason() == "cpuinfo unreadable");

  auto no = Fact<bool>::known(false, "/proc/cpuinfo flags");
  CHECK(no.is(false));
  CHECK(no.source() == "/proc/cpuinfo flags");

  Fact<int> untouched;
  CHECK_FALSE(untouched.is_known());
  CHECK(untouched.reason() == "not checked");
}
