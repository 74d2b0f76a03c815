// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/drives_command.hpp"

#include <fmt/format.h>

#include <cstdio>

#include "core/engine/check.hpp"
#include "core/facts/fact_json.hpp"
#include "core/text.hpp"

namespace vmstick::cli {
namespace {

template <class T>
std::string show(const Fact<T>& f, std::string_view suffix = {}) {
  if (!f.is_known()) return "?";
  if constexpr (std::is_same_v<T, bool>) {
    return f.value() ? "yes" : "no";
  } else if constexpr (std::is_same_v<T, std::string>) {
    return printable(f.value());
  } else {
    return fmt::format("{}{}", f.value(), suffix);
  }
}

std::string size_text(const Fact<std::uint64_t>& f) {
  if (!f.is_known()) return "?";
  return fmt::format("{:.1f} GiB", static_cast<double>(f.value()) / (1ull << 30));
}

std::string drive_text(const DriveFacts& d, bool target) {
  std::string out = fmt::format("{}{}  {} {}  {}  bus {}  removable {}\n", target ? "* " : "", printable(d.id),
                                show(d.vendor), show(d.model), size_text(d.capacity_bytes), show(d.bus), show(d.removable));
  if (d.bus.is("usb")) {
    const auto& u = d.usb;
    out += fmt::format("    USB {}: {} Mb/s, bcdUSB {}, SuperSpeed-capable {}, USB 3 port {}, transport {} ({}), power {} of {} mA\n",
                       show(u.port_path), show(u.speed_mbps),
                       u.bcd_usb.is_known() ? fmt::format("{:x}.{:02x}", u.bcd_usb.value() >> 8, u.bcd_usb.value() & 0xff) : "?",
                       show(u.bos_superspeed), show(u.port_usb3_capable), show(u.transport), show(u.driver),
                       show(u.max_power_ma), show(u.port_budget_ma));
  }
  out += fmt::format("    partition table {}\n", show(d.partition_table));
  for (std::size_t i = 0; i < d.volumes.size(); ++i) {
    const auto& v = d.volumes[i];
    const bool tv = d.target_volume && *d.target_volume == i;
    out += fmt::format("    {}{}  {} {}  label \"{}\"  start {}  mounted at {}  free {} of {}\n", tv ? "* " : "", printable(v.id),
                       show(v.fs_type), show(v.fs_version), show(v.label), show(v.start_bytes), show(v.mount_point),
                       size_text(v.free_bytes), size_text(v.total_bytes));
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
  if (drives.empty()) std::fputs("No drives found.\n", stdout);
  for (std::size_t i = 0; i < drives.size(); ++i) {
    std::fputs(drive_text(drives[i], result.facts.target_drive == i).c_str(), stdout);
  }
  return kExitOk;
}

}  // namespace vmstick::cli
