// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/report/bench_text.hpp"

#include <fmt/format.h>

#include "core/report/report_resources.hpp"
#include "core/text.hpp"

namespace vmstick {
namespace {

std::string say(std::string_view key, const Evidence& args, Lang lang) {
  return fill_placeholders(report_string(key, lang), args);
}

std::string mib(std::uint64_t bytes) { return fmt::format("{:.0f}", static_cast<double>(bytes) / bench::kMiB); }

std::string figure_line(const bench::Figure& f, Lang lang) {
  const int prec = f.unit == "MB/s" ? 1 : 0;
  // fmt pads by display width, so a Chinese label (two columns a character)
  // keeps the numbers in one column.
  const std::string spread = say("bench_spread",
                                 {{"min", fmt::format("{:.{}f}", f.value.min, prec)},
                                  {"max", fmt::format("{:.{}f}", f.value.max, prec)},
                                  {"class", report_string("class_" + std::string(bench::to_string(f.speed_class)), lang)}},
                                 lang);
  return fmt::format("  {:<28} {:>9.{}f} {:<4}  {}\n", fact_label(f.id, lang), f.value.median, prec, f.unit, spread);
}

std::string sustained_line(const bench::BenchResult& r, Lang lang) {
  const std::uint64_t sustained = r.sustained_mbps.size() * r.sustained_window;
  if (!r.cliff) return say("bench_sustained_too_little", {{"mib", mib(sustained)}}, lang);
  if (r.cliff->found) {
    return say("bench_sustained_cliff",
               {{"mib", mib(r.cliff->after_bytes)},
                {"before", fmt::format("{:.1f}", r.cliff->before_mbps)},
                {"after", fmt::format("{:.1f}", r.cliff->after_mbps)}},
               lang);
  }
  return say("bench_sustained_no_cliff", {{"mib", mib(sustained)}, {"mbps", fmt::format("{:.1f}", r.cliff->before_mbps)}},
             lang);
}

}  // namespace

std::string bench_text(const bench::BenchResult& r, const bench::Plan& plan, Lang lang) {
  std::string out = say("bench_title",
                        {{"path", printable(r.target.string())},
                         {"method", report_string("method_" + std::string(bench::to_string(r.method)), lang)},
                         {"size", mib(plan.file_bytes)}},
                        lang) +
                    "\n";
  for (const bench::Figure& f : r.figures) out += figure_line(f, lang);
  if (r.write_latency) {
    out += "  " +
           say("bench_latency",
               {{"label", fact_label("rand_write_latency", lang)},
                {"p50", fmt::format("{:.2f}", r.write_latency->p50_ms)},
                {"p99", fmt::format("{:.2f}", r.write_latency->p99_ms)},
                {"max", fmt::format("{:.2f}", r.write_latency->max_ms)},
                {"n", std::to_string(r.write_latency->samples)}},
               lang) +
           "\n";
  }
  out += "  " + sustained_line(r, lang) + "\n";
  out += say("bench_totals",
             {{"written", fmt::format("{:.1f}", static_cast<double>(r.bytes_written) / bench::kMiB)},
              {"read", fmt::format("{:.1f}", static_cast<double>(r.bytes_read) / bench::kMiB)},
              {"seconds", fmt::format("{:.1f}", r.duration_s)}},
             lang) +
         "\n";
  // Caveats are the engine's own sentences (English, like evidence).
  for (const std::string& c : r.caveats) out += say("bench_note", {{"text", printable(c)}}, lang) + "\n";
  return out;
}

}  // namespace vmstick
