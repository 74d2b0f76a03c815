// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/report/report_resources.hpp"

#include <nlohmann/json.hpp>

#include "core/embedded_file.hpp"

namespace vmstick {

extern const EmbeddedFile kReportFiles[];
extern const std::size_t kReportFiles_count;

namespace {

const nlohmann::json& table(std::string_view file) {
  // Parsed once; a broken table is a build defect caught by the report tests,
  // and degrades to showing keys rather than crashing.
  static const nlohmann::json strings = nlohmann::json::parse(report_resource("strings.json"), nullptr, false);
  static const nlohmann::json labels = nlohmann::json::parse(report_resource("fact_labels.json"), nullptr, false);
  return file == "strings.json" ? strings : labels;
}

std::string lookup(std::string_view file, std::string_view key, Lang lang) {
  const auto& t = table(file);
  if (!t.is_object()) return {};
  auto it = t.find(std::string(key));
  if (it == t.end() || !it->is_object()) return {};
  const std::string l(to_string(lang));
  if (it->contains(l) && (*it)[l].is_string()) return (*it)[l].get<std::string>();
  if (it->contains("en") && (*it)["en"].is_string()) return (*it)["en"].get<std::string>();
  return {};
}

}  // namespace

std::string_view report_resource(std::string_view name) {
  for (std::size_t i = 0; i < kReportFiles_count; ++i) {
    if (name == kReportFiles[i].name) return kReportFiles[i].text();
  }
  return {};
}

std::string report_string(std::string_view key, Lang lang) {
  std::string s = lookup("strings.json", key, lang);
  return s.empty() ? std::string(key) : s;
}

std::string report_string(std::string_view key, const Evidence& args, Lang lang) {
  return fill_placeholders(report_string(key, lang), args);
}

std::string labelled_text(std::string_view label, std::string_view text, Lang lang) {
  return report_string("text_label", {{"label", std::string(label)}, {"text", std::string(text)}}, lang);
}

std::string hypervisor_detail(std::string_view key, const Evidence& args, Lang lang) {
  if (key.empty()) return {};
  const std::string s = lookup("strings.json", "hvdetail_" + std::string(key), lang);
  return s.empty() ? s : fill_placeholders(s, args);
}

std::string progress_text(std::string_view step, Lang lang) {
  const std::string s = lookup("strings.json", "progress_" + std::string(step), lang);
  if (!s.empty()) return s;
  // A speed-test phase: its figure's name.
  const std::string figure = lookup("fact_labels.json", step, lang);
  if (!figure.empty()) return fill_placeholders(report_string("progress_phase", lang), {{"figure", figure}});
  return std::string(step);
}

std::string fact_label(std::string_view key, Lang lang) {
  std::string s = lookup("fact_labels.json", key, lang);
  if (!s.empty()) return s;
  std::string out(key);
  for (auto& c : out) {
    if (c == '_') c = ' ';
  }
  if (!out.empty() && out[0] >= 'a' && out[0] <= 'z') out[0] = static_cast<char>(out[0] - 'a' + 'A');
  return out;
}

std::string severity_name(Severity s, Lang lang) { return report_string("sev_" + std::string(to_string(s)), lang); }

std::string area_name(Area a, Lang lang) { return report_string("area_" + std::string(to_string(a)), lang); }

}  // namespace vmstick
