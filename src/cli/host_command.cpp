// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/host_command.hpp"

#include <fmt/format.h>

#include <cstdio>

#include "core/engine/check.hpp"
#include "core/facts/fact_json.hpp"
#include "core/report/json_report.hpp"
#include "core/report/text_summary.hpp"
#include "core/text.hpp"

namespace vmstick::cli {
namespace {

std::string show(const Fact<std::string>& f) {
  if (!f.is_known()) return "unknown (" + f.reason() + ")";
  return f.value().empty() ? std::string("none") : printable(f.value());
}
std::string show(const Fact<bool>& f) {
  if (!f.is_known()) return "unknown (" + f.reason() + ")";
  return f.value() ? "yes" : "no";
}
std::string show(const Fact<std::uint32_t>& f) {
  return f.is_known() ? std::to_string(f.value()) : "unknown (" + f.reason() + ")";
}
std::string show(const Fact<std::uint64_t>& f) {
  if (!f.is_known()) return "unknown (" + f.reason() + ")";
  return fmt::format("{:.1f} GiB", static_cast<double>(f.value()) / (1024.0 * 1024.0 * 1024.0));
}
std::string show(const Fact<std::vector<std::string>>& f) {
  if (!f.is_known()) return "unknown (" + f.reason() + ")";
  std::string out;
  for (const auto& s : f.value()) out += (out.empty() ? "" : ", ") + printable(s);
  return out.empty() ? "none" : out;
}
std::string show(const Fact<std::vector<InstalledHypervisor>>& f) {
  if (!f.is_known()) return "unknown (" + f.reason() + ")";
  std::string out;
  for (const auto& hv : f.value()) {
    out += fmt::format("\n    {} {} ({}; version from {})", printable(hv.name),
                       hv.version.empty() ? "version unknown" : printable(hv.version), printable(hv.location),
                       printable(hv.version_from));
    if (!hv.accelerators.empty()) {
      std::string acc;
      for (const auto& a : hv.accelerators) acc += (acc.empty() ? "" : ", ") + a;
      out += " accelerators: " + acc;
    }
  }
  return out.empty() ? "none found" : out;
}

std::string host_text(const HostFacts& h) {
  std::string s = "Host\n";
  auto line = [&s](std::string_view label, const std::string& value) { s += fmt::format("  {:<34} {}\n", label, value); };
  line("Operating system", show(h.os));
  line("Kernel", show(h.kernel_version));
  line("Architecture", show(h.arch));
  line("CPU", show(h.cpu_model) + " / " + show(h.cpu_vendor));
  line("Logical CPUs", show(h.logical_cpus));
  line("Memory", show(h.ram_bytes));
  line("CPU supports VT-x/AMD-V (CPUID)", show(h.cpu_virt_supported));
  line("Enabled in firmware", show(h.virt_enabled_in_firmware));
  line("Usable by hypervisors (OS)", show(h.hw_virt_available));
  line("SLAT (EPT/NPT)", show(h.slat_supported));
  line("Running inside a VM", show(h.running_in_vm));
  line("Hypervisor signature (CPUID)", show(h.hypervisor_vendor));
  if (h.os.is("linux")) {
    line("Hypervisor modules (/proc/modules)", show(h.vmm_modules_loaded));
    line("KVM vendor module", show(h.kvm_vendor_module));
    line("kvm.enable_virt_at_load", show(h.kvm_enable_virt_at_load));
    line("/dev/kvm present", show(h.dev_kvm_present));
    line("/dev/kvm usable by you", show(h.dev_kvm_accessible));
  }
  if (h.os.is("windows")) {
    line("Windows hypervisor running", show(h.windows_hypervisor_running));
    line("Virtualization-based security", show(h.vbs_status));
    line("VBS services running", show(h.vbs_services_running));
    line("Hypervisor features enabled", show(h.hypervisor_features_enabled));
    line("hypervisorlaunchtype", show(h.hypervisor_launch_type));
  }
  if (h.os.is("macos")) line("kern.hv_support", show(h.hv_framework_supported));
  line("Installed hypervisors", show(h.installed_hypervisors));
  return s + "\n";
}

}  // namespace

void add_host_command(CLI::App& app, HostOptions& opts) {
  auto* cmd = app.add_subcommand("host", "Check this computer only: VT-x/AMD-V, firmware, who holds it, installed hypervisors");
  cmd->add_flag("--json", opts.json, "Print the host facts and findings as JSON on stdout");
}

int run_host_command(const CommonOptions& common, const HostOptions& opts, const Backend& backend) {
  const PathStore paths = common.root.empty() ? PathStore() : PathStore(common.root);
  CheckRequest request;
  CancelToken cancel;
  ProbeContext ctx{paths, request, cancel, {}};

  ProbeRegistry probes;
  backend.register_probes(probes);
  RuleRegistry rules;
  register_host_rules(rules);
  const Catalog& catalog = Catalog::builtin();
  CheckResult result;
  result.backend = std::string(backend.name());
  result.generated_at = utc_timestamp();
  // Only the host probe: drive and image probes have nothing to do here.
  for (const auto& probe : probes.probes()) {
    if (probe->name() == "host") probe->run(ctx, result.facts);
  }
  result.findings = rules.evaluate(result.facts, catalog);
  const Lang lang = pick_language(common);
  const FixOs os = host_fix_os(backend);

  if (opts.json) {
    nlohmann::json report = report_json(result, catalog, lang, os);
    nlohmann::json out = {{"host", to_json(result.facts.host)}, {"findings", report["findings"]},
                          {"verdict", report["verdict"]}, {"backend", result.backend}};
    std::fputs((out.dump(2) + "\n").c_str(), stdout);
  } else {
    std::fputs(host_text(result.facts.host).c_str(), stdout);
    std::fputs(text_summary(result, catalog, lang, os).c_str(), stdout);
  }
  return exit_code_for(worst(result.findings));
}

}  // namespace vmstick::cli
