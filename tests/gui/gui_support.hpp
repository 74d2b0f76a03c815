// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Fake check jobs for the widget tests: results built from fixture data, no
// hardware and no real probes, so each test controls exactly what the window sees.
#include <atomic>
#include <chrono>
#include <functional>
#include <mutex>
#include <thread>

#include "app/check_runner.hpp"
#include "core/rules/rule.hpp"

namespace vmstick::test {

inline DriveFacts drive(const std::string& id, const std::string& model, std::uint64_t bytes) {
  DriveFacts d;
  d.id = id;
  d.device = Fact<std::string>::known(id, "test");
  d.model = Fact<std::string>::known(model, "test");
  d.capacity_bytes = Fact<std::uint64_t>::known(bytes, "test");
  d.removable = Fact<bool>::known(true, "test");
  return d;
}

// A job that returns whatever `fill` puts into the facts, with findings from
// the real rules. Thread-safe: fill runs on the worker.
inline gui::CheckJob facts_job(std::function<void(const CheckRequest&, FactSet&)> fill) {
  return [fill = std::move(fill)](const CheckRequest& req, const CancelToken&, const ProgressFn&) {
    CheckResult r;
    r.backend = "linux";
    fill(req, r.facts);
    RuleRegistry rules;
    register_builtin_rules(rules);
    r.findings = rules.evaluate(r.facts, Catalog::builtin());
    return r;
  };
}

// A job that "measures" until cancelled (or ~2 s pass), reporting progress.
inline gui::CheckJob slow_bench_job(std::atomic<int>* ticks) {
  return [ticks](const CheckRequest& req, const CancelToken& cancel, const ProgressFn& progress) {
    CheckResult r;
    r.backend = "linux";
    for (int i = 0; i < 200 && !cancel.cancelled(); ++i) {
      if (progress) progress("rand_write_qd1", i / 200.0);
      ++*ticks;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    r.cancelled = cancel.cancelled();
    if (!r.cancelled && req.bench) {
      BenchFacts b;
      b.seq_read_mbps = Fact<double>::known(100, "test");
      b.seq_write_mbps = Fact<double>::known(50, "test");
      b.rand_write_qd1 = Fact<BenchFigure>::known({141, 120, 160, 3, "IOPS", "cheap_usb3_stick"}, "test");
      b.cache_cliff = Fact<BenchCliff>::known({true, 60, 8, 48, 96}, "test");
      r.facts.bench = b;
    }
    return r;
  };
}

}  // namespace vmstick::test
