// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What vmstick knows about the computer that will run the VM.
#include <cstdint>
#include <string>
#include <vector>

#include "core/fact.hpp"

namespace vmstick {

struct HostFacts {
  // Which backend produced these facts ("linux", "windows", "macos", "none").
  Fact<std::string> os;
  Fact<std::string> arch;        // "x86_64", "arm64", ...
  Fact<std::string> cpu_vendor;  // as the CPU names itself: "GenuineIntel", "AuthenticAMD"
  Fact<std::string> cpu_model;   // "Intel(R) Core(TM) i7-8650U CPU @ 1.90GHz"
  // The OS's list of CPU feature flags, verbatim and in the OS's order.
  Fact<std::vector<std::string>> cpu_flags;
  Fact<std::uint32_t> logical_cpus;
  // VT-x (vmx) or AMD-V (svm) is usable as far as the OS tells. On Linux the
  // kernel clears the flag when firmware has disabled it.
  Fact<bool> hw_virt_available;
  // The OS itself runs as a guest of some hypervisor (CPUID.1:ECX[31]).
  Fact<bool> running_in_vm;
};

}  // namespace vmstick
