// SPDX-License-Identifier: GPL-3.0-or-later
// Rules about the host computer: can it run a VM at hardware speed, and if
// something else holds VT-x/AMD-V, what does that mean for the hypervisor
// the user has installed? docs/checks-host.md explains each one.
#include <algorithm>
#include <cctype>

#include "core/probes/host/host_text.hpp"
#include "core/rules/rule.hpp"

namespace vmstick {
namespace {

std::string cpu_label(const HostFacts& h) {
  std::string label = h.cpu_model.is_known() ? h.cpu_model.value() : phrase("value.unknown_cpu");
  if (h.cpu_vendor.is_known()) label += " (" + h.cpu_vendor.value() + ")";
  return label;
}

std::string virt_name(const HostFacts& h) {
  if (h.cpu_vendor.is("AuthenticAMD") || h.cpu_vendor.is("HygonGenuine")) return "AMD-V";
  if (h.cpu_vendor.is("GenuineIntel")) return "VT-x";
  return "VT-x/AMD-V";
}

void hardware_virtualization(const FactSet& facts, FindingSink& sink) {
  const HostFacts& h = facts.host;
  const Fact<bool>& hv = h.hw_virt_available;
  Evidence ev{{"cpu", cpu_label(h)}, {"virt", virt_name(h)}};
  if (!hv.is_known()) {
    ev.emplace_back("reason", hv.reason());
    sink.add("host.virtualization_unknown", "host", std::move(ev));
    return;
  }
  ev.emplace_back("source", hv.source());
  if (hv.value()) {
    // Held by the Windows hypervisor it is not "full speed" for others: the
    // host.windows_hypervisor rule says what it means instead.
    if (!h.windows_hypervisor_running.is(true)) sink.add("host.virtualization_available", "host", std::move(ev));
    return;
  }
  // Inside a VM the flag is missing because the outer hypervisor does not
  // pass it through (nested virtualization off), not because the CPU lacks it.
  if (h.running_in_vm.is(true)) {
    if (h.hypervisor_vendor.is_known() && !h.hypervisor_vendor.value().empty()) {
      ev.emplace_back("hypervisor", h.hypervisor_vendor.value());
    }
    sink.add("host.virtualization_not_nested", "host", std::move(ev));
  } else if (h.cpu_virt_supported.is(true) && h.virt_enabled_in_firmware.is(false)) {
    ev.emplace_back("firmware_source", h.virt_enabled_in_firmware.source());
    sink.add("host.virtualization_disabled_in_firmware", "host", std::move(ev));
  } else {
    sink.add("host.virtualization_missing", "host", std::move(ev));
  }
}

// Without EPT/NPT the hypervisor shadows every guest page table in software:
// VirtualBox and VMware still run, but slower; Hyper-V and Apple's
// Hypervisor.framework refuse to.
void slat(const FactSet& facts, FindingSink& sink) {
  const HostFacts& h = facts.host;
  if (!h.hw_virt_available.is(true) || !h.slat_supported.is(false)) return;
  sink.add("host.slat_missing", "host",
           {{"cpu", cpu_label(h)}, {"slat", virt_name(h) == "AMD-V" ? "NPT (RVI)" : "EPT"},
            {"source", h.slat_supported.source()}});
}

const InstalledHypervisor* find_installed(const HostFacts& h, std::string_view prefix) {
  if (!h.installed_hypervisors.is_known()) return nullptr;
  for (const auto& hv : h.installed_hypervisors.value()) {
    if (hv.name.compare(0, prefix.size(), prefix) == 0) return &hv;
  }
  return nullptr;
}

std::string version_or_unknown(const InstalledHypervisor& hv) {
  return hv.version.empty() ? phrase("value.unknown_version") : hv.version;
}

// What keeps the Windows hypervisor running, in words the Settings app uses
// (a Chinese Windows shows them in Chinese, hence phrases; names stay).
std::vector<std::string> windows_hypervisor_holders(const HostFacts& h) {
  std::vector<std::string> holders;
  if (h.hypervisor_features_enabled.is_known()) {
    for (const auto& f : h.hypervisor_features_enabled.value()) {
      if (f == "Microsoft-Hyper-V-All" || f == "Microsoft-Hyper-V") holders.push_back("Hyper-V");
      else if (f == "VirtualMachinePlatform") holders.push_back(phrase("holder.virtual_machine_platform"));
      else if (f == "HypervisorPlatform") holders.push_back(phrase("holder.hypervisor_platform"));
      else if (f == "Containers-DisposableClientVM") holders.push_back(phrase("holder.sandbox"));
    }
  }
  if (h.vbs_services_running.is_known()) {
    for (const auto& s : h.vbs_services_running.value()) {
      if (s == "memory_integrity") holders.push_back(phrase("holder.memory_integrity"));
      else if (s == "credential_guard") holders.push_back("Credential Guard");
      else if (s == "system_guard") holders.push_back(phrase("holder.system_guard"));
    }
  }
  if (holders.empty() && h.vbs_status.is("running")) holders.push_back(phrase("holder.vbs"));
  holders.erase(std::unique(holders.begin(), holders.end()), holders.end());
  if (holders.empty()) holders.push_back(phrase("holder.launch_type_auto"));
  return holders;
}

// VirtualBox 6.0 added the Windows Hypervisor Platform as a fallback engine
// (slow, "turtle" icon); older releases cannot start a VM at all while
// Hyper-V runs. VMware Workstation/Player run on Hyper-V from 15.5.5.
void windows_hypervisor(const FactSet& facts, FindingSink& sink) {
  const HostFacts& h = facts.host;
  if (!h.windows_hypervisor_running.is(true)) return;
  Evidence base{{"holders", phrase_list(windows_hypervisor_holders(h))},
                {"launch_type", h.hypervisor_launch_type.is_known() ? h.hypervisor_launch_type.value() : phrase("value.unknown")}};
  bool specific = false;
  if (const auto* vbox = find_installed(h, "VirtualBox")) {
    Evidence ev = base;
    ev.emplace_back("version", version_or_unknown(*vbox));
    auto cmp = compare_version_text(vbox->version, "6.0");
    sink.add(cmp && *cmp < 0 ? "host.hyperv_virtualbox_fails" : "host.hyperv_virtualbox_slow", "host", std::move(ev));
    specific = true;
  }
  if (const auto* vmw = find_installed(h, "VMware")) {
    auto cmp = compare_version_text(vmw->version, "15.5.5");
    if (cmp && *cmp < 0) {
      Evidence ev = base;
      ev.emplace_back("product", vmw->name);
      ev.emplace_back("version", vmw->version);
      sink.add("host.hyperv_vmware_fails", "host", std::move(ev));
      specific = true;
    }
  }
  if (!specific) sink.add("host.hyperv_holds_virt", "host", std::move(base));
}

// Linux 6.12 made KVM switch VT-x/AMD-V on when its module loads
// (kvm.enable_virt_at_load=1 by default), so VirtualBox fails with
// VERR_VMX_IN_VMX_ROOT_MODE / VERR_SVM_IN_USE even with no KVM VM running.
// Packagers report VirtualBox 7.2.10 reworked this; we do not claim a
// conflict from that version on.
void kvm_vs_virtualbox(const FactSet& facts, FindingSink& sink) {
  const HostFacts& h = facts.host;
  if (!(h.kvm_vendor_module.is("kvm_intel") || h.kvm_vendor_module.is("kvm_amd"))) return;
  if (!h.kvm_enable_virt_at_load.is(true)) return;
  const auto* vbox = find_installed(h, "VirtualBox");
  if (!vbox) return;
  auto cmp = compare_version_text(vbox->version, "7.2.10");
  if (cmp && *cmp >= 0) return;
  sink.add("host.kvm_holds_virt_virtualbox", "host",
           {{"kernel", h.kernel_version.is_known() ? h.kernel_version.value() : phrase("value.unknown")},
            {"module", h.kvm_vendor_module.value()},
            {"version", version_or_unknown(*vbox)},
            {"error", h.kvm_vendor_module.is("kvm_amd") ? "VERR_SVM_IN_USE" : "VERR_VMX_IN_VMX_ROOT_MODE"}});
}

void dev_kvm_access(const FactSet& facts, FindingSink& sink) {
  const HostFacts& h = facts.host;
  if (!h.dev_kvm_present.is(true) || !h.dev_kvm_accessible.is(false)) return;
  sink.add("host.dev_kvm_no_access", "host", {{"source", h.dev_kvm_accessible.source()}});
}

// "x86_64", "amd64", "x64" -> "x86"; "arm64", "aarch64" -> "arm"; else as is.
std::string arch_family(std::string a) {
  std::transform(a.begin(), a.end(), a.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (std::string_view x86 : {"x86_64", "amd64", "x64", "x86", "i386", "i486", "i586", "i686"}) {
    if (a == x86) return "x86";
  }
  for (std::string_view arm : {"arm64", "aarch64", "armv8", "arm64e"}) {
    if (a == arm) return "arm";
  }
  return a;
}

// A hypervisor runs guests of its own CPU family at hardware speed only;
// anything else is full emulation (QEMU TCG), far too slow for a desktop VM.
void architecture_match(const FactSet& facts, FindingSink& sink) {
  const HostFacts& h = facts.host;
  if (!facts.image || !h.arch.is_known() || !facts.image->guest_arch.is_known()) return;
  const std::string& guest = facts.image->guest_arch.value();
  if (arch_family(h.arch.value()) == arch_family(guest)) return;
  sink.add("host.arch_mismatch", "host", {{"host_arch", h.arch.value()}, {"guest_arch", guest}});
}

}  // namespace

void register_host_rules(RuleRegistry& registry) {
  registry.add(Rule{
      "host.hardware_virtualization",
      {"host.virtualization_available", "host.virtualization_missing", "host.virtualization_not_nested",
       "host.virtualization_unknown", "host.virtualization_disabled_in_firmware"},
      hardware_virtualization,
  });
  registry.add(Rule{"host.slat", {"host.slat_missing"}, slat});
  registry.add(Rule{"host.windows_hypervisor",
                    {"host.hyperv_holds_virt", "host.hyperv_virtualbox_slow", "host.hyperv_virtualbox_fails",
                     "host.hyperv_vmware_fails"},
                    windows_hypervisor});
  registry.add(Rule{"host.kvm_vs_virtualbox", {"host.kvm_holds_virt_virtualbox"}, kvm_vs_virtualbox});
  registry.add(Rule{"host.dev_kvm_access", {"host.dev_kvm_no_access"}, dev_kvm_access});
  registry.add(Rule{"host.architecture", {"host.arch_mismatch"}, architecture_match});
}

}  // namespace vmstick
