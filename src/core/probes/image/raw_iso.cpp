// SPDX-License-Identifier: GPL-3.0-or-later
// ISO 9660 optical images and raw disk images (no header at all).
#include "core/probes/image/endian.hpp"
#include "core/probes/image/formats.hpp"

namespace vmstick::image {
namespace {

// ECMA-119 8.4: the Primary Volume Descriptor, first of the descriptors that
// start at sector 16 (byte 0x8000).
struct IsoPrimaryVolumeDescriptor {
  Field<1> type;  // 1
  Field<5> id;    // "CD001"
  Field<1> version;
  Field<1> unused1;
  Field<32> system_id;
  Field<32> volume_id;
  Field<8> unused2;
  Field<4> space_size_le;
  Field<4> space_size_be;
  Field<32> unused3;
  Field<2> set_size_le;
  Field<2> set_size_be;
  Field<2> sequence_le;
  Field<2> sequence_be;
  Field<2> block_size_le;
  Field<2> block_size_be;
};
static_assert(sizeof(IsoPrimaryVolumeDescriptor) == 132, "ECMA-119: logical block size ends at byte 132");
constexpr std::uint64_t kPvdOffset = 0x8000;

}  // namespace

int sniff_iso(const Sniff& s) { return bytes_equal(s.head, kPvdOffset + 1, "CD001") ? 90 : 0; }

Result<DiskInfo> parse_iso(ByteSource& src) {
  if (src.size() < kPvdOffset + sizeof(IsoPrimaryVolumeDescriptor)) return not_this_format(src, "ISO 9660");
  std::vector<std::uint8_t> b(sizeof(IsoPrimaryVolumeDescriptor));
  if (auto st = src.read_at(kPvdOffset, b, "primary volume descriptor"); !st) return st.error();
  if (!bytes_equal(b, 1, "CD001")) return not_this_format(src, "ISO 9660");
  const auto pvd = load<IsoPrimaryVolumeDescriptor>(b);
  if (get_le(pvd.type) != 1) return unsupported(src, "ISO 9660: the first volume descriptor is not a primary one");
  const auto blocks = get_le(pvd.space_size_le);
  const auto block = get_le(pvd.block_size_le);
  if (blocks != get_be(pvd.space_size_be)) return corrupt(src, "volume space size", "the little- and big-endian copies differ");
  if (block != 512 && block != 1024 && block != 2048) return corrupt(src, "logical block size", std::to_string(block) + " is not 512, 1024 or 2048");
  DiskInfo info;
  info.format = "iso";
  info.variant = "ISO 9660";
  // The hypervisor sees the whole file; the volume size is a consistency check.
  info.virtual_size = src.size();
  info.allocated_bytes = src.size();
  info.cluster_size = static_cast<std::uint32_t>(block);
  if (blocks * block > src.size()) info.notes.push_back("the volume claims " + std::to_string(blocks * block) + " bytes but the file is shorter (truncated download?)");
  return info;
}

Result<DiskInfo> parse_raw(ByteSource& src) {
  DiskInfo info;
  info.format = "raw";
  info.variant = "fixed";
  info.virtual_size = src.size();
  // No allocation table: how much a sparse raw file occupies is the
  // filesystem's business, so allocated_bytes stays unknown.
  std::vector<std::uint8_t> b(512);
  if (src.size() >= 1024) {
    if (auto st = src.read_at(512, b, "GPT header"); st && bytes_equal(b, 0, "EFI PART")) info.notes.push_back("GPT partition table");
  }
  if (src.size() >= 512) {
    if (auto st = src.read_at(0, b, "MBR"); st && b[510] == 0x55 && b[511] == 0xAA) info.notes.push_back("MBR boot signature");
  }
  return info;
}

}  // namespace vmstick::image
