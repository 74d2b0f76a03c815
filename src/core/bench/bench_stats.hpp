// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The arithmetic of the speed test: medians with their spread, latency
// percentiles and the cache-cliff search. Pure functions on numbers.
#include <cstdint>
#include <optional>
#include <vector>

namespace vmstick::bench {

// One figure from repeated runs: the median is what we quote, min/max show
// how much the drive wandered (a stick that is garbage-collecting does).
struct Spread {
  double median{0};
  double min{0};
  double max{0};
  unsigned runs{0};
  // (max - min) / median; 0 for a single run.
  double relative() const { return median > 0 ? (max - min) / median : 0; }
};

// Empty input gives a Spread with runs == 0.
Spread spread_of(std::vector<double> values);

// Nearest-rank percentile (p in 0..100) of unsorted samples; 0 when empty.
double percentile(std::vector<double> samples, double p);

struct Cliff {
  bool found{false};
  double before_mbps{0};          // median rate before the drop
  double after_mbps{0};           // median rate after it
  std::uint64_t after_bytes{0};   // written before the drop began
};

// rates[i] is the MB/s of the i-th window of window_bytes written in a row.
// A cliff is a point after which the rate stays below half of what it was
// before: the median of every later window is < 0.5 × the median of every
// earlier one, both sides at least min_side windows long. Of all such
// points the one with the largest drop wins. Fewer windows than 2×min_side:
// no verdict (nullopt) rather than a guess.
std::optional<Cliff> find_cliff(const std::vector<double>& rates, std::uint64_t window_bytes,
                                std::size_t min_side = 3);

}  // namespace vmstick::bench
