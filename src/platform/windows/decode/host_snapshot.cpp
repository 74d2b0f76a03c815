// SPDX-License-Identifier: GPL-3.0-or-later
#include "platform/windows/decode/host_snapshot.hpp"

#include <algorithm>
#include <array>
#include <cctype>

#include "core/facts/applicability.hpp"
#include "core/probes/host/cpuid.hpp"
#include "core/probes/host/host_text.hpp"
#include "core/text.hpp"

namespace vmstick::windows_decode {
namespace {

using json = nlohmann::json;

// The value under key, or why there is none.
struct Field {
  const json* value{nullptr};
  std::string why;
};

Field field(const json& obj, std::string_view key, std::string_view where) {
  const std::string k(key);
  if (!obj.is_object() || !obj.contains(k)) return {nullptr, std::string(where) + " " + k + " was not read"};
  const json& v = obj.at(k);
  if (v.is_object() && v.contains("error")) {
    const json& e = v.at("error");
    return {nullptr, std::string(where) + " " + k + ": " + (e.is_string() ? printable(e.get<std::string>()) : "failed")};
  }
  if (v.is_null()) return {nullptr, std::string(where) + " " + k + " is empty (Windows leaves it blank while a hypervisor runs)"};
  return {&v, {}};
}

// The object under key, or an empty one (its fields then read "not read").
const json& object_at(const json& obj, const char* key) {
  static const json kEmpty = json::object();
  return obj.contains(key) && obj.at(key).is_object() ? obj.at(key) : kEmpty;
}

std::optional<bool> as_bool(const Field& f) {
  if (f.value && f.value->is_boolean()) return f.value->get<bool>();
  return std::nullopt;
}
std::optional<std::uint64_t> as_uint(const Field& f) {
  if (f.value && f.value->is_number_unsigned()) return f.value->get<std::uint64_t>();
  if (f.value && f.value->is_number_integer() && f.value->get<std::int64_t>() >= 0) {
    return static_cast<std::uint64_t>(f.value->get<std::int64_t>());
  }
  return std::nullopt;
}
std::optional<std::string> as_string(const Field& f) {
  if (f.value && f.value->is_string()) return printable(f.value->get<std::string>().substr(0, 256));
  return std::nullopt;
}
std::string why_not(const Field& f, std::string_view expected) {
  return f.value ? "has the wrong type (expected " + std::string(expected) + ")" : f.why;
}

template <class T>
Fact<T> fact_from(std::optional<T> v, const Field& f, std::string source, std::string_view expected) {
  return v ? Fact<T>::known(std::move(*v), std::move(source)) : Fact<T>::unknown(why_not(f, expected));
}

std::optional<CpuidFacts> decode_cpuid_lines(const json& snap, std::string& why) {
  Field f = field(snap, "cpuid", "CPUID");
  if (!f.value || !f.value->is_array()) {
    why = why_not(f, "array of lines");
    return std::nullopt;
  }
  std::string text;
  for (const auto& line : *f.value) {
    if (line.is_string()) text += line.get<std::string>() + "\n";
  }
  auto table = parse_cpuid_table(text, "CPUID instruction");
  if (!table) {
    why = table.error().describe();
    return std::nullopt;
  }
  return decode_cpuid(*table);
}

std::vector<std::string> enabled_hypervisor_features(const json& features) {
  // Optional features that start the Windows hypervisor at boot.
  static constexpr std::array<std::string_view, 6> kFeatures{
      "Microsoft-Hyper-V-All", "Microsoft-Hyper-V", "VirtualMachinePlatform", "HypervisorPlatform",
      "Containers-DisposableClientVM", "Windows-Defender-ApplicationGuard"};
  std::vector<std::string> on;
  for (auto name : kFeatures) {
    const std::string k(name);
    if (features.contains(k) && features.at(k).is_number_integer() && features.at(k).get<int>() == 1) on.push_back(k);
  }
  return on;
}

std::vector<std::string> vbs_services(const json& list) {
  std::vector<std::string> out;
  for (const auto& v : list) {
    if (!v.is_number_integer()) continue;
    switch (v.get<int>()) {
      case 1: out.push_back("credential_guard"); break;
      case 2: out.push_back("memory_integrity"); break;
      case 3: out.push_back("system_guard"); break;
      case 4: out.push_back("smm_measurement"); break;
      default: break;  // 0 = none; newer values are ignored, not guessed
    }
  }
  return out;
}

InstalledHypervisor from_uninstall(std::string name, const json& entry) {
  InstalledHypervisor hv;
  hv.name = std::move(name);
  auto ver = entry.contains("DisplayVersion") && entry.at("DisplayVersion").is_string()
                 ? parse_version(entry.at("DisplayVersion").get<std::string>())
                 : std::nullopt;
  if (ver) {
    hv.version = ver->str();
    hv.version_from = "Uninstall registry DisplayVersion";
  } else {
    hv.version_from = "Uninstall registry entry has no usable DisplayVersion";
  }
  hv.location = entry.contains("InstallLocation") && entry.at("InstallLocation").is_string()
                    ? printable(entry.at("InstallLocation").get<std::string>().substr(0, 260))
                    : "Uninstall registry";
  return hv;
}

void decode_installed(const json& snap, HostFacts& h) {
  Field f = field(snap, "uninstall", "registry");
  if (!f.value || !f.value->is_array()) {
    h.installed_hypervisors = Fact<std::vector<InstalledHypervisor>>::unknown(why_not(f, "array"));
    return;
  }
  std::vector<InstalledHypervisor> out;
  const bool whp = h.hypervisor_features_enabled.is_known() &&
                   std::count(h.hypervisor_features_enabled.value().begin(), h.hypervisor_features_enabled.value().end(),
                              "HypervisorPlatform") > 0;
  for (const auto& e : *f.value) {
    if (!e.is_object() || !e.contains("DisplayName") || !e.at("DisplayName").is_string()) continue;
    const std::string dn = e.at("DisplayName").get<std::string>();
    if (dn.find("VirtualBox") != std::string::npos) {
      out.push_back(from_uninstall("VirtualBox", e));
    } else if (dn.find("VMware Workstation") != std::string::npos) {
      out.push_back(from_uninstall("VMware Workstation", e));
    } else if (dn.find("VMware Player") != std::string::npos) {
      out.push_back(from_uninstall("VMware Player", e));
    } else if (dn.rfind("QEMU", 0) == 0) {
      auto hv = from_uninstall("QEMU", e);
      if (whp) hv.accelerators.push_back("whpx");
      hv.accelerators.push_back("tcg");
      out.push_back(std::move(hv));
    }
  }
  if (h.hypervisor_features_enabled.is_known()) {
    const auto& on = h.hypervisor_features_enabled.value();
    if (std::find(on.begin(), on.end(), "Microsoft-Hyper-V-All") != on.end() ||
        std::find(on.begin(), on.end(), "Microsoft-Hyper-V") != on.end()) {
      InstalledHypervisor hv{"Hyper-V", {}, "part of Windows", "optional feature Microsoft-Hyper-V-All", {}};
      if (h.kernel_version.is_known()) {
        hv.version = h.kernel_version.value();
        hv.version_from = "Windows version (Hyper-V ships with Windows)";
      }
      out.push_back(std::move(hv));
    }
  }
  h.installed_hypervisors = Fact<std::vector<InstalledHypervisor>>::known(std::move(out), "Uninstall registry keys");
}

// Hyper-V hides VMX/SVM from the root partition and Windows reports
// firmware/SLAT as false or blank while it runs, so every virtualization
// fact is first decided by "is the Windows hypervisor running?".
void decode_virtualization(const json& snap, const std::optional<CpuidFacts>& cpuid, const std::string& cpuid_why,
                           HostFacts& h) {
  const json& proc = object_at(snap, "win32_processor");
  const json& cs = object_at(snap, "win32_computersystem");
  Field present_f = field(cs, "HypervisorPresent", "Win32_ComputerSystem");
  std::optional<bool> present = as_bool(present_f);
  if (cpuid && cpuid->hypervisor) present = present.value_or(false) || *cpuid->hypervisor;

  // Hyper-V's root partition holds CreatePartitions (CPUID 0x40000003 EBX[0]);
  // a Windows guest of Hyper-V sees "Microsoft Hv" without it.
  const bool ms_hv = cpuid && cpuid->hv_vendor == std::optional<std::string>("Microsoft Hv");
  if (cpuid && cpuid->hv_vendor) {
    h.hypervisor_vendor = Fact<std::string>::known(*cpuid->hv_vendor, "CPUID leaf 0x40000000");
  } else if (cpuid && cpuid->hypervisor == std::optional<bool>(false)) {
    h.hypervisor_vendor = Fact<std::string>::known("", "CPUID leaf 0x1 ECX[31] clear");
  } else {
    h.hypervisor_vendor = Fact<std::string>::unknown(cpuid ? "CPUID leaf 0x40000000 not read" : cpuid_why);
  }
  if (present == std::optional<bool>(false)) {
    h.windows_hypervisor_running = Fact<bool>::known(false, "Win32_ComputerSystem.HypervisorPresent");
    h.running_in_vm = Fact<bool>::known(false, "Win32_ComputerSystem.HypervisorPresent");
  } else if (ms_hv && cpuid->hyperv_root) {
    h.windows_hypervisor_running = Fact<bool>::known(*cpuid->hyperv_root, "CPUID 0x40000003 EBX[0] (root partition)");
    h.running_in_vm = Fact<bool>::known(!*cpuid->hyperv_root, "CPUID 0x40000003 EBX[0] (root partition)");
  } else if (present && cpuid && cpuid->hv_vendor && !ms_hv) {
    h.windows_hypervisor_running = Fact<bool>::known(false, "CPUID hypervisor " + *cpuid->hv_vendor);
    h.running_in_vm = Fact<bool>::known(true, "CPUID leaf 0x40000000 " + *cpuid->hv_vendor);
  } else {
    const std::string why = present ? "a hypervisor is present but CPUID could not tell whose: " + cpuid_why : present_f.why;
    h.windows_hypervisor_running = Fact<bool>::unknown(why);
    h.running_in_vm = Fact<bool>::unknown(why);
  }

  Field fw_f = field(proc, "VirtualizationFirmwareEnabled", "Win32_Processor");
  Field vmx_f = field(proc, "VMMonitorModeExtensions", "Win32_Processor");
  Field slat_f = field(proc, "SecondLevelAddressTranslationExtensions", "Win32_Processor");
  Field pf_fw = field(snap, "pf_virt_firmware_enabled", "IsProcessorFeaturePresent");
  Field pf_slat = field(snap, "pf_slat", "IsProcessorFeaturePresent");

  if (h.windows_hypervisor_running.is(true)) {
    const std::string src = "the Windows hypervisor runs, which needs VT-x/AMD-V enabled in firmware and SLAT";
    h.cpu_virt_supported = Fact<bool>::known(true, src);
    h.virt_enabled_in_firmware = Fact<bool>::known(true, src);
    h.slat_supported = Fact<bool>::known(true, src);
    h.hw_virt_available = Fact<bool>::known(true, src + " (held by Windows)");
    return;
  }
  if (cpuid && cpuid->vmx && cpuid->svm && !h.running_in_vm.is(true)) {
    const bool s = *cpuid->vmx || *cpuid->svm;
    h.cpu_virt_supported = Fact<bool>::known(s, std::string("CPUID ") + (*cpuid->vmx ? "leaf 0x1 ECX[5] (VMX)" : "leaf 0x80000001 ECX[2] (SVM)"));
  } else {
    h.cpu_virt_supported = fact_from(as_bool(vmx_f), vmx_f, "Win32_Processor.VMMonitorModeExtensions", "bool");
  }
  auto fw = as_bool(fw_f);
  h.virt_enabled_in_firmware = fw ? Fact<bool>::known(*fw, "Win32_Processor.VirtualizationFirmwareEnabled")
                                  : fact_from(as_bool(pf_fw), pf_fw, "IsProcessorFeaturePresent(PF_VIRT_FIRMWARE_ENABLED)", "bool");
  auto slat = as_bool(slat_f);
  h.slat_supported = slat ? Fact<bool>::known(*slat, "Win32_Processor.SecondLevelAddressTranslationExtensions")
                          : fact_from(as_bool(pf_slat), pf_slat, "IsProcessorFeaturePresent(PF_SECOND_LEVEL_ADDRESS_TRANSLATION)", "bool");
  if (h.cpu_virt_supported.is(false)) {
    h.hw_virt_available = Fact<bool>::known(false, h.cpu_virt_supported.source());
  } else if (h.cpu_virt_supported.is_known() && h.virt_enabled_in_firmware.is_known()) {
    h.hw_virt_available = Fact<bool>::known(h.virt_enabled_in_firmware.value(), h.virt_enabled_in_firmware.source());
  } else {
    h.hw_virt_available = Fact<bool>::unknown(h.cpu_virt_supported.is_known() ? h.virt_enabled_in_firmware.reason()
                                                                             : h.cpu_virt_supported.reason());
  }
}

void decode_cpu(const json& snap, HostFacts& h) {
  const json& proc = object_at(snap, "win32_processor");
  const json& cs = object_at(snap, "win32_computersystem");
  Field name = field(proc, "Name", "Win32_Processor");
  Field vendor = field(proc, "Manufacturer", "Win32_Processor");
  Field cpus = field(proc, "NumberOfLogicalProcessors", "Win32_Processor");
  Field mem = field(cs, "TotalPhysicalMemory", "Win32_ComputerSystem");
  h.cpu_model = fact_from(as_string(name), name, "Win32_Processor.Name", "string");
  h.cpu_vendor = fact_from(as_string(vendor), vendor, "Win32_Processor.Manufacturer", "string");
  auto n = as_uint(cpus);
  h.logical_cpus = n && *n > 0 && *n < 65536 ? Fact<std::uint32_t>::known(static_cast<std::uint32_t>(*n), "Win32_Processor.NumberOfLogicalProcessors")
                                             : Fact<std::uint32_t>::unknown(n ? "implausible processor count" : why_not(cpus, "number"));
  h.ram_bytes = fact_from(as_uint(mem), mem, "Win32_ComputerSystem.TotalPhysicalMemory", "number");
  h.cpu_flags = Fact<std::vector<std::string>>::unknown("Windows has no CPU flag list like /proc/cpuinfo");

  Field arch = field(snap, "native_arch", "GetNativeSystemInfo");
  auto a = as_uint(arch);
  if (a == std::optional<std::uint64_t>(9)) h.arch = Fact<std::string>::known("x86_64", "GetNativeSystemInfo");
  else if (a == std::optional<std::uint64_t>(12)) h.arch = Fact<std::string>::known("arm64", "GetNativeSystemInfo");
  else if (a == std::optional<std::uint64_t>(0)) h.arch = Fact<std::string>::known("x86", "GetNativeSystemInfo");
  else h.arch = Fact<std::string>::unknown(a ? "unrecognised processor architecture " + std::to_string(*a) : why_not(arch, "number"));
  Field ver = field(snap, "os_version", "RtlGetVersion");
  h.kernel_version = fact_from(as_string(ver), ver, "RtlGetVersion", "string");
}

void decode_holders(const json& snap, HostFacts& h) {
  Field dg = field(snap, "win32_deviceguard", "WMI");
  if (dg.value && dg.value->is_object()) {
    Field st = field(*dg.value, "VirtualizationBasedSecurityStatus", "Win32_DeviceGuard");
    auto s = as_uint(st);
    if (s && *s <= 2) {
      static constexpr std::array<const char*, 3> kStatus{"off", "enabled_not_running", "running"};
      h.vbs_status = Fact<std::string>::known(kStatus[*s], "Win32_DeviceGuard.VirtualizationBasedSecurityStatus");
    } else {
      h.vbs_status = Fact<std::string>::unknown(s ? "unknown status value " + std::to_string(*s) : why_not(st, "number"));
    }
    Field run = field(*dg.value, "SecurityServicesRunning", "Win32_DeviceGuard");
    h.vbs_services_running = run.value && run.value->is_array()
                                 ? Fact<std::vector<std::string>>::known(vbs_services(*run.value), "Win32_DeviceGuard.SecurityServicesRunning")
                                 : Fact<std::vector<std::string>>::unknown(why_not(run, "array"));
  } else {
    h.vbs_status = Fact<std::string>::unknown(why_not(dg, "object"));
    h.vbs_services_running = Fact<std::vector<std::string>>::unknown(why_not(dg, "object"));
  }
  Field feat = field(snap, "optional_features", "Win32_OptionalFeature");
  h.hypervisor_features_enabled = feat.value && feat.value->is_object()
                                      ? Fact<std::vector<std::string>>::known(enabled_hypervisor_features(*feat.value), "Win32_OptionalFeature.InstallState")
                                      : Fact<std::vector<std::string>>::unknown(why_not(feat, "object"));
  Field lt = field(snap, "hypervisorlaunchtype", "bcdedit");
  if (auto s = as_string(lt)) {
    std::string v = *s;
    std::transform(v.begin(), v.end(), v.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    h.hypervisor_launch_type = Fact<std::string>::known(v, "bcdedit /enum {current} hypervisorlaunchtype");
  } else {
    h.hypervisor_launch_type = Fact<std::string>::unknown(why_not(lt, "string"));
  }
}

}  // namespace

HostFacts decode_host_snapshot(const nlohmann::json& snapshot) {
  HostFacts h;
  h.os = Fact<std::string>::known("windows", "platform backend");
  const json empty = json::object();
  const json& snap = snapshot.is_object() ? snapshot : empty;
  decode_cpu(snap, h);
  std::string cpuid_why;
  auto cpuid = decode_cpuid_lines(snap, cpuid_why);
  decode_holders(snap, h);
  decode_virtualization(snap, cpuid, cpuid_why, h);
  decode_installed(snap, h);
  const std::string na(kLinuxOnly);
  h.vmm_modules_loaded = Fact<std::vector<std::string>>::unknown(na);
  h.kvm_vendor_module = Fact<std::string>::unknown(na);
  h.kvm_enable_virt_at_load = Fact<bool>::unknown(na);
  h.dev_kvm_present = Fact<bool>::unknown(na);
  h.dev_kvm_accessible = Fact<bool>::unknown(na);
  h.hv_framework_supported = Fact<bool>::unknown(std::string(kMacOsOnly));
  return h;
}

}  // namespace vmstick::windows_decode
