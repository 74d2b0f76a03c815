// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/bench/bench_plan.hpp"

#include <algorithm>

namespace vmstick::bench {

std::uint64_t Plan::write_budget() const {
  std::uint64_t total = std::max(sustained_bytes, file_bytes);
  for (const Phase& p : phases) {
    if (p.op == Op::Write) total += p.bytes_per_run * p.runs + p.ramp_bytes();
  }
  return total;
}

double Plan::time_budget_seconds() const {
  double total = sustained_seconds;
  for (const Phase& p : phases) total += p.seconds_per_run * p.runs + (p.ramp_bytes() > 0 ? ramp_seconds : 0);
  return total;
}

Plan only_phases(Plan plan, const std::vector<std::string>& ids) {
  std::erase_if(plan.phases, [&](const Phase& p) { return std::find(ids.begin(), ids.end(), p.id) == ids.end(); });
  return plan;
}

Plan default_plan(std::uint64_t file_mib) {
  Plan plan;
  plan.file_bytes = std::max<std::uint64_t>(file_mib, 8) * kMiB;
  // Queue depths: 8 for sequential and 32 for random are what desktop disk
  // benchmarks quote; depth 1 is what a USB Bulk-Only stick really gets.
  auto phase = [](std::string id, std::string label, Pattern pat, Op op, std::uint32_t block, unsigned qd,
                  std::uint64_t bytes) {
    Phase p;
    p.id = std::move(id);
    p.label = std::move(label);
    p.pattern = pat;
    p.op = op;
    p.block = block;
    p.queue_depth = qd;
    p.bytes_per_run = bytes;
    return p;
  };
  // Writes: 96 (sustained) + 3×24 + 3×8 + 3×8 + 3×8 = 240 MiB at most,
  // plus the ramps of the QD8 and QD32 writes (8 MiB and 128 KiB). The QD8
  // write runs are the longest because each ends in a flush, which a shorter
  // run pays more often per byte (docs/speed-test.md, "Where the QD8 write
  // gap came from").
  plan.phases = {
      phase("seq_write_qd8", "Sequential write 1 MiB QD8", Pattern::Sequential, Op::Write, 1 << 20, 8, 24 * kMiB),
      phase("seq_write_qd1", "Sequential write 1 MiB QD1", Pattern::Sequential, Op::Write, 1 << 20, 1, 8 * kMiB),
      phase("seq_read_qd8", "Sequential read 1 MiB QD8", Pattern::Sequential, Op::Read, 1 << 20, 8, 64 * kMiB),
      phase("seq_read_qd1", "Sequential read 1 MiB QD1", Pattern::Sequential, Op::Read, 1 << 20, 1, 64 * kMiB),
      phase("rand_read_qd1", "Random read 4 KiB QD1", Pattern::Random, Op::Read, 4096, 1, 64 * kMiB),
      phase("rand_read_qd32", "Random read 4 KiB QD32", Pattern::Random, Op::Read, 4096, 32, 64 * kMiB),
      phase("rand_write_qd1", "Random write 4 KiB QD1", Pattern::Random, Op::Write, 4096, 1, 8 * kMiB),
      phase("rand_write_qd32", "Random write 4 KiB QD32", Pattern::Random, Op::Write, 4096, 32, 8 * kMiB),
  };
  plan.phases[6].record_latency = true;
  return plan;
}

}  // namespace vmstick::bench
