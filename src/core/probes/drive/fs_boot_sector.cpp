// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/probes/drive/fs_boot_sector.hpp"

#include <fmt/format.h>

namespace vmstick {
namespace {

Error bad(std::string_view fs, std::string what) {
  return make_error(ErrorCode::Corrupt, fmt::format("{} boot sector: {}", fs, what), "volume start");
}

bool power_of_two(std::uint64_t v) { return v && (v & (v - 1)) == 0; }

}  // namespace

Result<std::uint64_t> fs_cluster_bytes(std::string_view t, std::span<const std::uint8_t> b) {
  if (t == "vfat" || t == "ntfs") {
    if (b.size() < 512) return bad(t, "shorter than one sector");
    const std::uint32_t bps = b[11] | b[12] << 8;
    if (bps < 512 || bps > 4096 || !power_of_two(bps)) return bad(t, fmt::format("bytes per sector {} is invalid", bps));
    std::uint64_t spc = b[13];
    // NTFS stores clusters above 64 KiB as a negative power of two.
    if (t == "ntfs" && spc > 0x80) spc = std::uint64_t{1} << (256 - spc);
    if (!power_of_two(spc) || spc > 4096) return bad(t, fmt::format("sectors per cluster {} is invalid", spc));
    return bps * spc;
  }
  if (t == "exfat") {
    if (b.size() < 512) return bad(t, "shorter than one sector");
    const unsigned sector_shift = b[108], cluster_shift = b[109];
    // exFAT spec 3.1.14/3.1.15: 9..12 and at most 25 together.
    if (sector_shift < 9 || sector_shift > 12 || sector_shift + cluster_shift > 25) {
      return bad(t, fmt::format("shift values {}/{} are invalid", sector_shift, cluster_shift));
    }
    return std::uint64_t{1} << (sector_shift + cluster_shift);
  }
  if (t == "ext2" || t == "ext3" || t == "ext4") {
    if (b.size() < 1024 + 60) return bad(t, "superblock not in the data");
    if (b[1024 + 56] != 0x53 || b[1024 + 57] != 0xEF) return bad(t, "superblock magic missing");
    const std::uint32_t log = b[1024 + 24] | b[1024 + 25] << 8 | b[1024 + 26] << 16 | static_cast<std::uint32_t>(b[1024 + 27]) << 24;
    if (log > 6) return bad(t, fmt::format("s_log_block_size {} is invalid", log));
    return std::uint64_t{1024} << log;
  }
  return make_error(ErrorCode::NotSupported, fmt::format("no cluster-size reader for {}", t), "volume start");
}

}  // namespace vmstick
