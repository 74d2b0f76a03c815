// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What one speed-test run produced: the record the CLI prints, the probe
// turns into BenchFacts and the rules judge.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/bench/bench_io.hpp"
#include "core/bench/bench_plan.hpp"
#include "core/bench/bench_stats.hpp"
#include "core/bench/speed_class.hpp"

namespace vmstick::bench {

struct Figure {
  std::string id;     // the phase id: "rand_write_qd1"
  std::string label;  // "Random write 4 KiB QD1"
  std::string unit;   // "MB/s" (10^6 bytes/s) for sequential, "IOPS" for random
  Spread value;
  SpeedClass speed_class{SpeedClass::BelowUsb2Stick};
};

struct Latency {
  double p50_ms{0};
  double p99_ms{0};
  double max_ms{0};
  std::size_t samples{0};
};

struct BenchResult {
  std::filesystem::path target;
  IoMethod method{IoMethod::Direct};
  std::string fallback_reason;
  std::vector<Figure> figures;           // in plan order
  std::optional<Latency> write_latency;  // random 4K writes at QD1
  // The sustained-write phase: rate per window, and the cliff verdict
  // (nullopt when too few windows were written to tell).
  std::vector<double> sustained_mbps;
  std::uint64_t sustained_window{0};
  std::optional<Cliff> cliff;
  std::uint64_t bytes_written{0};
  std::uint64_t bytes_read{0};
  double duration_s{0};
  std::vector<std::string> caveats;

  const Figure* figure(std::string_view id) const {
    for (const Figure& f : figures) {
      if (f.id == id) return &f;
    }
    return nullptr;
  }
};

}  // namespace vmstick::bench
