// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What vmstick knows about the computer that will run the VM, and who holds
// its virtualization hardware. docs/checks-host.md says where each fact is
// read from on each OS.
#include <cstdint>
#include <string>
#include <vector>

#include "core/fact.hpp"

namespace vmstick {

// A hypervisor product found installed on the host.
struct InstalledHypervisor {
  std::string name;          // "VirtualBox", "VMware Workstation", "QEMU", "Hyper-V", "Parallels Desktop", "UTM"
  std::string version;       // "7.0.14"; empty when it could not be read
  std::string version_from;  // where the version came from, or why it is unknown
  std::string location;      // the file, key or bundle that shows it is installed
  // Hardware accelerators this product can use here ("kvm", "whpx", "hvf"); QEMU only.
  std::vector<std::string> accelerators;
  bool operator==(const InstalledHypervisor&) const = default;
};

struct HostFacts {
  // Which backend produced these facts ("linux", "windows", "macos", "none").
  Fact<std::string> os;
  Fact<std::string> arch;        // "x86_64", "arm64", ...
  Fact<std::string> kernel_version;  // Linux "6.12.9-amd64", Windows "10.0.22631", Darwin "23.4.0"
  Fact<std::string> cpu_vendor;  // as the CPU names itself: "GenuineIntel", "AuthenticAMD"
  Fact<std::string> cpu_model;   // "Intel(R) Core(TM) i7-8650U CPU @ 1.90GHz"
  // The OS's list of CPU feature flags, verbatim and in the OS's order.
  Fact<std::vector<std::string>> cpu_flags;
  Fact<std::uint32_t> logical_cpus;
  Fact<std::uint64_t> ram_bytes;
  // The processor implements VT-x (CPUID.1:ECX[5]) or AMD-V (CPUID.80000001h:ECX[2]),
  // whatever the firmware or OS did with it.
  Fact<bool> cpu_virt_supported;
  // Firmware (BIOS/UEFI) left VT-x/AMD-V switched on.
  Fact<bool> virt_enabled_in_firmware;
  // VT-x (vmx) or AMD-V (svm) is usable as far as the OS tells. On Linux the
  // kernel clears the flag when firmware has disabled it.
  Fact<bool> hw_virt_available;
  // Second-level address translation: Intel EPT or AMD NPT (RVI).
  Fact<bool> slat_supported;
  // The OS itself runs as a guest of some hypervisor (CPUID.1:ECX[31]), not
  // counting a Windows host whose own Hyper-V root partition sets that bit.
  Fact<bool> running_in_vm;
  // CPUID leaf 0x40000000 signature: "KVMKVMKVM", "Microsoft Hv", "VMwareVMware"...;
  // known-empty when no hypervisor is present.
  Fact<std::string> hypervisor_vendor;

  // --- who holds VT-x/AMD-V: Linux ---
  // Hypervisor kernel modules listed in /proc/modules (kvm, kvm_intel, kvm_amd, vboxdrv, vmmon, ...).
  Fact<std::vector<std::string>> vmm_modules_loaded;
  // The KVM vendor module present (loaded or built in): "kvm_intel", "kvm_amd" or "none".
  Fact<std::string> kvm_vendor_module;
  // kvm.enable_virt_at_load (Linux 6.12+): KVM switches VT-x/AMD-V on as soon as it loads.
  Fact<bool> kvm_enable_virt_at_load;
  Fact<bool> dev_kvm_present;
  // The user running vmstick may open /dev/kvm read-write.
  Fact<bool> dev_kvm_accessible;

  // --- who holds VT-x/AMD-V: Windows ---
  // The Windows hypervisor (Hyper-V) runs underneath this Windows.
  Fact<bool> windows_hypervisor_running;
  // Virtualization-based security: "off", "enabled_not_running", "running".
  Fact<std::string> vbs_status;
  // Running VBS services: "credential_guard", "memory_integrity", "system_guard", "smm_measurement".
  Fact<std::vector<std::string>> vbs_services_running;
  // Enabled optional features that start the hypervisor (Microsoft-Hyper-V-All,
  // VirtualMachinePlatform, HypervisorPlatform, Containers-DisposableClientVM).
  Fact<std::vector<std::string>> hypervisor_features_enabled;
  // BCD hypervisorlaunchtype of the current boot entry: "auto" or "off".
  Fact<std::string> hypervisor_launch_type;

  // --- macOS ---
  // kern.hv_support: Hypervisor.framework can run VMs.
  Fact<bool> hv_framework_supported;

  Fact<std::vector<InstalledHypervisor>> installed_hypervisors;
};

}  // namespace vmstick
