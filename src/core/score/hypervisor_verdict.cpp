// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/score/hypervisor_verdict.hpp"

#include "core/probes/host/host_text.hpp"

namespace vmstick {
namespace {

bool at_least(const std::string& version, std::string_view reference) {
  auto c = compare_version_text(version, reference);
  return c && *c >= 0;
}

bool arch_mismatch(const FactSet& facts) {
  if (!facts.image || !facts.image->guest_arch.is_known() || !facts.host.arch.is_known()) return false;
  auto family = [](const std::string& a) -> std::string {
    if (a == "x86_64" || a == "amd64" || a == "i386" || a == "i686" || a == "x86") return "x86";
    if (a == "arm64" || a == "aarch64") return "arm";
    return a;
  };
  return family(facts.image->guest_arch.value()) != family(facts.host.arch.value());
}

HypervisorVerdict judge(const InstalledHypervisor& hv, const FactSet& facts) {
  const HostFacts& h = facts.host;
  HypervisorVerdict v{hv.name, hv.version, HypervisorOutlook::unknown, "unknown_host", "", {}};
  const bool vbox = hv.name == "VirtualBox";
  const bool vmware = hv.name.rfind("VMware", 0) == 0;
  const bool qemu = hv.name == "QEMU";

  if (arch_mismatch(facts)) {
    v.outlook = qemu || hv.name == "UTM" ? HypervisorOutlook::runs_slowly : HypervisorOutlook::fails;
    v.reason = "emulated_arch";
    v.detail_key = "emulated_arch";
    v.detail_args = {{"image", facts.image->guest_arch.value()}, {"host", h.arch.value()}};
    return v;
  }
  if (h.hw_virt_available.is(false) && !h.windows_hypervisor_running.is(true)) {
    v.outlook = qemu ? HypervisorOutlook::runs_slowly : HypervisorOutlook::fails;
    v.reason = "no_hw_virt";
    v.detail_key = "no_hw_virt";
    v.detail_args = {{"source", h.hw_virt_available.source()}};
    return v;
  }
  if (h.windows_hypervisor_running.is(true)) {
    if (hv.name == "Hyper-V") {
      v.outlook = HypervisorOutlook::runs;
      v.reason = "full_speed";
    } else if (vbox) {
      // 6.0 added the Hyper-V (NEM) fallback: it runs, in "turtle" mode.
      const bool nem = !hv.version.empty() && at_least(hv.version, "6.0");
      v.outlook = hv.version.empty() ? HypervisorOutlook::unknown
                  : nem               ? HypervisorOutlook::runs_slowly
                                      : HypervisorOutlook::fails;
      v.reason = hv.version.empty() ? "unknown_version" : nem ? "via_hyperv" : "hyperv_blocks";
    } else if (vmware) {
      const bool ulm = !hv.version.empty() && at_least(hv.version, "15.5.5");
      v.outlook = hv.version.empty() ? HypervisorOutlook::unknown
                  : ulm               ? HypervisorOutlook::runs_slowly
                                      : HypervisorOutlook::fails;
      v.reason = hv.version.empty() ? "unknown_version" : ulm ? "via_hyperv" : "hyperv_blocks";
    } else {
      v.outlook = HypervisorOutlook::runs_slowly;
      v.reason = "via_hyperv";
    }
    v.detail_key = "hyperv_running";
    v.detail_args = {{"source", h.windows_hypervisor_running.source()}};
    return v;
  }
  // Linux 6.12+: a loaded KVM takes VT-x/AMD-V at load time, and VirtualBox
  // and VMware then refuse to start a VM (VERR_VMX_IN_VMX_ROOT_MODE).
  const bool kvm_holds = h.kvm_enable_virt_at_load.is(true) && h.kvm_vendor_module.is_known() &&
                         h.kvm_vendor_module.value() != "none";
  if (kvm_holds && (vbox || vmware)) {
    v.outlook = HypervisorOutlook::fails;
    v.reason = "kvm_holds";
    v.detail_key = "kvm_holds";
    v.detail_args = {{"module", h.kvm_vendor_module.value()}};
    return v;
  }
  if (qemu && h.os.is("linux") && !h.dev_kvm_accessible.is(true)) {
    v.outlook = h.dev_kvm_accessible.is_known() ? HypervisorOutlook::runs_slowly : HypervisorOutlook::unknown;
    v.reason = h.dev_kvm_accessible.is_known() ? "no_kvm_access" : "unknown_host";
    if (h.dev_kvm_accessible.is_known()) {
      v.detail_key = "no_kvm_access";
    } else {
      v.detail_key = "unknown_fact";
      v.detail_args = {{"reason", h.dev_kvm_accessible.reason()}};
    }
    return v;
  }
  if (!h.hw_virt_available.is_known()) {
    v.detail_key = "unknown_fact";
    v.detail_args = {{"reason", h.hw_virt_available.reason()}};
    return v;
  }
  v.outlook = HypervisorOutlook::runs;
  v.reason = "full_speed";
  return v;
}

}  // namespace

std::string_view to_string(HypervisorOutlook o) {
  switch (o) {
    case HypervisorOutlook::runs: return "runs";
    case HypervisorOutlook::runs_slowly: return "runs_slowly";
    case HypervisorOutlook::fails: return "fails";
    case HypervisorOutlook::unknown: return "unknown";
  }
  return "unknown";
}

std::vector<HypervisorVerdict> hypervisor_verdicts(const FactSet& facts, const std::optional<Prediction>& prediction) {
  std::vector<HypervisorVerdict> out;
  const auto* installed = facts.host.installed_hypervisors.get();
  if (!installed) return out;
  for (const auto& hv : *installed) {
    HypervisorVerdict v = judge(hv, facts);
    // A hypervisor that runs at full speed still crawls from a slow stick.
    if (v.outlook == HypervisorOutlook::runs && prediction &&
        (prediction->feel == Feel::slow || prediction->feel == Feel::painful)) {
      v.outlook = HypervisorOutlook::runs_slowly;
      v.reason = "slow_drive";
      v.detail_key = "slow_drive";
      v.detail_args = {{"seconds", std::to_string(static_cast<int>(prediction->boot_seconds))}};
    }
    out.push_back(std::move(v));
  }
  return out;
}

}  // namespace vmstick
