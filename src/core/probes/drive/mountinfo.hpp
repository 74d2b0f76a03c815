// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// /proc/self/mountinfo (Documentation/filesystems/proc.rst, section 3.5).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace vmstick {

struct MountEntry {
  std::uint32_t major{0};
  std::uint32_t minor{0};
  std::string root;           // path inside the filesystem that is mounted
  std::string mount_point;    // octal escapes (\040) decoded
  std::string mount_options;  // per-mount: "rw,relatime"
  std::string fs_type;        // "vfat", "ext4", "fuseblk"
  std::string source;         // "/dev/sdb1"
  std::string super_options;  // per-superblock: "rw,fmask=0022,flush"
};

// Skips malformed lines; Corrupt when no line parses. At most 100000 entries.
Result<std::vector<MountEntry>> parse_mountinfo(std::string_view text);

// The entry whose mount point is the longest prefix of an absolute,
// normalised path (the last one wins when mounts are stacked).
std::optional<MountEntry> mount_for_path(const std::vector<MountEntry>& mounts, std::string_view path);

// True when an option list (comma separated) holds the option.
bool has_mount_option(std::string_view options, std::string_view option);

}  // namespace vmstick
