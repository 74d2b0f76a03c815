// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// One run of vmstick: every probe, then every rule. Runs on whatever thread
// calls it (the GUI calls it from a worker); progress goes to the callback.
#include <string>
#include <vector>

#include "core/backend.hpp"
#include "core/facts/fact_set.hpp"
#include "core/findings/catalog.hpp"
#include "core/findings/finding.hpp"
#include "core/probe.hpp"
#include "core/rules/rule.hpp"

namespace vmstick {

struct CheckResult {
  std::string backend;       // which OS backend produced the facts
  std::string generated_at;  // UTC, ISO 8601
  bool cancelled{false};
  FactSet facts;
  std::vector<Finding> findings;  // worst first
};

CheckResult run_check(const ProbeRegistry& probes, const RuleRegistry& rules, const Catalog& catalog,
                      const ProbeContext& ctx, std::string_view backend_name);

// Worst severity among the findings (ok when there are none).
Severity worst(const std::vector<Finding>& findings);

// Current time as "2026-11-23T15:04:05Z".
std::string utc_timestamp();

}  // namespace vmstick
