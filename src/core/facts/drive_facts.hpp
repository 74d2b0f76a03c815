// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What vmstick knows about one drive (a USB stick, an SSD enclosure, a folder
// on some disk the user picked). Filled by the drive probe.
#include <cstdint>
#include <string>

#include "core/fact.hpp"

namespace vmstick {

struct DriveFacts {
  // Stable id within one run: the OS device ("/dev/sdb") or the folder path.
  std::string id;
  Fact<std::string> device;  // "/dev/sdb", "\\\\.\\PhysicalDrive2", "disk4"
  Fact<std::string> vendor;
  Fact<std::string> model;
  Fact<std::uint64_t> capacity_bytes;
  Fact<bool> removable;
};

}  // namespace vmstick
