// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/image_command.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cstdio>
#include <functional>

#include "core/engine/check.hpp"
#include "core/facts/fact_json.hpp"
#include "core/probes/image/image_probe.hpp"
#include "core/text.hpp"

namespace vmstick::cli {
namespace {

template <class T>
std::string show(const Fact<T>& f) {
  if (!f.is_known()) return "unknown (" + f.reason() + ")";
  if constexpr (std::is_same_v<T, bool>) return f.value() ? "yes" : "no";
  else if constexpr (std::is_same_v<T, std::string>) return f.value();
  else if constexpr (std::is_same_v<T, std::vector<std::string>>) return f.value().empty() ? "none" : fmt::format("{}", fmt::join(f.value(), ", "));
  else return std::to_string(f.value());
}

std::string bytes(const Fact<std::uint64_t>& f) {
  if (!f.is_known()) return show(f);
  return fmt::format("{} bytes ({:.2f} GiB)", f.value(), static_cast<double>(f.value()) / (1u << 30));
}

// The lines about one disk file and its chain.
void disk_lines(const ImageFacts& i, const std::function<void(const char*, const std::string&)>& line) {
  if (!i.disk_path.empty()) line("disk", i.disk_path);
  line("format", show(i.format));
  if (!i.format.is_known()) return;
  line("variant", show(i.variant));
  line("allocation", show(i.allocation));
  line("virtual size", bytes(i.virtual_size_bytes));
  line("allocated", bytes(i.allocated_bytes));
  line("block size", show(i.block_size_bytes));
  line("files", show(i.file_count) + ", " + bytes(i.total_file_bytes) + " in all");
  line("largest file", bytes(i.largest_file_bytes) + ", can reach " + bytes(i.largest_file_reach_bytes));
  line("parent chain", show(i.parent_chain) + " [" + show(i.chain_state) + "]");
  if (!i.chain_detail.empty()) line("chain problem", i.chain_detail);
  line("encrypted", show(i.encrypted) + (i.encryption.is_known() ? " (" + i.encryption.value() + ")" : ""));
  line("compressed", show(i.compressed));
  line("needs repair", show(i.needs_repair) + (i.repair_reason.empty() ? "" : " (" + i.repair_reason + ")"));
}

std::string facts_text(const ImageFacts& i) {
  std::string out = "Image " + printable(i.path) + "\n";
  auto line = [&](const char* k, const std::string& v) { out += fmt::format("  {:<18} {}\n", k, printable(v)); };
  if (i.config_kind.is_known() || !i.config_path.empty()) {
    line("config", show(i.config_kind) + " " + i.config_path);
    line("VM name", show(i.vm_name));
    line("guest OS", show(i.guest_os));
    line("guest arch", show(i.guest_arch));
    line("RAM", bytes(i.ram_bytes));
    line("vCPUs", show(i.vcpus));
    line("firmware", show(i.firmware));
    line("Secure Boot", show(i.secure_boot));
    line("TPM", show(i.tpm));
    line("disk controller", show(i.disk_controller));
    line("disks", show(i.disks));
  }
  disk_lines(i, line);
  for (const auto& n : i.notes) line("note", n);
  std::size_t number = 2;
  for (const auto& other : i.other_disks) {
    out += fmt::format("Disk {} of the VM ({}): {}\n", number++, show(other.disk_controller), printable(other.path));
    disk_lines(other, line);
    for (const auto& n : other.notes) line("note", n);
  }
  return out;
}

}  // namespace

void add_image_command(CLI::App& app, ImageOptions& opts) {
  auto* cmd = app.add_subcommand("image", "Analyse a VM disk image, VM configuration (.vbox, .vmx, libvirt XML) or VM folder");
  cmd->add_option("path", opts.path, "Disk image, VM folder or VM configuration")->required()->option_text("PATH");
  cmd->add_flag("--json", opts.json, "Print the analysis as JSON");
}

int run_image_command(const CommonOptions& common, const ImageOptions& opts, const Backend& backend) {
  const PathStore paths = common.root.empty() ? PathStore() : PathStore(common.root);
  CheckRequest request;
  request.image = opts.path;
  CancelToken cancel;
  ProbeContext ctx{paths, request, cancel, {}};
  ProbeRegistry probes;
  probes.add(image::make_image_probe());
  // The host's probes too: the VM's demands are judged against this computer.
  backend.register_probes(probes);
  RuleRegistry rules;
  register_image_rules(rules);
  const Catalog& catalog = Catalog::builtin();
  CheckResult result = run_check(probes, rules, catalog, ctx, backend.name());
  const Lang lang = pick_language(common);
  const FixOs os = host_fix_os(backend);

  if (!result.facts.image) return kExitError;
  if (opts.json) {
    nlohmann::json j;
    j["image"] = to_json(*result.facts.image);
    j["findings"] = nlohmann::json::array();
    for (const auto& f : result.findings) {
      const RenderedFinding r = render(f, catalog, lang, os);
      j["findings"].push_back({{"id", r.id}, {"severity", to_string(r.severity)}, {"subject", r.subject}, {"title", r.title}, {"explanation", r.explanation}, {"fix", r.fix}});
    }
    j["verdict"] = to_string(worst(result.findings));
    std::fputs((j.dump(2) + "\n").c_str(), stdout);
  } else {
    std::string out = facts_text(*result.facts.image) + "\n";
    for (const auto& f : result.findings) {
      const RenderedFinding r = render(f, catalog, lang, os);
      out += fmt::format("[{}] {}\n      {}\n", to_string(r.severity), r.title, r.explanation);
      if (!r.fix.empty()) out += fmt::format("      Fix: {}\n", r.fix);
    }
    std::fputs(out.c_str(), stdout);
  }
  if (!result.facts.image->format.is_known()) return kExitError;
  return exit_code_for(worst(result.findings));
}

}  // namespace vmstick::cli
