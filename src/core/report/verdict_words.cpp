// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/report/verdict_words.hpp"

#include <fmt/format.h>

#include "core/report/report_resources.hpp"

namespace vmstick {

using nlohmann::json;

std::string json_text(const json& object, const char* key) {
  if (!object.is_object()) return {};
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

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

std::string prediction_words(const json& p, Lang lang) {
  if (!p.is_object() || !p.value("available", false)) {
    // Worded from the reason's code; the English sentence when this version
    // does not know the code.
    std::string reason = report_string("no_prediction_" + json_text(p, "reason_code"), lang);
    if (reason.rfind("no_prediction_", 0) == 0) reason = json_text(p, "reason");
    return fill_placeholders(report_string("no_prediction", lang), {{"reason", reason}});
  }
  const json none = json::object();
  const json& storage = p.contains("storage") ? p["storage"] : none;
  const json& guest = p.contains("guest") ? p["guest"] : none;
  const double seconds = p.contains("boot_seconds") && p["boot_seconds"].is_number() ? p["boot_seconds"].get<double>() : 0.0;
  return fill_placeholders(report_string("prediction_text", lang),
                           {{"seconds", fmt::format("{:.0f}", seconds)},
                            {"guest", json_text(guest, "profile")},
                            {"feel", report_string("feel_" + json_text(p, "feel"), lang)},
                            {"basis", json_text(storage, "basis")}});
}

}  // namespace vmstick
