// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/host_command.hpp"

#include <fmt/format.h>

#include <cstdio>

#include "core/engine/check.hpp"
#include "core/facts/fact_json.hpp"
#include "core/report/json_report.hpp"
#include "core/report/report_resources.hpp"
#include "core/report/text_summary.hpp"
#include "core/text.hpp"

namespace vmstick::cli {
namespace {

// Values are printed in the reader's language; what a probe could not learn
// says so, with the probe's reason (English, like all evidence).
class HostTable {
 public:
  explicit HostTable(Lang lang) : lang_(lang) {}

  std::string unknown(const std::string& reason) const {
    return fill_placeholders(report_string("text_unknown_because", lang_), {{"reason", printable(reason)}});
  }
  std::string show(const Fact<std::string>& f) const {
    if (!f.is_known()) return unknown(f.reason());
    return f.value().empty() ? report_string("none", lang_) : printable(f.value());
  }
  std::string show(const Fact<bool>& f) const {
    if (!f.is_known()) return unknown(f.reason());
    return report_string(f.value() ? "yes" : "no", lang_);
  }
  std::string show(const Fact<std::uint32_t>& f) const {
    return f.is_known() ? std::to_string(f.value()) : unknown(f.reason());
  }
  std::string show(const Fact<std::uint64_t>& f) const {
    if (!f.is_known()) return unknown(f.reason());
    return fmt::format("{:.1f} GiB", static_cast<double>(f.value()) / (1024.0 * 1024.0 * 1024.0));
  }
  std::string show(const Fact<std::vector<std::string>>& f) const {
    if (!f.is_known()) return unknown(f.reason());
    std::string out;
    for (const auto& s : f.value()) out += (out.empty() ? "" : ", ") + printable(s);
    return out.empty() ? report_string("none", lang_) : out;
  }
  std::string show(const Fact<std::vector<InstalledHypervisor>>& f) const {
    if (!f.is_known()) return unknown(f.reason());
    std::string out;
    for (const auto& hv : f.value()) {
      const std::string version = hv.version.empty() ? report_string("hv_version_unknown", lang_) : printable(hv.version);
      out += "\n    " + printable(hv.name) + " " + version +
             fill_placeholders(report_string("hv_found_at", lang_),
                               {{"location", printable(hv.location)}, {"from", printable(hv.version_from)}});
      if (!hv.accelerators.empty()) {
        std::string acc;
        for (const auto& a : hv.accelerators) acc += (acc.empty() ? "" : ", ") + a;
        out += fill_placeholders(report_string("hv_accelerators", lang_), {{"list", acc}});
      }
    }
    return out.empty() ? report_string("none_found", lang_) : out;
  }

  template <class F>
  void line(std::string_view key, const F& fact) {
    text_ += fmt::format("  {:<34} {}\n", fact_label(key, lang_), show(fact));
  }
  void line(std::string_view key, const std::string& value) { text_ += fmt::format("  {:<34} {}\n", fact_label(key, lang_), value); }
  std::string take() { return std::move(text_); }

 private:
  Lang lang_;
  std::string text_;
};

std::string host_text(const HostFacts& h, Lang lang) {
  HostTable t(lang);
  t.line("os", h.os);
  t.line("kernel_version", h.kernel_version);
  t.line("arch", h.arch);
  t.line("cpu_model", t.show(h.cpu_model) + " / " + t.show(h.cpu_vendor));
  t.line("logical_cpus", h.logical_cpus);
  t.line("ram_bytes", h.ram_bytes);
  t.line("cpu_virt_supported", h.cpu_virt_supported);
  t.line("virt_enabled_in_firmware", h.virt_enabled_in_firmware);
  t.line("hw_virt_available", h.hw_virt_available);
  t.line("slat_supported", h.slat_supported);
  t.line("running_in_vm", h.running_in_vm);
  t.line("hypervisor_vendor", h.hypervisor_vendor);
  if (h.os.is("linux")) {
    t.line("vmm_modules_loaded", h.vmm_modules_loaded);
    t.line("kvm_vendor_module", h.kvm_vendor_module);
    t.line("kvm_enable_virt_at_load", h.kvm_enable_virt_at_load);
    t.line("dev_kvm_present", h.dev_kvm_present);
    t.line("dev_kvm_accessible", h.dev_kvm_accessible);
  }
  if (h.os.is("windows")) {
    t.line("windows_hypervisor_running", h.windows_hypervisor_running);
    t.line("vbs_status", h.vbs_status);
    t.line("vbs_services_running", h.vbs_services_running);
    t.line("hypervisor_features_enabled", h.hypervisor_features_enabled);
    t.line("hypervisor_launch_type", h.hypervisor_launch_type);
  }
  if (h.os.is("macos")) t.line("hv_framework_supported", h.hv_framework_supported);
  t.line("installed_hypervisors", h.installed_hypervisors);
  return report_string("section_host", lang) + "\n" + t.take() + "\n";
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
    std::fputs(host_text(result.facts.host, lang).c_str(), stdout);
    std::fputs(text_summary(result, catalog, lang, os, {.prediction = false}).c_str(), stdout);
  }
  return exit_code_for(worst(result.findings));
}

}  // namespace vmstick::cli
