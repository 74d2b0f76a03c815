// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/drives_command.hpp"

#include <fmt/format.h>

#include <cstdio>

#include "core/engine/check.hpp"
#include "core/facts/fact_json.hpp"
#include "core/report/report_resources.hpp"
#include "core/text.hpp"

namespace vmstick::cli {
namespace {

// A compact listing for people who know USB; the words around the values are
// in the reader's language, "?" marks what a probe could not learn.
template <class T>
std::string show(const Fact<T>& f, Lang lang) {
  if (!f.is_known()) return "?";
  if constexpr (std::is_same_v<T, bool>) {
    return report_string(f.value() ? "yes" : "no", lang);
  } else if constexpr (std::is_same_v<T, std::string>) {
    return printable(f.value());
  } else {
    return fmt::format("{}", f.value());
  }
}

std::string size_text(const Fact<std::uint64_t>& f) {
  if (!f.is_known()) return "?";
  return fmt::format("{:.1f} GiB", static_cast<double>(f.value()) / (1ull << 30));
}

std::string say(std::string_view key, const Evidence& args, Lang lang) { return report_string(key, args, lang) + "\n"; }

std::string drive_text(const DriveFacts& d, bool target, Lang lang) {
  std::string out = say("drives_drive",
                        {{"mark", target ? "* " : ""},
                         {"id", printable(d.id)},
                         {"vendor", show(d.vendor, lang)},
                         {"model", show(d.model, lang)},
                         {"size", size_text(d.capacity_bytes)},
                         {"bus", show(d.bus, lang)},
                         {"removable", show(d.removable, lang)}},
                        lang);
  if (d.bus.is("usb")) {
    const auto& u = d.usb;
    const std::string bcd =
        u.bcd_usb.is_known() ? fmt::format("{:x}.{:02x}", u.bcd_usb.value() >> 8, u.bcd_usb.value() & 0xff) : "?";
    out += "    " + say("drives_usb",
                        {{"port", show(u.port_path, lang)},
                         {"speed", show(u.speed_mbps, lang)},
                         {"bcd", bcd},
                         {"superspeed", show(u.bos_superspeed, lang)},
                         {"usb3_port", show(u.port_usb3_capable, lang)},
                         {"transport", show(u.transport, lang)},
                         {"driver", show(u.driver, lang)},
                         {"power", show(u.max_power_ma, lang)},
                         {"budget", show(u.port_budget_ma, lang)}},
                        lang);
  }
  out += "    " + say("drives_table", {{"table", show(d.partition_table, lang)}}, lang);
  for (std::size_t i = 0; i < d.volumes.size(); ++i) {
    const auto& v = d.volumes[i];
    const bool tv = d.target_volume && *d.target_volume == i;
    out += "    " + say("drives_volume",
                        {{"mark", tv ? "* " : ""},
                         {"id", printable(v.id)},
                         {"fs", show(v.fs_type, lang)},
                         {"version", show(v.fs_version, lang)},
                         {"label", show(v.label, lang)},
                         {"start", show(v.start_bytes, lang)},
                         {"mount", show(v.mount_point, lang)},
                         {"free", size_text(v.free_bytes)},
                         {"total", size_text(v.total_bytes)}},
                        lang);
  }
  return out;
}

}  // namespace

void add_drives_command(CLI::App& app, DrivesOptions& opts) {
  auto* cmd = app.add_subcommand("drives", "List the drives vmstick sees: USB link, transport, power, partitions, filesystems");
  cmd->add_flag("--json", opts.json, "Print the drive facts as JSON");
  cmd->add_option("--drive", opts.drive, "Also mark the drive holding this folder, file or device")->option_text("PATH");
}

int run_drives_command(const CommonOptions& common, const DrivesOptions& opts, const Backend& backend) {
  const PathStore paths = common.root.empty() ? PathStore() : PathStore(common.root);
  CheckRequest request;
  if (!opts.drive.empty()) request.drive = opts.drive;
  CancelToken cancel;
  ProbeContext ctx{paths, request, cancel, {}};
  ProbeRegistry probes;
  backend.register_probes(probes);
  RuleRegistry no_rules;
  CheckResult result = run_check(probes, no_rules, Catalog::builtin(), ctx, backend.name());
  const auto& drives = result.facts.drives;
  if (opts.json) {
    nlohmann::json j = nlohmann::json::array();
    for (const auto& d : drives) j.push_back(to_json(d));
    nlohmann::json doc = {{"backend", result.backend}, {"drives", j}};
    doc["target_drive"] = result.facts.target() ? nlohmann::json(result.facts.target()->id) : nlohmann::json(nullptr);
    std::fputs((doc.dump(2) + "\n").c_str(), stdout);
    return kExitOk;
  }
  const Lang lang = pick_language(common);
  if (drives.empty()) std::fputs((report_string("drives_none", lang) + "\n").c_str(), stdout);
  for (std::size_t i = 0; i < drives.size(); ++i) {
    std::fputs(drive_text(drives[i], result.facts.target_drive == i, lang).c_str(), stdout);
  }
  return kExitOk;
}

}  // namespace vmstick::cli
