// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What the Windows host probe read from the OS, as one JSON object, and the
// pure function that turns it into HostFacts. The real API calls
// (../host_probe_windows.cpp) only fill the snapshot; everything that judges
// what the values mean is here, tested on Linux from recorded snapshots
// (tests/fixtures/windows-*/host.json).
//
// Keys (each either the API's value or {"error": "what failed"}; a missing key
// means "not read"):
//   os_version            "10.0.22631" (RtlGetVersion)
//   native_arch           GetNativeSystemInfo wProcessorArchitecture (9 x64, 12 arm64, 0 x86)
//   cpuid                 ["0x00000001 0x00: eax=... ebx=... ecx=... edx=...", ...] (__cpuidex)
//   pf_virt_firmware_enabled, pf_slat   IsProcessorFeaturePresent(21), (20)
//   win32_processor       {Name, Manufacturer, NumberOfLogicalProcessors,
//                          VirtualizationFirmwareEnabled, VMMonitorModeExtensions,
//                          SecondLevelAddressTranslationExtensions}
//   win32_computersystem  {HypervisorPresent, TotalPhysicalMemory}
//   win32_deviceguard     {VirtualizationBasedSecurityStatus, SecurityServicesRunning: [..]}
//   optional_features     {"Microsoft-Hyper-V-All": InstallState, ...} (1 enabled, 2 disabled, 3 absent)
//   hypervisorlaunchtype  "Auto" / "Off" (bcdedit /enum {current})
//   uninstall             [{DisplayName, DisplayVersion, InstallLocation}] (HKLM ...\Uninstall)
#include <nlohmann/json.hpp>

#include "core/facts/host_facts.hpp"

namespace vmstick::windows_decode {

// Never throws: wrong types and garbage become unknown facts with the reason.
HostFacts decode_host_snapshot(const nlohmann::json& snapshot);

}  // namespace vmstick::windows_decode
