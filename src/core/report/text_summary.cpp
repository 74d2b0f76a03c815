// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/report/text_summary.hpp"

#include <fmt/format.h>

#include "core/report/json_report.hpp"
#include "core/report/report_resources.hpp"
#include "core/report/verdict_words.hpp"
#include "core/text.hpp"

namespace vmstick {
namespace {

using nlohmann::json;

// Fixed-width ASCII badges keep the column straight in any language and in
// terminals without CJK fonts; the words beside them are translated.
std::string_view badge(std::string_view severity) {
  if (severity == "ok") return "[ OK ]";
  if (severity == "info") return "[INFO]";
  if (severity == "warning") return "[WARN]";
  if (severity == "blocker") return "[FAIL]";
  return "[ ?? ]";
}

// Indents every line of a paragraph so multi-line fixes stay readable.
std::string indented(std::string_view text, std::string_view prefix) {
  std::string out;
  for (std::string_view line : split_lines(text)) {
    out += prefix;
    out += printable(line);
    out += '\n';
  }
  return out;
}

std::string labelled(std::string_view label_key, const std::string& text, Lang lang) {
  return labelled_text(report_string(label_key, lang), text, lang) + "\n";
}

// The value of a known fact in a report's facts; nullptr when unknown.
const json* known_value(const json& facts, const char* key) {
  if (!facts.is_object()) return nullptr;
  auto it = facts.find(key);
  if (it == facts.end() || !it->is_object()) return nullptr;
  auto v = it->find("value");
  return v == it->end() || v->is_null() ? nullptr : &*v;
}

std::string fact_text(const json& facts, const char* key, Lang lang) {
  const json* v = known_value(facts, key);
  if (v && v->is_string()) return printable(v->get<std::string>());
  if (v && v->is_number()) return v->dump();
  return report_string("unknown", lang);
}

std::string host_line(const json& report, Lang lang) {
  const json none = json::object();
  const json& all = report.contains("facts") ? report["facts"] : none;
  const json& facts = all.is_object() && all.contains("host") ? all["host"] : none;
  // A command that did not look at the host (bench) has nothing to say here.
  const bool any = known_value(facts, "cpu_vendor") || known_value(facts, "cpu_model") || known_value(facts, "os") ||
                   known_value(facts, "arch");
  if (!any) return {};
  std::string text = fact_text(facts, "cpu_vendor", lang) + " " + fact_text(facts, "cpu_model", lang);
  if (const json* cpus = known_value(facts, "logical_cpus"); cpus && cpus->is_number()) {
    text += fill_placeholders(report_string("text_logical_cpus", lang), {{"n", cpus->dump()}});
  }
  text += fill_placeholders(report_string("text_platform", lang),
                            {{"os", fact_text(facts, "os", lang)}, {"arch", fact_text(facts, "arch", lang)}});
  return labelled("text_host", text, lang);
}

std::string hypervisor_lines(const json& report, Lang lang) {
  std::string out;
  for (const auto& h : report.value("hypervisors", json::array())) {
    out += hypervisor_line(h, lang) + "\n";
    if (const std::string detail = hypervisor_words(h, lang).detail; !detail.empty()) out += indented(detail, "        ");
  }
  return out;
}

}  // namespace

std::string text_summary(const CheckResult& result, const Catalog& catalog, Lang lang, FixOs os,
                         TextSummaryParts parts) {
  // Worded from the same JSON the reports are written from, so the terminal,
  // the GUI's copied summary and the HTML report never disagree.
  const json report = report_json(result, catalog, lang, os);
  std::string out = host_line(report, lang);
  if (!out.empty()) out += '\n';
  int counts[4] = {0, 0, 0, 0};
  for (const auto& f : report["findings"]) {
    const std::string severity = json_text(f, "severity");
    if (auto s = severity_from_string(severity)) ++counts[static_cast<int>(*s)];
    out += fmt::format("{}  {}\n", badge(severity), printable(json_text(f, "title")));
    out += indented(json_text(f, "explanation"), "        ");
    const std::string fix = json_text(f, "fix");
    if (!fix.empty()) {
      out += "        " + report_string("text_fix", lang) + "\n";
      out += indented(fix, "          ");
    }
    out += '\n';
  }
  if (const std::string lines = hypervisor_lines(report, lang); !lines.empty()) out += lines + "\n";
  if (parts.prediction) out += labelled("prediction", prediction_words(report["prediction"], lang), lang);
  const json& score = report["score"];
  std::string score_text = fill_placeholders(report_string("text_score", lang), {{"score", score["total"].dump()}});
  if (score.value("capped_by_blocker", false)) score_text += report_string("text_capped", lang);
  out += labelled("score", score_text, lang);
  if (result.cancelled) out += report_string("text_cancelled", lang) + "\n";
  out += labelled("text_summary",
                  fill_placeholders(report_string("text_counts", lang), {{"blocker", std::to_string(counts[3])},
                                                                        {"warning", std::to_string(counts[2])},
                                                                        {"info", std::to_string(counts[1])},
                                                                        {"ok", std::to_string(counts[0])}}),
                  lang);
  return out;
}

}  // namespace vmstick
