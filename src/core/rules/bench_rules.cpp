// SPDX-License-Identifier: GPL-3.0-or-later
// Rules about the measured speed of the target drive. Thresholds are the
// reference points in core/bench/speed_class.hpp: a VM's disk mostly does
// small random I/O at queue depth 1, so those figures decide.
#include <fmt/format.h>

#include "core/bench/speed_class.hpp"
#include "core/rules/rule.hpp"

namespace vmstick {
namespace {

using namespace bench;

std::string num(double v) { return fmt::format("{:.0f}", v); }

bool below(const Fact<BenchFigure>& f, double limit) { return f.is_known() && f.value().median < limit; }
bool at_least(const Fact<BenchFigure>& f, double limit) { return f.is_known() && f.value().median >= limit; }

void not_measured(const BenchFacts& b, FindingSink& sink) {
  if (b.method.is_known()) return;
  sink.add("bench.not_measured", b.target, {{"target", b.target}, {"reason", b.method.reason()}});
}

void fallback_method(const BenchFacts& b, FindingSink& sink) {
  if (b.method.is("flush_bounded")) sink.add("bench.fallback_method", b.target, {{"target", b.target}});
}

void random_io(const BenchFacts& b, FindingSink& sink) {
  const auto& w = b.rand_write_qd1;
  const auto& r = b.rand_read_qd1;
  if (!w.is_known() || !r.is_known()) return;
  Evidence ev{{"target", b.target},
              {"write_iops", num(w.value().median)},
              {"read_iops", num(r.value().median)},
              {"wtg_iops", num(kWtgRandomIops)}};
  bool slow = false;
  if (below(w, kCheapUsb3WriteIops)) {
    sink.add("bench.random_write_slow", b.target, ev);
    slow = true;
  }
  if (below(r, kCheapUsb3ReadIops)) {
    sink.add("bench.random_read_slow", b.target, ev);
    slow = true;
  }
  if (!slow && (below(w, kWtgRandomIops) || below(r, kWtgRandomIops))) sink.add("bench.random_below_wtg", b.target, ev);
}

void sequential(const BenchFacts& b, FindingSink& sink) {
  if (!below(b.seq_read_qd8, kUsb2StickTopMbps)) return;
  sink.add("bench.sequential_usb2_class", b.target,
           {{"target", b.target}, {"read_mbps", num(b.seq_read_qd8.value().median)}});
}

void cache_cliff(const BenchFacts& b, FindingSink& sink) {
  const auto* c = b.cache_cliff.get();
  if (!c || !c->found) return;
  sink.add("bench.cache_cliff", b.target,
           {{"target", b.target},
            {"after_mib", num(c->after_mib)},
            {"before_mbps", num(c->before_mbps)},
            {"after_mbps", num(c->after_mbps)}});
}

void fast_enough(const BenchFacts& b, FindingSink& sink) {
  if (at_least(b.rand_write_qd1, kWtgRandomIops) && at_least(b.rand_read_qd1, kWtgRandomIops) &&
      at_least(b.seq_read_qd8, kWtgSequentialMbps) && at_least(b.seq_write_qd8, kWtgSequentialMbps)) {
    sink.add("bench.meets_windows_to_go", b.target,
             {{"target", b.target},
              {"write_iops", num(b.rand_write_qd1.value().median)},
              {"read_iops", num(b.rand_read_qd1.value().median)}});
  }
}

// Each rule sees the speed test only when the user ran it.
std::function<void(const FactSet&, FindingSink&)> on_bench(void (*rule)(const BenchFacts&, FindingSink&)) {
  return [rule](const FactSet& facts, FindingSink& sink) {
    if (facts.bench) rule(*facts.bench, sink);
  };
}

}  // namespace

void register_bench_rules(RuleRegistry& registry) {
  registry.add(Rule{"bench.not_measured", {"bench.not_measured"}, on_bench(not_measured)});
  registry.add(Rule{"bench.method", {"bench.fallback_method"}, on_bench(fallback_method)});
  registry.add(Rule{"bench.random_io",
                    {"bench.random_write_slow", "bench.random_read_slow", "bench.random_below_wtg"},
                    on_bench(random_io)});
  registry.add(Rule{"bench.sequential", {"bench.sequential_usb2_class"}, on_bench(sequential)});
  registry.add(Rule{"bench.cache_cliff", {"bench.cache_cliff"}, on_bench(cache_cliff)});
  registry.add(Rule{"bench.fast_enough", {"bench.meets_windows_to_go"}, on_bench(fast_enough)});
}

}  // namespace vmstick
