// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/bench/bench_stats.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace vmstick::bench {
namespace {

double median_of(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

}  // namespace

Spread spread_of(std::vector<double> values) {
  Spread s;
  if (values.empty()) return s;
  auto [lo, hi] = std::minmax_element(values.begin(), values.end());
  s.min = *lo;
  s.max = *hi;
  s.runs = static_cast<unsigned>(values.size());
  s.median = median_of(std::move(values));
  return s;
}

double percentile(std::vector<double> samples, double p) {
  if (samples.empty()) return 0;
  std::sort(samples.begin(), samples.end());
  p = std::clamp(p, 0.0, 100.0);
  // Nearest rank: the smallest sample with at least p % of samples <= it.
  auto rank = static_cast<std::size_t>(std::ceil(p / 100.0 * static_cast<double>(samples.size())));
  rank = std::clamp<std::size_t>(rank, 1, samples.size());
  return samples[rank - 1];
}

std::optional<Cliff> find_cliff(const std::vector<double>& rates, std::uint64_t window_bytes, std::size_t min_side) {
  min_side = std::max<std::size_t>(min_side, 1);
  if (rates.size() < 2 * min_side) return std::nullopt;
  // Change point: the cut that best splits the windows into two flat
  // stretches (least absolute deviation from each side's median). Medians
  // keep one stalled window from looking like a cliff.
  auto cost = [&](std::size_t from, std::size_t to, double m) {
    double c = 0;
    for (std::size_t i = from; i < to; ++i) c += std::abs(rates[i] - m);
    return c;
  };
  std::size_t best_cut = 0;
  double best_cost = std::numeric_limits<double>::infinity();
  double best_before = 0;
  double best_after = 0;
  for (std::size_t cut = min_side; cut + min_side <= rates.size(); ++cut) {
    const double before = median_of({rates.begin(), rates.begin() + static_cast<std::ptrdiff_t>(cut)});
    const double after = median_of({rates.begin() + static_cast<std::ptrdiff_t>(cut), rates.end()});
    const double c = cost(0, cut, before) + cost(cut, rates.size(), after);
    if (c < best_cost) {
      best_cost = c;
      best_cut = cut;
      best_before = before;
      best_after = after;
    }
  }
  Cliff result;
  // A cliff must at least halve the rate; anything milder is ordinary wander.
  if (best_before > 0 && best_after < 0.5 * best_before) {
    result = Cliff{true, best_before, best_after, best_cut * window_bytes};
  } else {
    result.before_mbps = median_of(rates);
    result.after_mbps = result.before_mbps;
  }
  return result;
}

}  // namespace vmstick::bench
