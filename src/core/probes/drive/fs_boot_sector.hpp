// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The allocation unit (cluster / block size) of a filesystem, read from the
// first 4 KiB of the volume. libblkid 2.38 does not report it for FAT, exFAT
// or NTFS, and it is what decides how much a FAT stick wastes per file.
#include <cstdint>
#include <span>
#include <string_view>

#include "core/result.hpp"

namespace vmstick {

// fs_type as blkid names it ("vfat", "exfat", "ntfs", "ext2/3/4"). The
// volume's first bytes must include offset 1024+32 for ext*.
Result<std::uint64_t> fs_cluster_bytes(std::string_view fs_type, std::span<const std::uint8_t> head);

}  // namespace vmstick
