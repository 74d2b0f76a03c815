// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// macOS host facts from sysctl values and installed application bundles. The
// real code (../host_probe_macos.cpp) reads them with sysctlbyname and
// CFBundle; this decoding is pure and tested on Linux from recorded tables
// (tests/fixtures/macos-*/sysctl.txt, `sysctl -a` layout "name: value").
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/facts/host_facts.hpp"

namespace vmstick::macos_decode {

using SysctlTable = std::map<std::string, std::string>;

// "name: value" lines; at most 20000 entries, values cut at 4096 bytes.
SysctlTable parse_sysctl_text(std::string_view text);

// An application bundle found in /Applications: its folder name and
// CFBundleShortVersionString (empty when unreadable).
struct AppBundle {
  std::string bundle;   // "VirtualBox.app"
  std::string version;  // "7.0.14"
};

HostFacts decode_host(const SysctlTable& sysctl, const std::vector<AppBundle>& apps);

}  // namespace vmstick::macos_decode
