// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Which hypervisor opens which image natively, and the exact command that
// converts it for the others. Kept apart from the rules so the table can be
// tested line by line.
#include <string>
#include <vector>

#include "core/facts/image_facts.hpp"

namespace vmstick::image_rules {

struct Support {
  std::string hypervisor;  // "VirtualBox", "VMware", "Hyper-V", "QEMU/KVM", "UTM"
  bool native{false};
  std::string why;      // when not native: why not, as a phrase reference (core/findings/catalog.hpp)
  std::string command;  // when not native: the conversion command
};

std::vector<Support> hypervisor_support(const ImageFacts& image);
// Splits an image into 2 GiB pieces for a FAT32 stick (VMDK twoGbMaxExtentSparse).
std::string split_command(const ImageFacts& image);

}  // namespace vmstick::image_rules
