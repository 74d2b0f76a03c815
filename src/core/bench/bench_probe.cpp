// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/bench/bench_probe.hpp"

#include "core/bench/bench_facts_from.hpp"
#include "core/bench/bench_runner.hpp"

namespace vmstick::bench {
namespace {

class BenchProbe final : public Probe {
 public:
  explicit BenchProbe(std::shared_ptr<BenchIo> io) : io_(std::move(io)) {}
  std::string_view name() const override { return "bench"; }

  void run(const ProbeContext& ctx, FactSet& facts) const override {
    if (!ctx.request.bench) return;  // no consent, no write
    if (!ctx.request.drive) {
      facts.bench = to_bench_facts_failed(
          "", make_error(ErrorCode::InvalidArgument, "The speed test needs a folder on the drive (--drive PATH)."));
      return;
    }
    const std::string& target = *ctx.request.drive;
    if (!io_) {
      facts.bench = to_bench_facts_failed(
          target, make_error(ErrorCode::NotSupported, "This build has no speed test for this operating system."));
      return;
    }
    auto r = run_bench(*io_, target, default_plan(), ctx.cancel, ctx.progress);
    facts.bench = r ? to_bench_facts(*r) : to_bench_facts_failed(target, r.error());
  }

 private:
  std::shared_ptr<BenchIo> io_;
};

}  // namespace

std::unique_ptr<Probe> make_bench_probe(std::shared_ptr<BenchIo> io) {
  return std::make_unique<BenchProbe>(std::move(io));
}

}  // namespace vmstick::bench
