// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What vmstick knows about the VM image (and its configuration) to be carried.
#include <cstdint>
#include <string>

#include "core/fact.hpp"

namespace vmstick {

struct ImageFacts {
  std::string path;             // as the user gave it
  Fact<std::string> format;     // "vdi", "vmdk", "vhd", "vhdx", "qcow2", "raw", "iso"
  Fact<std::uint64_t> virtual_size_bytes;
  Fact<std::string> guest_arch;  // the guest OS's CPU architecture: "x86_64", "i386", "arm64"
};

}  // namespace vmstick
