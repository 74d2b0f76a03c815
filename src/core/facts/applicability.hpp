// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Some host facts exist on one OS only (the Windows hypervisor's launch type,
// KVM's module). Elsewhere they are unknown with one of these reasons, and
// views (GUI, HTML report) leave them out instead of listing rows that could
// never be known on this computer. The JSON report keeps them.
#include <string_view>

namespace vmstick {

inline constexpr std::string_view kLinuxOnly = "Linux only";
inline constexpr std::string_view kWindowsOnly = "Windows only";
inline constexpr std::string_view kMacOsOnly = "macOS only";

// Whether an unknown fact's reason says it belongs to another OS.
inline bool is_other_os_only(std::string_view reason) {
  return reason == kLinuxOnly || reason == kWindowsOnly || reason == kMacOsOnly;
}

}  // namespace vmstick
