// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// MBR and GPT partition tables read from raw bytes (an image file, or a
// device the OS lets us read). Only reads; the source decides what is reachable.
#include <cstdint>
#include <string>
#include <vector>

#include "core/result.hpp"

namespace vmstick {

// Random access to a disk's bytes. Implementations cap nothing: the parser
// never asks for more than 64 KiB at once.
class ByteSource {
 public:
  virtual ~ByteSource() = default;
  virtual Result<std::vector<std::uint8_t>> read(std::uint64_t offset, std::size_t length) const = 0;
  virtual std::uint64_t size() const = 0;
};

struct PartitionEntry {
  std::uint32_t number{0};       // 1-based, as the OS numbers them
  std::uint64_t start_lba{0};
  std::uint64_t size_lba{0};
  std::string type;              // MBR: "0x0c"; GPT: type GUID in lower case
};

struct PartitionTable {
  std::string scheme;            // "mbr", "gpt" or "none"
  std::uint32_t sector_bytes{512};
  std::vector<PartitionEntry> partitions;
};

// "none" when sector 0 has no 0x55AA signature (a superfloppy filesystem or a
// blank disk); Corrupt when a table exists but points outside the disk or
// its GPT header is damaged. At most 128 GPT entries are read.
Result<PartitionTable> parse_partition_table(const ByteSource& disk, std::uint32_t sector_bytes = 512);

// Whether a byte offset is a multiple of the alignment (1 MiB, 4 KiB).
constexpr bool is_aligned(std::uint64_t offset, std::uint64_t alignment) { return alignment && offset % alignment == 0; }

}  // namespace vmstick
