// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/report/json_report.hpp"

#include "core/facts/fact_json.hpp"
#include "core/report/report_resources.hpp"
#include "core/score/verdict.hpp"
#include "core/version.hpp"

namespace vmstick {
namespace {

nlohmann::json score_json(const Score& score) {
  nlohmann::json areas = nlohmann::json::array();
  for (const auto& a : score.areas) {
    nlohmann::json contributions = nlohmann::json::array();
    for (const auto& c : a.contributions) {
      contributions.push_back({{"finding", c.finding_id},
                               {"subject", c.subject},
                               {"severity", to_string(c.severity)},
                               {"area_points", c.area_points},
                               {"total_points", c.total_points}});
    }
    areas.push_back({{"area", to_string(a.area)},
                     {"weight", a.weight},
                     {"assessed", a.assessed},
                     {"score", a.assessed ? nlohmann::json(a.score) : nlohmann::json(nullptr)},
                     {"contributions", contributions}});
  }
  return {{"total", score.total}, {"capped_by_blocker", score.capped_by_blocker}, {"areas", areas}};
}

nlohmann::json prediction_json(const Verdict& v) {
  if (!v.prediction) {
    return {{"available", false}, {"reason_code", v.no_prediction_code}, {"reason", v.no_prediction_reason}};
  }
  const Prediction& p = *v.prediction;
  return {
      {"available", true},
      {"boot_seconds", p.boot_seconds},
      {"read_seconds", p.read_seconds},
      {"write_seconds", p.write_seconds},
      {"base_seconds", p.base_seconds},
      {"feel", to_string(p.feel)},
      {"storage",
       {{"measured", p.storage.measured},
        {"basis", p.storage.basis},
        {"basis_code", p.storage.basis_code},
        {"seq_read_mbps", p.storage.seq_read_mbps},
        {"seq_write_mbps", p.storage.seq_write_mbps},
        {"rand_read_iops", p.storage.rand_read_iops},
        {"rand_write_iops", p.storage.rand_write_iops}}},
      {"guest", {{"profile", p.guest.name}, {"source", p.guest.source}}},
  };
}

nlohmann::json hypervisors_json(const Verdict& v) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& h : v.hypervisors) {
    nlohmann::json args = nlohmann::json::object();
    for (const auto& [k, val] : h.detail_args) args[k] = val;
    // "detail" is the English sentence, as evidence is English in every
    // language; detail_key and detail_args let a reader word it anew.
    out.push_back({{"name", h.name},
                   {"version", h.version},
                   {"outlook", to_string(h.outlook)},
                   {"reason", h.reason},
                   {"detail", hypervisor_detail(h.detail_key, h.detail_args, Lang::en)},
                   {"detail_key", h.detail_key},
                   {"detail_args", args}});
  }
  return out;
}

}  // namespace

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
  const Verdict verdict = make_verdict(result, catalog);
  return {
      {"schema_version", kReportSchemaVersion},
      {"score", score_json(verdict.score)},
      {"prediction", prediction_json(verdict)},
      {"hypervisors", hypervisors_json(verdict)},
      {"redacted", false},
      {"tool", {{"name", "vmstick"}, {"version", kVersion}}},
      {"generated_at", result.generated_at},
      {"backend", result.backend},
      {"language", to_string(lang)},
      {"cancelled", result.cancelled},
      {"verdict", to_string(verdict.worst)},
      {"findings", findings},
      {"facts", to_json(result.facts)},
  };
}

}  // namespace vmstick
