// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/probes/drive/partition_table.hpp"

#include <fmt/format.h>

namespace vmstick {
namespace {

std::uint32_t le32(const std::vector<std::uint8_t>& b, std::size_t at) {
  return static_cast<std::uint32_t>(b[at]) | static_cast<std::uint32_t>(b[at + 1]) << 8 |
         static_cast<std::uint32_t>(b[at + 2]) << 16 | static_cast<std::uint32_t>(b[at + 3]) << 24;
}
std::uint64_t le64(const std::vector<std::uint8_t>& b, std::size_t at) {
  return static_cast<std::uint64_t>(le32(b, at)) | static_cast<std::uint64_t>(le32(b, at + 4)) << 32;
}

// GUIDs are stored mixed-endian: the first three fields little-endian.
std::string guid_string(const std::vector<std::uint8_t>& b, std::size_t at) {
  return fmt::format("{:08x}-{:04x}-{:04x}-{:02x}{:02x}-{:02x}{:02x}{:02x}{:02x}{:02x}{:02x}", le32(b, at),
                     b[at + 4] | b[at + 5] << 8, b[at + 6] | b[at + 7] << 8, b[at + 8], b[at + 9], b[at + 10],
                     b[at + 11], b[at + 12], b[at + 13], b[at + 14], b[at + 15]);
}

Error corrupt(std::string what, std::string where) { return make_error(ErrorCode::Corrupt, std::move(what), std::move(where)); }

Result<PartitionTable> parse_gpt(const ByteSource& disk, std::uint32_t ss) {
  auto hdr = disk.read(ss, ss);
  if (!hdr) return hdr.error();
  const auto& h = *hdr;
  if (h.size() < 92 || std::string(h.begin(), h.begin() + 8) != "EFI PART") {
    return corrupt("protective MBR present but the GPT header at LBA 1 has no \"EFI PART\" signature", "GPT header");
  }
  const std::uint64_t entries_lba = le64(h, 72);
  const std::uint32_t count = le32(h, 80);
  const std::uint32_t entry_size = le32(h, 84);
  if (entry_size < 128 || entry_size > 1024 || entry_size % 8 != 0) {
    return corrupt(fmt::format("GPT partition entry size {} is invalid", entry_size), "GPT header");
  }
  const std::uint32_t n = count > 128 ? 128 : count;
  const std::uint64_t total_sectors = disk.size() / ss;
  if (entries_lba == 0 || entries_lba >= total_sectors) {
    return corrupt(fmt::format("GPT entry array at LBA {} lies outside the disk", entries_lba), "GPT header");
  }
  auto arr = disk.read(entries_lba * ss, static_cast<std::size_t>(n) * entry_size);
  if (!arr) return arr.error();
  if (arr->size() < static_cast<std::size_t>(n) * entry_size) return corrupt("GPT entry array is cut short", "GPT entries");
  PartitionTable t{"gpt", ss, {}};
  for (std::uint32_t i = 0; i < n; ++i) {
    const std::size_t at = static_cast<std::size_t>(i) * entry_size;
    const std::uint64_t first = le64(*arr, at + 32), last = le64(*arr, at + 40);
    bool unused = true;
    for (std::size_t k = 0; k < 16; ++k) unused = unused && (*arr)[at + k] == 0;
    if (unused) continue;
    if (last < first || last >= total_sectors) {
      return corrupt(fmt::format("GPT entry {} spans LBA {}..{}, outside the disk", i + 1, first, last), "GPT entries");
    }
    t.partitions.push_back({i + 1, first, last - first + 1, guid_string(*arr, at)});
  }
  return t;
}

// A whole-disk FAT/exFAT/NTFS volume also ends sector 0 with 0x55AA; its
// OEM name (offset 3) or FAT type string (offset 54 / 82) gives it away.
bool is_filesystem_boot_sector(const std::vector<std::uint8_t>& m) {
  auto at = [&](std::size_t off, std::string_view s) { return std::string_view(reinterpret_cast<const char*>(m.data()) + off, s.size()) == s; };
  return at(3, "EXFAT   ") || at(3, "NTFS    ") || at(54, "FAT1") || at(82, "FAT32   ");
}

}  // namespace

Result<PartitionTable> parse_partition_table(const ByteSource& disk, std::uint32_t ss) {
  if (ss < 512 || ss > 4096 || (ss & (ss - 1)) != 0) {
    return make_error(ErrorCode::InvalidArgument, fmt::format("sector size {} is not 512..4096", ss), "partition table");
  }
  auto mbr = disk.read(0, ss);
  if (!mbr) return mbr.error();
  const auto& m = *mbr;
  if (m.size() < 512) return corrupt("disk is smaller than one sector", "sector 0");
  if (m[510] != 0x55 || m[511] != 0xAA) return PartitionTable{"none", ss, {}};
  if (is_filesystem_boot_sector(m)) return PartitionTable{"none", ss, {}};
  const std::uint64_t total_sectors = disk.size() / ss;
  PartitionTable t{"mbr", ss, {}};
  for (std::uint32_t i = 0; i < 4; ++i) {
    const std::size_t at = 446 + i * 16;
    const std::uint8_t type = m[at + 4];
    if (type == 0) continue;
    if (type == 0xEE) return parse_gpt(disk, ss);
    const std::uint64_t start = le32(m, at + 8), count = le32(m, at + 12);
    if (start == 0 || count == 0 || start + count > total_sectors) {
      // A FAT boot sector also ends in 0x55AA; its "entries" are code bytes.
      // Treat a table that does not fit the disk as corrupt, not as partitions.
      return corrupt(fmt::format("MBR entry {} spans sectors {}+{}, outside a disk of {} sectors", i + 1, start, count,
                                 total_sectors),
                     "MBR");
    }
    t.partitions.push_back({i + 1, start, count, fmt::format("0x{:02x}", type)});
  }
  return t;
}

}  // namespace vmstick
