// SPDX-License-Identifier: GPL-3.0-or-later
#include "platform/macos/decode/host_sysctl.hpp"

#include <array>

#include "core/facts/applicability.hpp"
#include "core/probes/host/host_text.hpp"
#include "core/text.hpp"

namespace vmstick::macos_decode {
namespace {

const std::string* get(const SysctlTable& t, const std::string& key) {
  auto it = t.find(key);
  return it == t.end() ? nullptr : &it->second;
}

std::string missing(const std::string& key) { return "sysctl " + key + " not available"; }

void decode_virt(const SysctlTable& t, HostFacts& h) {
  // kern.hv_support is Apple's documented test for Hypervisor.framework; on
  // Intel it needs VT-x with EPT and unrestricted guest, so it covers firmware
  // (Macs never disable VT-x) and SLAT too.
  const auto* hv = get(t, "kern.hv_support");
  auto b = hv ? parse_number<int>(*hv) : std::nullopt;
  if (b && (*b == 0 || *b == 1)) {
    h.hv_framework_supported = Fact<bool>::known(*b == 1, "sysctl kern.hv_support");
    h.hw_virt_available = Fact<bool>::known(*b == 1, "sysctl kern.hv_support");
  } else {
    const std::string why = hv ? "sysctl kern.hv_support has an unexpected value" : missing("kern.hv_support");
    h.hv_framework_supported = Fact<bool>::unknown(why);
    h.hw_virt_available = Fact<bool>::unknown(why);
  }
  const bool arm = h.arch.is("arm64");
  if (arm) {
    // Apple Silicon has no VMX/SVM; its EL2 virtualization is what kern.hv_support reports.
    h.cpu_virt_supported = h.hv_framework_supported;
    h.slat_supported = h.hv_framework_supported;  // stage-2 translation is part of the architecture
  } else if (const auto* features = get(t, "machdep.cpu.features")) {
    auto words = split_words(*features);
    bool vmx = false;
    for (const auto& w : words) vmx = vmx || w == "VMX";
    h.cpu_virt_supported = Fact<bool>::known(vmx, "sysctl machdep.cpu.features");
    h.cpu_flags = Fact<std::vector<std::string>>::known(words, "sysctl machdep.cpu.features");
    h.slat_supported = h.hv_framework_supported.is(true) ? Fact<bool>::known(true, "kern.hv_support (requires EPT)")
                                                         : Fact<bool>::unknown("macOS does not report EPT on its own");
  } else {
    h.cpu_virt_supported = Fact<bool>::unknown(missing("machdep.cpu.features"));
    h.slat_supported = Fact<bool>::unknown(missing("machdep.cpu.features"));
  }
  h.virt_enabled_in_firmware = h.cpu_virt_supported.is(true)
                                   ? Fact<bool>::known(true, "Mac firmware always leaves virtualization enabled")
                                   : Fact<bool>::unknown("no virtualization support reported to enable");
  const auto* vmm = get(t, "kern.hv_vmm_present");
  auto in_vm = vmm ? parse_number<int>(*vmm) : std::nullopt;
  h.running_in_vm = in_vm ? Fact<bool>::known(*in_vm == 1, "sysctl kern.hv_vmm_present")
                          : Fact<bool>::unknown(missing("kern.hv_vmm_present"));
}

void decode_apps(const std::vector<AppBundle>& apps, HostFacts& h) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 5> kKnown{{
      {"VirtualBox.app", "VirtualBox"},
      {"VMware Fusion.app", "VMware Fusion"},
      {"Parallels Desktop.app", "Parallels Desktop"},
      {"UTM.app", "UTM"},
      {"Docker.app", "Docker Desktop"},
  }};
  std::vector<InstalledHypervisor> out;
  for (const auto& app : apps) {
    for (const auto& [bundle, name] : kKnown) {
      if (app.bundle != bundle) continue;
      InstalledHypervisor hv{std::string(name), {}, {}, "/Applications/" + app.bundle, {}};
      if (auto v = parse_version(app.version)) {
        hv.version = v->str();
        hv.version_from = "Info.plist CFBundleShortVersionString";
      } else {
        hv.version_from = "Info.plist has no usable CFBundleShortVersionString";
      }
      // UTM bundles QEMU: HVF when Hypervisor.framework works, TCG otherwise.
      if (name == "UTM") {
        if (h.hv_framework_supported.is(true)) hv.accelerators.push_back("hvf");
        hv.accelerators.push_back("tcg");
      }
      out.push_back(std::move(hv));
    }
  }
  h.installed_hypervisors = Fact<std::vector<InstalledHypervisor>>::known(std::move(out), "/Applications bundles");
}

}  // namespace

SysctlTable parse_sysctl_text(std::string_view text) {
  SysctlTable t;
  for (std::string_view line : split_lines(text)) {
    auto colon = line.find(": ");
    if (colon == std::string_view::npos || colon == 0) continue;
    if (t.size() >= 20000) break;
    t.emplace(std::string(trim(line.substr(0, colon))), std::string(trim(line.substr(colon + 2)).substr(0, 4096)));
  }
  return t;
}

HostFacts decode_host(const SysctlTable& t, const std::vector<AppBundle>& apps) {
  HostFacts h;
  h.os = Fact<std::string>::known("macos", "platform backend");
  const auto* arm64 = get(t, "hw.optional.arm64");
  const auto* machine = get(t, "hw.machine");
  if (arm64 && trim(*arm64) == "1") h.arch = Fact<std::string>::known("arm64", "sysctl hw.optional.arm64");
  else if (machine && trim(*machine) == "x86_64") h.arch = Fact<std::string>::known("x86_64", "sysctl hw.machine");
  else if (machine && trim(*machine) == "arm64") h.arch = Fact<std::string>::known("arm64", "sysctl hw.machine");
  else h.arch = Fact<std::string>::unknown(machine ? "unrecognised hw.machine '" + printable(*machine) + "'" : missing("hw.machine"));
  auto text_fact = [&t](const std::string& key) {
    const auto* v = get(t, key);
    return v && !v->empty() ? Fact<std::string>::known(printable(*v), "sysctl " + key) : Fact<std::string>::unknown(missing(key));
  };
  h.kernel_version = text_fact("kern.osrelease");
  h.cpu_model = text_fact("machdep.cpu.brand_string");
  h.cpu_vendor = get(t, "machdep.cpu.vendor") ? text_fact("machdep.cpu.vendor")
                 : h.arch.is("arm64")         ? Fact<std::string>::known("Apple", "arm64 Mac")
                                              : Fact<std::string>::unknown(missing("machdep.cpu.vendor"));
  const auto* ncpu = get(t, "hw.logicalcpu");
  auto n = ncpu ? parse_number<std::uint32_t>(*ncpu) : std::nullopt;
  h.logical_cpus = n && *n > 0 ? Fact<std::uint32_t>::known(*n, "sysctl hw.logicalcpu") : Fact<std::uint32_t>::unknown(missing("hw.logicalcpu"));
  const auto* mem = get(t, "hw.memsize");
  auto m = mem ? parse_number<std::uint64_t>(*mem) : std::nullopt;
  h.ram_bytes = m ? Fact<std::uint64_t>::known(*m, "sysctl hw.memsize") : Fact<std::uint64_t>::unknown(missing("hw.memsize"));
  if (!h.cpu_flags.is_known()) h.cpu_flags = Fact<std::vector<std::string>>::unknown("not an x86 Mac");
  decode_virt(t, h);
  decode_apps(apps, h);
  h.hypervisor_vendor = Fact<std::string>::unknown("macOS does not expose the CPUID hypervisor signature here");
  for (auto* f : {&h.kvm_enable_virt_at_load, &h.dev_kvm_present, &h.dev_kvm_accessible}) *f = Fact<bool>::unknown(std::string(kLinuxOnly));
  h.vmm_modules_loaded = Fact<std::vector<std::string>>::unknown(std::string(kLinuxOnly));
  h.kvm_vendor_module = Fact<std::string>::unknown(std::string(kLinuxOnly));
  h.windows_hypervisor_running = Fact<bool>::unknown(std::string(kWindowsOnly));
  h.vbs_status = Fact<std::string>::unknown(std::string(kWindowsOnly));
  h.vbs_services_running = Fact<std::vector<std::string>>::unknown(std::string(kWindowsOnly));
  h.hypervisor_features_enabled = Fact<std::vector<std::string>>::unknown(std::string(kWindowsOnly));
  h.hypervisor_launch_type = Fact<std::string>::unknown(std::string(kWindowsOnly));
  return h;
}

}  // namespace vmstick::macos_decode
