// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/bench_command.hpp"

#include <fmt/format.h>

#include <cstdio>
#include <nlohmann/json.hpp>

#include "core/atomic_write.hpp"
#include "core/bench/bench_facts_from.hpp"
#include "core/bench/bench_runner.hpp"
#include "core/engine/check.hpp"
#include "core/facts/fact_json.hpp"
#include "core/log/log.hpp"
#include "core/report/text_summary.hpp"
#include "cli/stop_signals.hpp"
#include "cli/terminal.hpp"

namespace vmstick::cli {
namespace {

std::string figure_line(const bench::Figure& f) {
  const int prec = f.unit == "MB/s" ? 1 : 0;
  return fmt::format("  {:<28} {:>9.{}f} {:<4}  (runs {:.{}f}–{:.{}f}, class {})\n", f.label, f.value.median, prec,
                     f.unit, f.value.min, prec, f.value.max, prec, bench::to_string(f.speed_class));
}

std::string result_text(const bench::BenchResult& r, const bench::Plan& plan) {
  std::string out = fmt::format("Speed test of {} ({} I/O, {} MiB test file)\n", r.target.string(),
                                bench::to_string(r.method), plan.file_bytes / bench::kMiB);
  for (const bench::Figure& f : r.figures) out += figure_line(f);
  if (r.write_latency) {
    out += fmt::format("  Random write 4 KiB QD1 latency: p50 {:.2f} ms, p99 {:.2f} ms, max {:.2f} ms ({} requests)\n",
                       r.write_latency->p50_ms, r.write_latency->p99_ms, r.write_latency->max_ms,
                       r.write_latency->samples);
  }
  const double sustained_mib = static_cast<double>(r.sustained_mbps.size() * r.sustained_window) / bench::kMiB;
  if (!r.cliff) {
    out += fmt::format("  Sustained write: {:.0f} MiB written, too little to look for a cache cliff\n", sustained_mib);
  } else if (r.cliff->found) {
    out += fmt::format("  Sustained write: cache cliff after {:.0f} MiB, {:.1f} → {:.1f} MB/s\n",
                       static_cast<double>(r.cliff->after_bytes) / bench::kMiB, r.cliff->before_mbps, r.cliff->after_mbps);
  } else {
    out += fmt::format("  Sustained write: no cache cliff within {:.0f} MiB ({:.1f} MB/s)\n", sustained_mib,
                       r.cliff->before_mbps);
  }
  out += fmt::format("Written: {:.1f} MiB, read: {:.1f} MiB, in {:.1f} s. The temp file was removed.\n",
                     static_cast<double>(r.bytes_written) / bench::kMiB, static_cast<double>(r.bytes_read) / bench::kMiB,
                     r.duration_s);
  for (const std::string& c : r.caveats) out += "Note: " + c + "\n";
  return out;
}

nlohmann::json plan_json(const bench::Plan& plan) {
  nlohmann::json phases = nlohmann::json::array();
  for (const bench::Phase& p : plan.phases) {
    phases.push_back({{"id", p.id},
                      {"op", p.op == bench::Op::Read ? "read" : "write"},
                      {"pattern", p.pattern == bench::Pattern::Random ? "random" : "sequential"},
                      {"block", p.block},
                      {"queue_depth", p.queue_depth},
                      {"runs", p.runs},
                      {"seconds_per_run", p.seconds_per_run},
                      {"bytes_per_run", p.bytes_per_run}});
  }
  return {{"file_bytes", plan.file_bytes},
          {"write_budget", plan.write_budget()},
          {"sustained_bytes", plan.sustained_bytes},
          {"sustained_seconds", plan.sustained_seconds},
          {"phases", phases}};
}

}  // namespace

void add_bench_command(CLI::App& app, BenchOptions& opts) {
  auto* cmd = app.add_subcommand(
      "bench", "Measure a drive's speed. Writes one temporary file (at most 256 MiB written in total) in a folder it "
               "creates inside PATH and removes it afterwards; naming PATH is your consent.");
  cmd->add_option("PATH", opts.path, "A folder on the drive to test (for example its mount point)")->required();
  cmd->add_option("--json", opts.json_file, "Also write the result as JSON to FILE")->option_text("FILE");
  cmd->add_option("--size", opts.size_mib, "Size of the test file in MiB, 8 to 103 (default 64; larger files would exceed the 256 MiB write budget)")
      ->check(CLI::Range(8u, 103u))
      ->option_text("MiB");
  std::vector<std::string> ids;
  for (const bench::Phase& p : bench::default_plan().phases) ids.push_back(p.id);
  std::string list;
  for (const auto& id : ids) list += (list.empty() ? "" : ", ") + id;
  cmd->add_option("--only", opts.only,
                  "Measure only these figures (comma-separated; the sustained write that fills the test file always "
                  "runs): " + list)
      ->delimiter(',')
      ->check(CLI::IsMember(ids))
      ->option_text("ID[,ID...]");
}

int run_bench_command(const CommonOptions& common, const BenchOptions& opts, const Backend& backend) {
  auto io = bench::make_platform_bench_io();
  if (!io) {
    std::fputs("The speed test is not available on this operating system.\n", stderr);
    return kExitError;
  }
  const bench::Plan plan = opts.only.empty() ? bench::default_plan(opts.size_mib)
                                             : bench::only_phases(bench::default_plan(opts.size_mib), opts.only);
  CancelToken cancel;
  const bool show_progress = stderr_is_terminal() && !common.quiet;
  ProgressFn progress;
  if (show_progress) progress = [](std::string_view step, double f) { draw_progress(step, f); };
  auto result = [&] {
    const StopSignalsCancel stop_on_ctrl_c(cancel);
    return bench::run_bench(*io, opts.path, plan, cancel, progress);
  }();
  if (show_progress) finish_progress();

  if (!result) {
    std::fprintf(stderr, "vmstick bench: %s\n", result.error().describe().c_str());
    return kExitError;
  }
  CheckResult check;
  check.backend = std::string(backend.name());
  check.generated_at = utc_timestamp();
  check.facts.bench = bench::to_bench_facts(*result);
  RuleRegistry rules;
  register_bench_rules(rules);
  const Catalog& catalog = Catalog::builtin();
  check.findings = rules.evaluate(check.facts, catalog);

  std::fputs(result_text(*result, plan).c_str(), stdout);
  std::fputs("\n", stdout);
  std::fputs(text_summary(check, catalog, pick_language(common), host_fix_os(backend)).c_str(), stdout);

  if (!opts.json_file.empty()) {
    nlohmann::json j = {{"generated_at", check.generated_at},
                        {"bench", to_json(*check.facts.bench)},
                        {"plan", plan_json(plan)},
                        {"sustained_mbps", result->sustained_mbps},
                        {"sustained_window", result->sustained_window},
                        {"bytes_read", result->bytes_read}};
    if (auto st = write_file_atomically(opts.json_file, j.dump(2) + "\n"); !st) {
      log::get("cli")->error("cannot write the JSON result: {}", st.error().describe());
      return kExitError;
    }
  }
  return exit_code_for(worst(check.findings));
}

}  // namespace vmstick::cli
