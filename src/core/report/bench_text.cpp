// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/report/bench_text.hpp"

#include <fmt/format.h>

#include "core/report/bench_words.hpp"
#include "core/report/report_resources.hpp"
#include "core/text.hpp"

namespace vmstick {
namespace {

double mib(std::uint64_t bytes) { return static_cast<double>(bytes) / bench::kMiB; }

std::string figure_line(const bench::Figure& f, Lang lang) {
  const int prec = f.unit == "MB/s" ? 1 : 0;
  // fmt pads by display width, so a Chinese label (two columns a character)
  // keeps the numbers in one column.
  return fmt::format("  {:<28} {:>9.{}f} {:<4}  {}\n", fact_label(f.id, lang), f.value.median, prec, f.unit,
                     figure_spread_words(f.value.min, f.value.max, f.unit, std::string(bench::to_string(f.speed_class)), lang));
}

std::string sustained_text(const bench::BenchResult& r, Lang lang) {
  const double written = mib(r.sustained_mbps.size() * r.sustained_window);
  if (!r.cliff) return report_string("bench_too_little", {{"mib", fmt::format("{:.0f}", written)}}, lang);
  return cliff_words(r.cliff->found, r.cliff->before_mbps, r.cliff->after_mbps, mib(r.cliff->after_bytes), written, lang);
}

}  // namespace

std::string bench_text(const bench::BenchResult& r, const bench::Plan& plan, Lang lang) {
  std::string out = report_string("bench_title",
                        {{"path", printable(r.target.string())},
                         {"method", report_string("method_" + std::string(bench::to_string(r.method)), lang)},
                         {"size", fmt::format("{:.0f}", mib(plan.file_bytes))}},
                        lang) +
                    "\n";
  for (const bench::Figure& f : r.figures) out += figure_line(f, lang);
  if (const auto& l = r.write_latency) {
    out += "  " +
           labelled_text(fact_label("rand_write_latency", lang), latency_words(l->p50_ms, l->p99_ms, l->max_ms, l->samples, lang),
                    lang) +
           "\n";
  }
  out += "  " + labelled_text(report_string("bench_sustained", lang), sustained_text(r, lang), lang) + "\n";
  out += report_string("bench_totals",
             {{"written", fmt::format("{:.1f}", mib(r.bytes_written))},
              {"read", fmt::format("{:.1f}", mib(r.bytes_read))},
              {"seconds", fmt::format("{:.1f}", r.duration_s)}},
             lang) +
         "\n";
  // Caveats are the engine's own sentences (English, like evidence).
  for (const std::string& c : r.caveats) out += report_string("bench_note", {{"text", printable(c)}}, lang) + "\n";
  return out;
}

}  // namespace vmstick
