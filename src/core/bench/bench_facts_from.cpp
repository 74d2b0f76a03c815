// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/bench/bench_facts_from.hpp"

#include <fmt/format.h>

namespace vmstick::bench {
namespace {

// Each figure's slot in BenchFacts, by phase id.
Fact<BenchFigure>* slot(BenchFacts& b, std::string_view id) {
  if (id == "seq_read_qd8") return &b.seq_read_qd8;
  if (id == "seq_read_qd1") return &b.seq_read_qd1;
  if (id == "seq_write_qd8") return &b.seq_write_qd8;
  if (id == "seq_write_qd1") return &b.seq_write_qd1;
  if (id == "rand_read_qd1") return &b.rand_read_qd1;
  if (id == "rand_read_qd32") return &b.rand_read_qd32;
  if (id == "rand_write_qd1") return &b.rand_write_qd1;
  if (id == "rand_write_qd32") return &b.rand_write_qd32;
  return nullptr;
}

template <class F>
void for_each_slot(BenchFacts& b, F&& f) {
  for (auto* s : {&b.seq_read_qd8, &b.seq_read_qd1, &b.seq_write_qd8, &b.seq_write_qd1, &b.rand_read_qd1,
                  &b.rand_read_qd32, &b.rand_write_qd1, &b.rand_write_qd32}) {
    f(*s);
  }
}

}  // namespace

BenchFacts to_bench_facts(const BenchResult& r) {
  BenchFacts b;
  b.target = r.target.string();
  const std::string source = fmt::format("speed test on {} ({} I/O)", b.target, to_string(r.method));
  for_each_slot(b, [](Fact<BenchFigure>& f) { f = Fact<BenchFigure>::unknown("not part of this test plan"); });
  for (const Figure& f : r.figures) {
    if (auto* s = slot(b, f.id)) {
      *s = Fact<BenchFigure>::known(BenchFigure{f.value.median, f.value.min, f.value.max, f.value.runs, f.unit,
                                                std::string(to_string(f.speed_class))},
                                    source);
    }
  }
  auto median_of = [&](const Fact<BenchFigure>& f) {
    return f.is_known() ? Fact<double>::known(f.value().median, source) : Fact<double>::unknown(f.reason());
  };
  b.seq_read_mbps = median_of(b.seq_read_qd8);
  b.seq_write_mbps = median_of(b.seq_write_qd8);
  b.method = Fact<std::string>::known(std::string(to_string(r.method)), source);
  if (r.write_latency) {
    b.rand_write_latency = Fact<BenchLatency>::known(
        BenchLatency{r.write_latency->p50_ms, r.write_latency->p99_ms, r.write_latency->max_ms, r.write_latency->samples},
        source);
  } else {
    b.rand_write_latency = Fact<BenchLatency>::unknown("no random-write latencies were recorded");
  }
  const double written_mib =
      static_cast<double>(r.sustained_mbps.size() * r.sustained_window) / static_cast<double>(kMiB);
  if (r.cliff) {
    b.cache_cliff = Fact<BenchCliff>::known(
        BenchCliff{r.cliff->found, r.cliff->before_mbps, r.cliff->after_mbps,
                   static_cast<double>(r.cliff->after_bytes) / static_cast<double>(kMiB), written_mib},
        source);
  } else {
    b.cache_cliff = Fact<BenchCliff>::unknown(
        fmt::format("the sustained write covered only {:.0f} MiB, too little to tell", written_mib));
  }
  b.bytes_written = Fact<std::uint64_t>::known(r.bytes_written, source);
  b.duration_s = Fact<double>::known(r.duration_s, source);
  b.caveats = r.caveats;
  return b;
}

BenchFacts to_bench_facts_failed(const std::string& target, const Error& error) {
  BenchFacts b;
  b.target = target;
  // The reason is the error itself: the facts sit under the speed test, and
  // the finding already says the test did not complete.
  const std::string why = error.describe();
  for_each_slot(b, [&](Fact<BenchFigure>& f) { f = Fact<BenchFigure>::unknown(why); });
  b.seq_read_mbps = Fact<double>::unknown(why);
  b.seq_write_mbps = Fact<double>::unknown(why);
  b.method = Fact<std::string>::unknown(why);
  b.rand_write_latency = Fact<BenchLatency>::unknown(why);
  b.cache_cliff = Fact<BenchCliff>::unknown(why);
  b.bytes_written = Fact<std::uint64_t>::unknown(why);
  b.duration_s = Fact<double>::unknown(why);
  return b;
}

}  // namespace vmstick::bench
