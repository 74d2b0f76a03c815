// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/report/json_report.hpp"

#include "core/facts/fact_json.hpp"
#include "core/version.hpp"

namespace vmstick {

nlohmann::json report_json(const CheckResult& result, const Catalog& catalog, Lang lang, FixOs os) {
  nlohmann::json findings = nlohmann::json::array();
  for (const auto& f : result.findings) {
    RenderedFinding r = render(f, catalog, lang, os);
    nlohmann::json evidence = nlohmann::json::object();
    for (const auto& [k, v] : r.evidence) evidence[k] = v;
    findings.push_back({
        {"id", r.id},
        {"severity", to_string(r.severity)},
        {"area", to_string(r.area)},
        {"subject", r.subject},
        {"title", r.title},
        {"explanation", r.explanation},
        {"fix", r.fix},
        {"evidence", evidence},
    });
  }
  return {
      {"schema_version", kReportSchemaVersion},
      {"tool", {{"name", "vmstick"}, {"version", kVersion}}},
      {"generated_at", result.generated_at},
      {"backend", result.backend},
      {"language", to_string(lang)},
      {"cancelled", result.cancelled},
      {"verdict", to_string(worst(result.findings))},
      {"findings", findings},
      {"facts", to_json(result.facts)},
  };
}

}  // namespace vmstick
