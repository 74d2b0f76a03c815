// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/probes/drive/fs_capabilities.hpp"

namespace vmstick {

std::optional<FsCapabilities> fs_capabilities(std::string_view t, std::string_view v) {
  constexpr std::uint64_t GiB = 1ull << 30, TiB = 1ull << 40, EiB = 1ull << 60;
  const std::vector<std::string> all{"linux", "windows", "macos"};
  if (t == "vfat" || t == "msdos") {
    // FAT32 stores the size in 32 bits: 4 GiB - 1. FAT16 volumes top out at 2 GiB
    // (4 GiB with 64 KiB clusters, which Windows alone accepts). "FAT12/16" is
    // what Windows' "FAT" means: it does not tell the two apart.
    const std::uint64_t max = (v == "FAT16" || v == "FAT12" || v == "FAT12/16") ? 2 * GiB - 1 : 4 * GiB - 1;
    return FsCapabilities{max, false, all};
  }
  if (t == "exfat") return FsCapabilities{16 * EiB - 1, false, all};
  // macOS mounts NTFS read-only; Linux 5.15+ (ntfs3) and ntfs-3g write it.
  if (t == "ntfs" || t == "ntfs3") return FsCapabilities{16 * TiB - 64 * 1024, true, {"linux", "windows"}};
  if (t == "ext4") return FsCapabilities{16 * TiB, true, {"linux"}};
  if (t == "ext3") return FsCapabilities{2 * TiB, true, {"linux"}};
  if (t == "ext2") return FsCapabilities{2 * TiB, false, {"linux"}};
  if (t == "btrfs") return FsCapabilities{16 * EiB - 1, false, {"linux"}};  // copy-on-write, not a journal
  if (t == "xfs") return FsCapabilities{8 * EiB - 1, true, {"linux"}};
  if (t == "f2fs") return FsCapabilities{3 * TiB + 940 * GiB, false, {"linux"}};
  if (t == "apfs") return FsCapabilities{8 * EiB - 1, false, {"macos"}};  // copy-on-write
  if (t == "hfsplus") return FsCapabilities{8 * EiB - 1, true, {"macos"}};
  if (t == "udf") return FsCapabilities{16 * EiB - 1, false, all};
  return std::nullopt;
}

}  // namespace vmstick
