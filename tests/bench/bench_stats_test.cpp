// SPDX-License-Identifier: GPL-3.0-or-later
#include <catch2/catch.hpp>

#include "core/bench/bench_plan.hpp"
#include "core/bench/bench_stats.hpp"
#include "core/bench/speed_class.hpp"

using namespace vmstick::bench;

TEST_CASE("spread_of quotes the median of the runs with min and max") {
  Spread s = spread_of({30, 10, 20});
  CHECK(s.median == 20);
  CHECK(s.min == 10);
  CHECK(s.max == 30);
  CHECK(s.runs == 3);
  CHECK(s.relative() == Approx(1.0));
  CHECK(spread_of({4, 1, 3, 2}).median == 2.5);
  CHECK(spread_of({}).runs == 0);
}

TEST_CASE("percentile uses nearest rank") {
  std::vector<double> v;
  for (int i = 1; i <= 100; ++i) v.push_back(i);
  CHECK(percentile(v, 50) == 50);
  CHECK(percentile(v, 99) == 99);
  CHECK(percentile(v, 100) == 100);
  CHECK(percentile({7}, 99) == 7);
  CHECK(percentile({}, 50) == 0);
}

TEST_CASE("find_cliff finds where a stick's write cache runs out") {
  // 4 MiB windows: 10 at ~100 MB/s, then 8 at ~10 MB/s.
  std::vector<double> rates = {101, 99, 100, 102, 98, 100, 97, 103, 100, 99, 11, 9, 10, 10, 12, 8, 10, 10};
  auto c = find_cliff(rates, 4 << 20);
  REQUIRE(c);
  CHECK(c->found);
  CHECK(c->after_bytes == 10u * (4 << 20));
  CHECK(c->before_mbps == Approx(100));
  CHECK(c->after_mbps == Approx(10));
}

TEST_CASE("find_cliff ignores noise and a single slow window") {
  std::vector<double> rates = {100, 80, 120, 95, 30, 105, 90, 110, 100};
  auto c = find_cliff(rates, 4 << 20);
  REQUIRE(c);
  CHECK_FALSE(c->found);
  CHECK(c->before_mbps == Approx(100));
}

TEST_CASE("find_cliff gives no verdict on too few windows") {
  CHECK_FALSE(find_cliff({100, 10, 10, 10, 10}, 4 << 20).has_value());
  // A drop in the last window alone is too short to call a cliff.
  auto c = find_cliff({100, 100, 100, 100, 100, 100, 100, 10}, 4 << 20);
  REQUIRE(c);
  CHECK_FALSE(c->found);
}

TEST_CASE("figures are classed against the published reference points") {
  CHECK(classify_sequential_mbps(20) == SpeedClass::BelowUsb2Stick);
  CHECK(classify_sequential_mbps(35) == SpeedClass::Usb2Stick);
  CHECK(classify_sequential_mbps(130) == SpeedClass::WindowsToGo);
  CHECK(classify_sequential_mbps(79.9) == SpeedClass::CheapUsb3Stick);
  CHECK(classify_random_read_iops(1010) == SpeedClass::CheapUsb3Stick);
  CHECK(classify_random_read_iops(400) == SpeedClass::BelowUsb2Stick);
  CHECK(classify_random_read_iops(2000) == SpeedClass::WindowsToGo);
  CHECK(classify_random_write_iops(141) == SpeedClass::CheapUsb3Stick);
  CHECK(classify_random_write_iops(60) == SpeedClass::BelowUsb2Stick);
  CHECK(classify_random_write_iops(1999) == SpeedClass::CheapUsb3Stick);
  CHECK(to_string(SpeedClass::WindowsToGo) == "windows_to_go");
}

TEST_CASE("the default plan stays within 256 MiB of writes and 20 s of measuring") {
  Plan p = default_plan();
  CHECK(p.write_budget() <= 256 * kMiB);
  CHECK(p.time_budget_seconds() <= 20.0);
  CHECK(p.file_bytes == 64 * kMiB);
  std::vector<std::string> ids;
  for (const Phase& ph : p.phases) ids.push_back(ph.id);
  CHECK(ids == std::vector<std::string>{"seq_write_qd8", "seq_write_qd1", "seq_read_qd8", "seq_read_qd1",
                                        "rand_read_qd1", "rand_read_qd32", "rand_write_qd1", "rand_write_qd32"});
  // A bigger file raises the fill, so the budget follows the file size.
  CHECK(default_plan(200).write_budget() == default_plan().write_budget() - 96 * kMiB + 200 * kMiB);
  // The largest file the CLI accepts (--size 103) still keeps the promise;
  // one MiB more would not.
  CHECK(default_plan(103).write_budget() <= 256 * kMiB);
  CHECK(default_plan(104).write_budget() > 256 * kMiB);
}
