// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The measured speed of the target drive (the speed test), when the user ran it.
// Every figure is unknown, with the reason, when the test could not run.
#include <cstdint>
#include <string>
#include <vector>

#include "core/fact.hpp"

namespace vmstick {

// One figure: the median of repeated runs and how far the runs spread.
struct BenchFigure {
  double median{0};
  double min{0};
  double max{0};
  unsigned runs{0};
  std::string unit;         // "MB/s" (10^6 bytes/s) or "IOPS"
  std::string speed_class;  // see core/bench/speed_class.hpp: "usb2_stick", "windows_to_go", ...
  bool operator==(const BenchFigure&) const = default;
};

struct BenchLatency {
  double p50_ms{0};
  double p99_ms{0};
  double max_ms{0};
  std::size_t samples{0};
  bool operator==(const BenchLatency&) const = default;
};

// The sustained-write phase: did the rate fall off a cliff (the drive's fast
// cache filled) within the bytes the test was allowed to write?
struct BenchCliff {
  bool found{false};
  double before_mbps{0};
  double after_mbps{0};
  double after_mib{0};    // written before the drop
  double written_mib{0};  // written in the phase in total (the search horizon)
  bool operator==(const BenchCliff&) const = default;
};

struct BenchFacts {
  std::string target;  // folder the test file lived in
  Fact<double> seq_read_mbps;   // = seq_read_qd8 median
  Fact<double> seq_write_mbps;  // = seq_write_qd8 median
  Fact<std::string> method;     // "direct" or "flush_bounded" (the filesystem refused direct I/O)
  Fact<BenchFigure> seq_read_qd8;
  Fact<BenchFigure> seq_read_qd1;
  Fact<BenchFigure> seq_write_qd8;
  Fact<BenchFigure> seq_write_qd1;
  Fact<BenchFigure> rand_read_qd1;
  Fact<BenchFigure> rand_read_qd32;
  Fact<BenchFigure> rand_write_qd1;
  Fact<BenchFigure> rand_write_qd32;
  Fact<BenchLatency> rand_write_latency;  // 4 KiB random writes at QD1
  Fact<BenchCliff> cache_cliff;
  Fact<std::uint64_t> bytes_written;      // everything the test wrote to the drive
  Fact<double> duration_s;
  std::vector<std::string> caveats;       // what makes the figures less certain
};

}  // namespace vmstick
