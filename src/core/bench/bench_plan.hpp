// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What the speed test does, and the wear and time it may spend doing it.
//
// Every measured run stops at whichever comes first: its time cap or its
// byte cap. Slow drives hit the time cap (so a 20 MB/s stick finishes in
// under 20 s); fast drives hit the byte cap (so the flash wear stays within
// the budget). A full CrystalDiskMark run writes 1 GiB × 5 loops × 4 tests;
// the default here writes at most 256 MiB in total.
#include <cstdint>
#include <string>
#include <vector>

namespace vmstick::bench {

inline constexpr std::uint64_t kMiB = 1024 * 1024;
inline constexpr std::uint32_t kAlign = 4096;

enum class Pattern { Sequential, Random };
enum class Op { Read, Write };

struct Phase {
  std::string id;          // "seq_read_qd8" — the key in results and JSON
  std::string label;       // "Sequential read 1 MiB QD8" — in the engine's errors and caveats; progress reports id
  Pattern pattern{Pattern::Sequential};
  Op op{Op::Read};
  std::uint32_t block{1 << 20};
  unsigned queue_depth{1};
  unsigned runs{3};
  double seconds_per_run{0.5};
  std::uint64_t bytes_per_run{16 * kMiB};
  bool record_latency{false};  // keep every request's latency (percentiles)

  // Requests made, and not counted, before the first run: one queue-full
  // where the queue is deeper than 1. A drive that was just serving one
  // request at a time (the fill) or none (while the figure's buffers were
  // made) takes that long to reach its pace at the new depth; fio's
  // ramp_time and DiskSpd's warm-up exist for the same reason.
  std::uint64_t ramp_bytes() const { return queue_depth > 1 ? std::uint64_t{queue_depth} * block : 0; }
};

struct Plan {
  std::uint64_t file_bytes{64 * kMiB};
  // The sustained-write phase writes the file sequentially (and so also
  // fills it before anything reads it), wrapping around, until this many
  // bytes or seconds, sampling the rate per window to find a cache cliff.
  std::uint64_t sustained_bytes{96 * kMiB};
  double sustained_seconds{6.0};
  std::uint64_t sustained_window{4 * kMiB};
  std::vector<Phase> phases;
  // Free space required beyond the file itself, so the test never fills the
  // drive to the last block (which would hurt the user's other writes).
  std::uint64_t free_margin_bytes{64 * kMiB};
  // The longest a phase's ramp may take (a slow drive stops it early).
  double ramp_seconds{0.1};

  // Most bytes the plan can write: what the user is told before consenting.
  std::uint64_t write_budget() const;
  // Longest the measured part can take (caps summed; setup excluded).
  double time_budget_seconds() const;
};

// The default plan. file_mib sets the test file size (the CLI's --size);
// the sustained phase writes at least the file once so reads find real data.
Plan default_plan(std::uint64_t file_mib = 64);

// The plan with only the named phases, in the plan's order (the CLI's
// --only: one figure re-measured with less wear). The sustained write stays:
// it fills the file the phases read. Unknown ids are ignored; the caller
// checks them against the plan.
Plan only_phases(Plan plan, const std::vector<std::string>& ids);

}  // namespace vmstick::bench
