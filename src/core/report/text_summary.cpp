// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/report/text_summary.hpp"

#include <fmt/format.h>

#include "core/score/verdict.hpp"
#include "core/text.hpp"

namespace vmstick {
namespace {

std::string_view badge(Severity s) {
  switch (s) {
    case Severity::ok: return "[ OK ]";
    case Severity::info: return "[INFO]";
    case Severity::warning: return "[WARN]";
    case Severity::blocker: return "[FAIL]";
  }
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

std::string host_line(const HostFacts& h) {
  auto or_unknown = [](const Fact<std::string>& f) { return f.is_known() ? printable(f.value()) : "unknown"; };
  std::string cpus = h.logical_cpus.is_known() ? fmt::format(", {} logical CPUs", h.logical_cpus.value()) : "";
  return fmt::format("Host: {} {}{} ({}, {})\n", or_unknown(h.cpu_vendor), or_unknown(h.cpu_model), cpus,
                     or_unknown(h.os), or_unknown(h.arch));
}

}  // namespace

std::string text_summary(const CheckResult& result, const Catalog& catalog, Lang lang, FixOs os) {
  std::string out = host_line(result.facts.host);
  out += '\n';
  int counts[4] = {0, 0, 0, 0};
  for (const auto& f : result.findings) {
    RenderedFinding r = render(f, catalog, lang, os);
    ++counts[static_cast<int>(r.severity)];
    out += fmt::format("{}  {}\n", badge(r.severity), printable(r.title));
    out += indented(r.explanation, "        ");
    if (!r.fix.empty()) {
      out += "        Fix:\n";
      out += indented(r.fix, "          ");
    }
    out += '\n';
  }
  const Verdict verdict = make_verdict(result, catalog);
  for (const auto& h : verdict.hypervisors) {
    out += fmt::format("{}{}: {} ({})\n", printable(h.name), h.version.empty() ? "" : " " + printable(h.version),
                       to_string(h.outlook), h.reason);
  }
  if (verdict.prediction) {
    out += fmt::format("Expected boot time: about {:.0f} s ({}), from {}\n", verdict.prediction->boot_seconds,
                       to_string(verdict.prediction->feel), verdict.prediction->storage.basis);
  }
  out += fmt::format("Score: {}/100{}\n", verdict.score.total, verdict.score.capped_by_blocker ? " (capped by a blocker)" : "");
  if (result.cancelled) out += "The check was cancelled; the list above is incomplete.\n";
  out += fmt::format("Summary: {} blocker(s), {} warning(s), {} info, {} ok\n", counts[3], counts[2], counts[1],
                     counts[0]);
  return out;
}

}  // namespace vmstick
