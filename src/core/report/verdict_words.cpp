// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/report/verdict_words.hpp"

#include <fmt/format.h>

#include "core/report/report_resources.hpp"
#include "core/text.hpp"

namespace vmstick {

using nlohmann::json;

std::string json_text(const json& object, const char* key) {
  if (!object.is_object()) return {};
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

namespace {

// The string for a code the report carries (prefix + code), or fallback when
// the code is missing or unknown to this version (a report from another one).
std::string coded(const json& object, const char* key, const std::string& prefix, const std::string& fallback,
                  Lang lang) {
  const std::string code = json_text(object, key);
  if (code.empty()) return fallback;
  std::string s = report_string(prefix + code, lang);
  return s == prefix + code ? fallback : s;
}

}  // namespace

HypervisorWords hypervisor_words(const json& h, Lang lang) {
  HypervisorWords w;
  w.outlook = report_string("outlook_" + json_text(h, "outlook"), lang);
  w.reason = report_string("hvreason_" + json_text(h, "reason"), lang);
  Evidence args;
  if (h.contains("detail_args") && h["detail_args"].is_object()) {
    for (const auto& [k, val] : h["detail_args"].items()) {
      if (val.is_string()) args.emplace_back(k, val.get<std::string>());
    }
  }
  w.detail = hypervisor_detail(json_text(h, "detail_key"), args, lang);
  if (w.detail.empty()) w.detail = json_text(h, "detail");
  return w;
}

std::string hypervisor_line(const json& h, Lang lang) {
  const HypervisorWords words = hypervisor_words(h, lang);
  std::string name = printable(json_text(h, "name"));
  const std::string version = json_text(h, "version");
  if (!version.empty()) name += " " + printable(version);
  const std::string text =
      fill_placeholders(report_string("text_hypervisor", lang), {{"outlook", words.outlook}, {"reason", words.reason}});
  return labelled_text(name, text, lang);
}

std::string prediction_words(const json& p, Lang lang) {
  if (!p.is_object() || !p.value("available", false)) {
    // Worded from the reason's code; the English sentence when this version
    // does not know the code.
    const std::string reason = coded(p, "reason_code", "no_prediction_", json_text(p, "reason"), lang);
    return fill_placeholders(report_string("no_prediction", lang), {{"reason", reason}});
  }
  const json none = json::object();
  const json& storage = p.contains("storage") ? p["storage"] : none;
  const json& guest = p.contains("guest") ? p["guest"] : none;
  const double seconds = p.contains("boot_seconds") && p["boot_seconds"].is_number() ? p["boot_seconds"].get<double>() : 0.0;
  return fill_placeholders(report_string("prediction_text", lang),
                           {{"seconds", fmt::format("{:.0f}", seconds)},
                            {"guest", coded(guest, "profile", "guest_", json_text(guest, "profile"), lang)},
                            {"feel", report_string("feel_" + json_text(p, "feel"), lang)},
                            {"basis", coded(storage, "basis_code", "basis_", json_text(storage, "basis"), lang)}});
}

}  // namespace vmstick
