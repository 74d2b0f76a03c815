// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/report/html_report.hpp"

#include <fmt/format.h>

#include <cmath>
#include <kainjow/mustache.hpp>

#include "core/facts/applicability.hpp"
#include "core/report/bench_words.hpp"
#include "core/report/report_resources.hpp"
#include "core/report/verdict_words.hpp"
#include "core/text.hpp"

namespace vmstick {
namespace {

using kainjow::mustache::data;
using kainjow::mustache::mustache;
using nlohmann::json;

std::string human_bytes(double bytes) {
  static const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
  int u = 0;
  while (bytes >= 1024 && u < 5) {
    bytes /= 1024;
    ++u;
  }
  return u == 0 ? fmt::format("{:.0f} {}", bytes, units[u]) : fmt::format("{:.1f} {}", bytes, units[u]);
}

std::string format_value(const std::string& key, const json& v, Lang lang) {
  if (v.is_boolean()) return report_string(v.get<bool>() ? "yes" : "no", lang);
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number()) {
    const bool bytes = key.size() > 6 && key.compare(key.size() - 6, 6, "_bytes") == 0;
    if (bytes && v.is_number_unsigned()) {
      auto n = v.get<std::uint64_t>();
      return fmt::format("{} ({} bytes)", human_bytes(static_cast<double>(n)), n);
    }
    if (v.is_number_float()) return fmt::format("{:.4g}", v.get<double>());
    return v.dump();
  }
  // Records such as an installed hypervisor read as "name version".
  if (v.is_object() && v.contains("name") && v["name"].is_string()) {
    std::string out = v["name"].get<std::string>();
    if (v.contains("version") && v["version"].is_string() && !v["version"].get<std::string>().empty()) {
      out += " " + v["version"].get<std::string>();
    }
    return out;
  }
  if (v.is_array()) {
    std::string out;
    for (const auto& e : v) {
      if (!out.empty()) out += e.is_string() ? " " : ", ";
      out += e.is_string() ? e.get<std::string>() : format_value(key, e, lang);
    }
    return out;
  }
  return v.dump();
}

bool is_fact(const json& v) { return v.is_object() && v.contains("value") && (v.contains("source") || v.contains("unknown")); }

// Flattens one area's facts into label/value rows; nested groups and lists of
// objects (partitions, chain links) get "group › field" labels.
void add_rows(const json& obj, const std::string& prefix, Lang lang, data& rows) {
  for (const auto& [key, v] : obj.items()) {
    const std::string label = prefix.empty() ? fact_label(key, lang) : prefix + " › " + fact_label(key, lang);
    data row;
    row.set("label", label);
    if (is_fact(v)) {
      const bool known = !v["value"].is_null();
      row.set("known", known);
      if (known) {
        const json& value = v["value"];
        if (auto words = bench_record_words(value, lang)) {
          row.set("value", *words);
          row.set("source", json_text(v, "source"));
          rows.push_back(row);
          continue;
        }
        if (value.is_object()) {
          add_rows(value, label, lang, rows);
          continue;
        }
        row.set("value", format_value(key, value, lang));
        row.set("source", json_text(v, "source"));
      } else {
        // A fact of another OS can never be known on this computer.
        if (is_other_os_only(json_text(v, "unknown"))) continue;
        row.set("reason", json_text(v, "unknown"));
      }
    } else if (v.is_object()) {
      add_rows(v, label, lang, rows);
      continue;
    } else if (v.is_array() && !v.empty() && v.front().is_object()) {
      for (std::size_t i = 0; i < v.size(); ++i) add_rows(v[i], fmt::format("{} {}", label, i + 1), lang, rows);
      continue;
    } else if (v.is_null()) {
      continue;
    } else {
      row.set("known", true);
      row.set("value", format_value(key, v, lang));
      row.set("source", "");
    }
    rows.push_back(row);
  }
}

data section(const std::string& title, const json& facts, Lang lang) {
  data rows{data::type::list};
  add_rows(facts, "", lang, rows);
  data s;
  s.set("title", title);
  s.set("rows", rows);
  return s;
}

data fact_sections(const json& facts, Lang lang) {
  data sections{data::type::list};
  if (facts.contains("host")) sections.push_back(section(report_string("section_host", lang), facts["host"], lang));
  const std::string target = json_text(facts, "target_drive");
  if (facts.contains("drives") && facts["drives"].is_array()) {
    for (const auto& d : facts["drives"]) {
      const std::string id = json_text(d, "id");
      const std::string title =
          report_string(id == target ? "section_drive" : "section_drives", lang) + (id.empty() ? "" : ": " + id);
      sections.push_back(section(title, d, lang));
    }
  }
  if (facts.contains("image") && facts["image"].is_object()) {
    sections.push_back(section(report_string("section_image", lang), facts["image"], lang));
  }
  if (facts.contains("bench") && facts["bench"].is_object()) {
    sections.push_back(section(report_string("section_bench", lang), facts["bench"], lang));
  }
  return sections;
}

data findings_list(const json& report, Lang lang) {
  data list{data::type::list};
  for (const auto& f : report.value("findings", json::array())) {
    const std::string sev = json_text(f, "severity");
    data d;
    d.set("sev_class", "sev-" + sev);
    d.set("sev_label", report_string("sev_" + sev, lang));
    d.set("title", json_text(f, "title"));
    d.set("explanation", json_text(f, "explanation"));
    const std::string fix = json_text(f, "fix");
    if (!fix.empty()) d.set("fix", fix);
    d.set("id", json_text(f, "id"));
    const std::string subject = json_text(f, "subject");
    if (!subject.empty() && subject != "host") d.set("subject", subject);
    data evidence{data::type::list};
    bool any = false;
    if (f.contains("evidence") && f["evidence"].is_object()) {
      for (const auto& [k, v] : f["evidence"].items()) {
        data e;
        e.set("k", k);
        e.set("v", v.is_string() ? v.get<std::string>() : v.dump());
        evidence.push_back(e);
        any = true;
      }
    }
    d.set("has_evidence", any);
    d.set("evidence", evidence);
    list.push_back(d);
  }
  return list;
}

data area_rows(const json& score, Lang lang) {
  data list{data::type::list};
  for (const auto& a : score.value("areas", json::array())) {
    data d;
    auto area = area_from_string(json_text(a, "area"));
    d.set("name", area ? area_name(*area, lang) : json_text(a, "area"));
    const bool assessed = a.value("assessed", false) && a["score"].is_number();
    d.set("assessed", assessed);
    if (assessed) {
      const int s = a["score"].get<int>();
      d.set("score", std::to_string(s));
      d.set("width", std::to_string(s * 2));
      d.set("cls", s < 40 ? "low" : s < 75 ? "mid" : "high");
    }
    list.push_back(d);
  }
  return list;
}

data hypervisor_rows(const json& report, Lang lang) {
  data list{data::type::list};
  for (const auto& h : report.value("hypervisors", json::array())) {
    data d;
    d.set("name", json_text(h, "name"));
    const std::string version = json_text(h, "version");
    if (!version.empty()) d.set("version", version);
    d.set("outlook", json_text(h, "outlook"));
    const HypervisorWords words = hypervisor_words(h, lang);
    d.set("outlook_text", words.outlook);
    d.set("reason_text", words.reason);
    if (!words.detail.empty()) d.set("detail", words.detail);
    list.push_back(d);
  }
  return list;
}

}  // namespace

std::string html_escape_text(const std::string& s) {
  const std::string clean = printable(s);
  std::string out;
  out.reserve(clean.size() + clean.size() / 8);
  for (char c : clean) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

Result<std::string> render_html_report(const json& report, Lang lang) {
  mustache tmpl{std::string(report_resource("report.html.mustache"))};
  if (!tmpl.is_valid()) {
    return make_error(ErrorCode::Corrupt, "the built-in report template is invalid: " + tmpl.error_message(),
                      "report.html.mustache");
  }
  // printable() keeps newlines out of multi-line fixes; restore them per line.
  tmpl.set_custom_escape([](const std::string& s) {
    std::string out;
    for (std::string_view line : split_lines(s)) {
      if (!out.empty()) out += '\n';
      out += html_escape_text(std::string(line));
    }
    return out;
  });

  data strings;
  for (const char* key : {"doc_title", "subtitle", "score", "out_of", "breakdown", "not_assessed", "prediction",
                          "findings", "no_findings", "fix", "evidence", "facts", "unknown", "source", "hypervisors", "no_hypervisors",
                          "redacted_note", "cancelled_note", "plan"}) {
    strings.set(key, report_string(key, lang));
  }
  const std::string verdict = json_text(report, "verdict");
  const json& score = report.contains("score") ? report["score"] : json::object();
  const int total = score.value("total", 0);

  data view;
  view.set("s", strings);
  view.set("lang_attr", lang == Lang::zh_CN ? "zh-CN" : "en");
  view.set("css", std::string(report_resource("report.css")));
  view.set("version", json_text(report.value("tool", json::object()), "version"));
  view.set("verdict_class", "sev-" + verdict);
  view.set("verdict_text", report_string("verdict_" + verdict, lang));
  view.set("score", std::to_string(total));
  view.set("score_dash", fmt::format("{:.2f}", 314.16 * std::clamp(total, 0, 100) / 100.0));
  if (score.value("capped_by_blocker", false)) {
    view.set("capped_text", fill_placeholders(report_string("capped", lang), {{"cap", "20"}}));
  }
  view.set("areas", area_rows(score, lang));
  view.set("prediction_text", prediction_words(report.value("prediction", json::object()), lang));
  view.set("findings", findings_list(report, lang));
  view.set("hypervisors", hypervisor_rows(report, lang));
  view.set("has_hypervisors", report.contains("hypervisors") && !report["hypervisors"].empty());
  view.set("sections", fact_sections(report.value("facts", json::object()), lang));
  // Only a report exported from the wizard carries a plan.
  if (report.contains("plan") && report["plan"].is_object()) {
    const std::string text = json_text(report["plan"], "text");
    if (!text.empty()) view.set("plan_text", text);
  }
  view.set("redacted", report.value("redacted", false));
  view.set("cancelled", report.value("cancelled", false));
  view.set("footer", fill_placeholders(report_string("footer", lang),
                                       {{"version", json_text(report.value("tool", json::object()), "version")},
                                        {"backend", json_text(report, "backend")},
                                        {"time", json_text(report, "generated_at")}}));
  std::string html = tmpl.render(view);
  if (!tmpl.is_valid()) return make_error(ErrorCode::Corrupt, "rendering the report failed: " + tmpl.error_message());
  return html;
}

}  // namespace vmstick
