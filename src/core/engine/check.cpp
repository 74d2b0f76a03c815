// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/engine/check.hpp"

#include <fmt/chrono.h>

#include <algorithm>
#include <chrono>
#include <ctime>

#include "core/log/log.hpp"

namespace vmstick {

std::string utc_timestamp() {
  std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", fmt::gmtime(now));
}

CheckResult run_check(const ProbeRegistry& probes, const RuleRegistry& rules, const Catalog& catalog,
                      const ProbeContext& ctx, std::string_view backend_name) {
  auto log = log::get("engine");
  CheckResult result;
  result.backend = std::string(backend_name);
  result.generated_at = utc_timestamp();
  const auto& list = probes.probes();
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (ctx.cancel.cancelled()) {
      log->info("check cancelled before probe '{}'", list[i]->name());
      break;
    }
    if (ctx.progress) ctx.progress(list[i]->name(), static_cast<double>(i) / static_cast<double>(list.size()));
    log->debug("running probe '{}'", list[i]->name());
    list[i]->run(ctx, result.facts);
  }
  // Cancelled before a probe, or inside one that honoured it mid-run (the
  // speed test): either way the facts are partial.
  result.cancelled = ctx.cancel.cancelled();
  if (ctx.progress) ctx.progress("rules", 1.0);
  result.findings = rules.evaluate(result.facts, catalog);
  log->info("check done: {} findings, worst {}", result.findings.size(), to_string(worst(result.findings)));
  return result;
}

Severity worst(const std::vector<Finding>& findings) {
  Severity s = Severity::ok;
  for (const auto& f : findings) s = std::max(s, f.severity);
  return s;
}

}  // namespace vmstick
