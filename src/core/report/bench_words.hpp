// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The speed test's records worded in the reader's language, the same way on
// the terminal (bench_text), in the HTML report and in the GUI's facts panel:
// "15290 IOPS (runs 15260–16920, Windows To Go class)" rather than six rows
// of median, min, max, runs, unit and class.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "core/findings/catalog.hpp"

namespace vmstick {

// The figure with its unit, without the spread: "35.2 MB/s", "141 IOPS".
std::string figure_value_words(double median, const std::string& unit);
// "(runs 34.0–36.5, USB 2.0 stick class)"; class is a speed_class code.
std::string figure_spread_words(double min, double max, const std::string& unit, const std::string& speed_class,
                                Lang lang);
// "p50 1.50 ms, p99 40.25 ms, max 120.00 ms (512 requests)"
std::string latency_words(double p50_ms, double p99_ms, double max_ms, std::uint64_t samples, Lang lang);
// "cache cliff after 48 MiB, 60.0 → 8.0 MB/s" or "no cache cliff within 96 MiB (60.0 MB/s)"
std::string cliff_words(bool found, double before_mbps, double after_mbps, double after_mib, double written_mib,
                        Lang lang);

// One line for a speed-test record in a report's facts (a figure, the write
// latency or the cache cliff, as core/facts/bench_json.cpp writes them);
// nullopt for anything else, which the caller shows as it would.
std::optional<std::string> bench_record_words(const nlohmann::json& value, Lang lang);

}  // namespace vmstick
