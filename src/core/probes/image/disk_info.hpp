// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What one format parser learned from one image file, before chains and
// extents are followed (analyse.hpp does that).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace vmstick::image {

// How an image names its parent (backing file). Paths are as stored in the
// file, in the order the hypervisor tries them.
struct ParentRef {
  std::vector<std::string> path_hints;
  std::string expected_id;  // the parent's id as the child records it; empty if the format has none
  std::string id_field;     // which field that is ("parentCID", "parent UUID", "parent_linkage")
  std::string format_hint;  // qcow2 backing format extension, if any
};

// A VMDK descriptor's extent line: ACCESS SECTORS TYPE "file" [offset].
struct ExtentRef {
  std::string access;
  std::uint64_t sectors{0};
  std::string type;  // FLAT, SPARSE, ZERO, VMFS, ...
  std::string file;
  std::uint64_t offset_sectors{0};
};

struct DiskInfo {
  std::string format;   // vdi, vmdk, vhd, vhdx, qcow2, raw, iso
  std::string variant;  // dynamic, fixed, differencing, streamOptimized, twoGbMaxExtentSparse, ...
  std::uint64_t virtual_size{0};
  std::optional<std::uint64_t> allocated_bytes;  // from the allocation tables of this file
  std::uint32_t cluster_size{0};                 // block/cluster/grain size; 0 when none
  bool encrypted{false};
  std::string encryption;  // "aes", "luks"
  bool compressed{false};
  bool needs_repair{false};
  std::string repair_reason;
  std::string own_id;  // what a child uses to name this image as its parent
  std::optional<ParentRef> parent;
  std::vector<ExtentRef> extents;  // VMDK only
  std::vector<std::string> notes;  // oddities worth telling but not fatal
};

}  // namespace vmstick::image
