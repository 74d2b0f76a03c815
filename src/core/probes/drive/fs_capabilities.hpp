// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What a filesystem can hold and who can write it, from the formats' own
// limits and what each OS ships (no extra drivers installed).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vmstick {

struct FsCapabilities {
  std::uint64_t max_file_bytes{0};
  bool journaling{false};
  std::vector<std::string> native_writers;  // "linux", "windows", "macos"
};

// fs_type as blkid names it ("vfat", "exfat", "ntfs", "ext4", "btrfs",
// "xfs", "apfs", "hfsplus"); fs_version distinguishes FAT12/16/32.
// nullopt for a filesystem we know nothing about.
std::optional<FsCapabilities> fs_capabilities(std::string_view fs_type, std::string_view fs_version);

}  // namespace vmstick
