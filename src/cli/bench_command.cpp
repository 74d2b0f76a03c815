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
#include "core/report/bench_text.hpp"
#include "core/report/report_resources.hpp"
#include "core/report/text_summary.hpp"
#include "cli/stop_signals.hpp"
#include "cli/terminal.hpp"

namespace vmstick::cli {
namespace {

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
  const Lang lang = pick_language(common);
  if (show_progress) progress = [lang](std::string_view step, double f) { draw_progress(progress_text(step, lang), f); };
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

  std::fputs(bench_text(*result, plan, lang).c_str(), stdout);
  std::fputs("\n", stdout);
  std::fputs(text_summary(check, catalog, lang, host_fix_os(backend)).c_str(), stdout);

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
