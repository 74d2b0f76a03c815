// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/report/bench_words.hpp"

#include <fmt/format.h>

#include "core/report/report_resources.hpp"

namespace vmstick {
namespace {

using nlohmann::json;

int precision(const std::string& unit) { return unit == "MB/s" ? 1 : 0; }

bool numbers(const json& v, std::initializer_list<const char*> keys) {
  for (const char* k : keys) {
    if (!v.contains(k) || !v[k].is_number()) return false;
  }
  return true;
}

}  // namespace

std::string figure_value_words(double median, const std::string& unit) {
  return fmt::format("{:.{}f} {}", median, precision(unit), unit);
}

std::string figure_spread_words(double min, double max, const std::string& unit, const std::string& speed_class,
                                Lang lang) {
  const int prec = precision(unit);
  return fill_placeholders(report_string("bench_spread", lang),
                           {{"min", fmt::format("{:.{}f}", min, prec)},
                            {"max", fmt::format("{:.{}f}", max, prec)},
                            {"class", report_string("class_" + speed_class, lang)}});
}

std::string latency_words(double p50_ms, double p99_ms, double max_ms, std::uint64_t samples, Lang lang) {
  return fill_placeholders(report_string("bench_latency", lang), {{"p50", fmt::format("{:.2f}", p50_ms)},
                                                                  {"p99", fmt::format("{:.2f}", p99_ms)},
                                                                  {"max", fmt::format("{:.2f}", max_ms)},
                                                                  {"n", std::to_string(samples)}});
}

std::string cliff_words(bool found, double before_mbps, double after_mbps, double after_mib, double written_mib,
                        Lang lang) {
  if (found) {
    return fill_placeholders(report_string("bench_cliff_found", lang), {{"mib", fmt::format("{:.0f}", after_mib)},
                                                                       {"before", fmt::format("{:.1f}", before_mbps)},
                                                                       {"after", fmt::format("{:.1f}", after_mbps)}});
  }
  return fill_placeholders(report_string("bench_cliff_none", lang),
                           {{"mib", fmt::format("{:.0f}", written_mib)}, {"mbps", fmt::format("{:.1f}", before_mbps)}});
}

std::optional<std::string> bench_record_words(const json& v, Lang lang) {
  if (!v.is_object()) return std::nullopt;
  if (numbers(v, {"median", "min", "max"}) && v.contains("unit") && v["unit"].is_string()) {
    const std::string unit = v["unit"].get<std::string>();
    const std::string cls = v.contains("class") && v["class"].is_string() ? v["class"].get<std::string>() : "";
    return figure_value_words(v["median"].get<double>(), unit) + "  " +
           figure_spread_words(v["min"].get<double>(), v["max"].get<double>(), unit, cls, lang);
  }
  if (numbers(v, {"p50_ms", "p99_ms", "max_ms"}) && v.contains("samples") && v["samples"].is_number_unsigned()) {
    return latency_words(v["p50_ms"].get<double>(), v["p99_ms"].get<double>(), v["max_ms"].get<double>(),
                         v["samples"].get<std::uint64_t>(), lang);
  }
  if (numbers(v, {"before_mbps", "after_mbps", "after_mib", "written_mib"}) && v.contains("found") &&
      v["found"].is_boolean()) {
    return cliff_words(v["found"].get<bool>(), v["before_mbps"].get<double>(), v["after_mbps"].get<double>(),
                       v["after_mib"].get<double>(), v["written_mib"].get<double>(), lang);
  }
  return std::nullopt;
}

}  // namespace vmstick
