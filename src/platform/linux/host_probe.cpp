// SPDX-License-Identifier: GPL-3.0-or-later
#include "platform/linux/host_probe.hpp"

#include <algorithm>

#include "core/facts/applicability.hpp"
#include "core/log/log.hpp"
#include "core/probes/host/cpuinfo.hpp"
#include "core/probes/host/host_text.hpp"
#include "core/text.hpp"
#include "platform/linux/cpuid_live.hpp"
#include "platform/linux/installed_hypervisors.hpp"
#include "platform/linux/kvm_state.hpp"
#include "platform/linux/msr_reader.hpp"

namespace vmstick::linux_backend {
namespace {

bool has_flag(const std::vector<std::string>& flags, std::string_view flag) {
  return std::find(flags.begin(), flags.end(), flag) != flags.end();
}

// What the CPUID step produced: the decoded bits, or why there are none.
struct CpuidResult {
  CpuidFacts facts;
  std::string source;  // "CPUID instruction", ".../cpuid.txt"
  std::string why_unknown;
  bool ok() const { return why_unknown.empty(); }
};

CpuidResult read_cpuid(const PathStore& paths) {
  CpuidResult r;
  if (paths.is_replay()) {
    // A recorded machine carries its CPUID dump next to proc/ and sys/.
    const auto file = paths.root() / "cpuid.txt";
    auto text = paths.read_text(file, 1u << 20);
    if (!text) {
      r.why_unknown = "CPUID not recorded for this machine: " + text.error().describe();
      return r;
    }
    auto table = parse_cpuid_table(*text, file.string());
    if (!table) {
      r.why_unknown = "cannot understand the recorded CPUID: " + table.error().describe();
      return r;
    }
    r.facts = decode_cpuid(*table);
    r.source = file.string();
  } else {
    auto live = make_live_cpuid();
    if (!live) {
      r.why_unknown = "this processor architecture has no CPUID instruction";
      return r;
    }
    r.facts = decode_cpuid(*live);
    r.source = live->describe();
  }
  if (r.facts.vendor.empty()) r.why_unknown = "CPUID leaf 0 gave no answer (" + r.source + ")";
  return r;
}

void mark_cpu_unknown(HostFacts& h, const std::string& why) {
  h.cpu_vendor = Fact<std::string>::unknown(why);
  h.cpu_model = Fact<std::string>::unknown(why);
  h.cpu_flags = Fact<std::vector<std::string>>::unknown(why);
  h.logical_cpus = Fact<std::uint32_t>::unknown(why);
  h.hw_virt_available = Fact<bool>::unknown(why);
  h.running_in_vm = Fact<bool>::unknown(why);
}

void fill_from_cpuinfo(const Cpuinfo& info, const std::string& src, HostFacts& h) {
  if (!info.vendor_id.empty()) {
    h.cpu_vendor = Fact<std::string>::known(info.vendor_id, src + " vendor_id");
  } else {
    h.cpu_vendor = Fact<std::string>::unknown(src + " has no vendor_id line");
  }
  if (!info.model_name.empty()) {
    h.cpu_model = Fact<std::string>::known(info.model_name, src + " model name");
  } else {
    h.cpu_model = Fact<std::string>::unknown(src + " has no 'model name' line");
  }
  h.logical_cpus = Fact<std::uint32_t>::known(info.processors, src + " processor entries");
  if (!info.has_flags_line) {
    const std::string why = src + " has no flags line";
    h.cpu_flags = Fact<std::vector<std::string>>::unknown(why);
    h.hw_virt_available = Fact<bool>::unknown(why);
    h.running_in_vm = Fact<bool>::unknown(why);
    return;
  }
  h.cpu_flags = Fact<std::vector<std::string>>::known(info.flags, src + " flags");
  const bool vmx = has_flag(info.flags, "vmx");
  const bool svm = has_flag(info.flags, "svm");
  // Since Linux 5.6 the kernel clears vmx when firmware disabled VT-x, so a
  // missing flag means "not usable", which is what this fact states.
  h.hw_virt_available = Fact<bool>::known(vmx || svm, src + (vmx ? " flag vmx" : svm ? " flag svm" : " flags (no vmx or svm)"));
  h.running_in_vm = Fact<bool>::known(has_flag(info.flags, "hypervisor"),
                                      src + " flag hypervisor (CPUID.1:ECX[31])");
}

void fill_from_cpuid(const CpuidResult& c, HostFacts& h) {
  if (!c.ok()) {
    h.cpu_virt_supported = Fact<bool>::unknown(c.why_unknown);
    h.hypervisor_vendor = Fact<std::string>::unknown(c.why_unknown);
    return;
  }
  const CpuidFacts& f = c.facts;
  if (f.vmx.value_or(false) || f.svm.value_or(false)) {
    h.cpu_virt_supported = Fact<bool>::known(true, c.source + (f.vmx.value_or(false) ? " leaf 0x1 ECX[5] (VMX)"
                                                                                       : " leaf 0x80000001 ECX[2] (SVM)"));
  } else if (f.vmx && f.svm) {
    h.cpu_virt_supported = Fact<bool>::known(false, c.source + " leaf 0x1 ECX[5] and 0x80000001 ECX[2] both clear");
  } else {
    h.cpu_virt_supported = Fact<bool>::unknown(c.source + " lacks leaf 0x1 or 0x80000001");
  }
  if (!h.running_in_vm.is_known() && f.hypervisor) {
    h.running_in_vm = Fact<bool>::known(*f.hypervisor, c.source + " leaf 0x1 ECX[31]");
  }
  if (f.hv_vendor) {
    h.hypervisor_vendor = Fact<std::string>::known(*f.hv_vendor, c.source + " leaf 0x40000000");
  } else if (f.hypervisor.has_value() && !*f.hypervisor) {
    h.hypervisor_vendor = Fact<std::string>::known("", c.source + " leaf 0x1 ECX[31] clear (no hypervisor)");
  } else {
    h.hypervisor_vendor = Fact<std::string>::unknown(c.source + " lacks leaf 0x40000000");
  }
}

bool kernel_at_least(const HostFacts& h, std::string_view v) {
  if (!h.kernel_version.is_known()) return false;
  auto cmp = compare_version_text(h.kernel_version.value(), v);
  return cmp && *cmp >= 0;
}

// Firmware state from the MSR when root can read it, else from what the
// kernel did with the cpuinfo flag (>= 5.6 clears vmx when firmware locked
// VMX off, arch/x86/kernel/cpu/feat_ctl.c), else from KVM having loaded.
void derive_firmware_state(const PathStore& paths, const std::optional<Cpuinfo>& info, HostFacts& h) {
  if (!h.cpu_virt_supported.is_known()) {
    h.virt_enabled_in_firmware = Fact<bool>::unknown("cannot tell whether the CPU has VT-x/AMD-V: " +
                                                     h.cpu_virt_supported.reason());
    return;
  }
  if (!h.cpu_virt_supported.value()) {
    h.virt_enabled_in_firmware = Fact<bool>::unknown("the CPU reports no VT-x/AMD-V, so there is nothing to enable");
    return;
  }
  const bool intel = h.cpu_virt_supported.source().find("VMX") != std::string::npos;
  auto msr = read_msr(paths, intel ? 0x3Au : 0xC0010114u);
  if (msr) {
    const bool allowed = intel ? vmx_allowed_by_feature_control(*msr) : svm_allowed_by_vm_cr(*msr);
    h.virt_enabled_in_firmware =
        Fact<bool>::known(allowed, intel ? "MSR IA32_FEATURE_CONTROL (0x3A)" : "MSR VM_CR (0xC0010114) SVMDIS bit");
    return;
  }
  const std::string no_msr = "the firmware setting MSR is unreadable: " + msr.error().describe();
  const bool flag_present = info && info->has_flags_line && has_flag(info->flags, intel ? "vmx" : "svm");
  if (h.kvm_vendor_module.is(intel ? "kvm_intel" : "kvm_amd") && h.dev_kvm_present.is(true)) {
    h.virt_enabled_in_firmware = Fact<bool>::known(true, "KVM loaded and created /dev/kvm, which it refuses to do when firmware disabled virtualization");
    return;
  }
  if (intel && info && info->has_flags_line && kernel_at_least(h, "5.6")) {
    h.virt_enabled_in_firmware = Fact<bool>::known(
        flag_present, flag_present ? "cpuinfo keeps the vmx flag (Linux >= 5.6 removes it when firmware disabled VT-x)"
                                   : "CPUID reports VMX but Linux " + h.kernel_version.value() +
                                         " removed the vmx flag from cpuinfo: firmware disabled VT-x");
    return;
  }
  h.virt_enabled_in_firmware = Fact<bool>::unknown(
      no_msr + (intel ? "; and the kernel is too old (< 5.6) or unknown to tell from cpuinfo"
                      : "; Linux keeps the svm flag even when firmware disabled AMD-V"));
}

void derive_slat(const std::optional<Cpuinfo>& info, const CpuidResult& c, const std::string& src, HostFacts& h) {
  if (info && info->has_flags_line) {
    // Older kernels list ept/npt among the flags, newer ones under "vmx flags".
    if (has_flag(info->flags, "ept") || has_flag(info->vmx_flags, "ept")) {
      h.slat_supported = Fact<bool>::known(true, src + (has_flag(info->flags, "ept") ? " flag ept" : " vmx flags ept"));
      return;
    }
    if (has_flag(info->flags, "npt")) {
      h.slat_supported = Fact<bool>::known(true, src + " flag npt");
      return;
    }
    if (info->has_vmx_flags_line) {
      h.slat_supported = Fact<bool>::known(false, src + " vmx flags without ept");
      return;
    }
  }
  if (c.ok() && c.facts.npt) {
    h.slat_supported = Fact<bool>::known(*c.facts.npt, c.source + " leaf 0x8000000A EDX[0] (NPT)");
    return;
  }
  if (info && info->has_flags_line && has_flag(info->flags, "svm")) {
    h.slat_supported = Fact<bool>::known(false, src + " has svm but no npt flag");
    return;
  }
  h.slat_supported = Fact<bool>::unknown(
      "no cpuinfo 'vmx flags' line or npt flag to tell (VT-x/AMD-V unavailable, or kernel older than 5.8)");
}

void probe_text_fact(const PathStore& paths, const std::filesystem::path& p, Fact<std::string>& out) {
  if (auto v = paths.read_attr(p); v && !v->empty()) {
    out = Fact<std::string>::known(printable(*v), p.string());
  } else {
    out = Fact<std::string>::unknown(v ? Error{ErrorCode::Corrupt, "empty", p.string()} : v.error());
  }
}

void probe_ram(const PathStore& paths, HostFacts& h) {
  const auto p = paths.proc("meminfo");
  auto text = paths.read_text(p, 1u << 20);
  if (!text) {
    h.ram_bytes = Fact<std::uint64_t>::unknown(text.error());
    return;
  }
  auto total = parse_meminfo_total(*text);
  h.ram_bytes = total ? Fact<std::uint64_t>::known(*total, p.string() + " MemTotal")
                      : Fact<std::uint64_t>::unknown(p.string() + ": " + total.error().describe());
}

// arm64 has no vmx/svm flag: its virtualization extensions (EL2) show only in
// KVM having created /dev/kvm, so without it we cannot tell, and say so.
void arm64_virtualization(HostFacts& h) {
  if (!h.arch.is("aarch64") && !h.arch.is("arm64")) return;
  if (!h.hw_virt_available.is(false)) return;
  if (h.dev_kvm_present.is(true)) {
    h.hw_virt_available = Fact<bool>::known(true, "/dev/kvm present (arm64: KVM runs at EL2)");
  } else {
    h.hw_virt_available = Fact<bool>::unknown(
        "arm64 CPUs have no vmx/svm flag; without /dev/kvm (KVM not loaded) vmstick cannot tell whether EL2 is available");
  }
}

}  // namespace

void HostProbe::run(const ProbeContext& ctx, FactSet& facts) const {
  auto log = log::get("probe.host");
  HostFacts& h = facts.host;
  const PathStore& paths = ctx.paths;
  h.os = Fact<std::string>::known("linux", "platform backend");
  h.windows_hypervisor_running = Fact<bool>::unknown(std::string(kWindowsOnly));
  h.vbs_status = Fact<std::string>::unknown(std::string(kWindowsOnly));
  h.vbs_services_running = Fact<std::vector<std::string>>::unknown(std::string(kWindowsOnly));
  h.hypervisor_features_enabled = Fact<std::vector<std::string>>::unknown(std::string(kWindowsOnly));
  h.hypervisor_launch_type = Fact<std::string>::unknown(std::string(kWindowsOnly));
  h.hv_framework_supported = Fact<bool>::unknown(std::string(kMacOsOnly));
  probe_text_fact(paths, paths.proc("sys/kernel/arch"), h.arch);
  probe_text_fact(paths, paths.proc("sys/kernel/osrelease"), h.kernel_version);
  probe_ram(paths, h);
  probe_kvm_state(paths, h);
  probe_installed_hypervisors(paths, h);

  const auto cpuinfo_path = paths.proc("cpuinfo");
  std::optional<Cpuinfo> info;
  auto text = paths.read_text(cpuinfo_path);
  if (!text) {
    const std::string why = "cannot read CPU information: " + text.error().describe();
    log->warn("{}", why);
    mark_cpu_unknown(h, why);
  } else if (auto parsed = parse_cpuinfo(*text); !parsed) {
    const std::string why = "cannot understand " + cpuinfo_path.string() + ": " + parsed.error().describe();
    log->warn("{}", why);
    mark_cpu_unknown(h, why);
  } else {
    info = std::move(*parsed);
    fill_from_cpuinfo(*info, cpuinfo_path.string(), h);
  }

  const CpuidResult cpuid = read_cpuid(paths);
  fill_from_cpuid(cpuid, h);
  derive_firmware_state(paths, info, h);
  derive_slat(info, cpuid, cpuinfo_path.string(), h);
  arm64_virtualization(h);
  log->info("CPU {}, hardware virtualization {}, firmware {}", h.cpu_model.is_known() ? h.cpu_model.value() : "?",
            h.hw_virt_available.is_known() ? (h.hw_virt_available.value() ? "usable" : "not usable") : "unknown",
            h.virt_enabled_in_firmware.is_known() ? (h.virt_enabled_in_firmware.value() ? "enabled" : "disabled")
                                                  : "unknown");
}

}  // namespace vmstick::linux_backend
