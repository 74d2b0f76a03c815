// SPDX-License-Identifier: GPL-3.0-or-later
// VirtualBox VDI, header version 1.1. All fields little-endian.
// Layout: VirtualBox src/VBox/Storage/VDICore.h (VDIPREHEADER + VDIHEADER1).
#include <algorithm>

#include "core/probes/image/endian.hpp"
#include "core/probes/image/formats.hpp"

namespace vmstick::image {
namespace {

struct VdiPreHeader {
  Field<64> file_info;  // banner text, "for eyes only": never used to detect
  Field<4> signature;
  Field<4> version;
};
struct VdiHeader1 {
  Field<4> header_size;
  Field<4> image_type;
  Field<4> flags;
  Field<256> comment;
  Field<4> blocks_offset;
  Field<4> data_offset;
  Field<16> legacy_geometry;
  Field<4> dummy;
  Field<8> disk_size;
  Field<4> block_size;
  Field<4> block_extra;
  Field<4> blocks;
  Field<4> blocks_allocated;
  Field<16> uuid_create;
  Field<16> uuid_modify;
  Field<16> uuid_linkage;
  Field<16> uuid_parent_modify;
};
static_assert(sizeof(VdiPreHeader) == 72, "VDICore.h: VDIPREHEADER is 72 bytes");
static_assert(sizeof(VdiHeader1) == 384, "VDICore.h: VDIHEADER1 is 384 bytes (cbHeader), 0x48..0x1C8");

constexpr std::uint32_t kSignature = 0xBEDA107F;
constexpr std::uint32_t kTypeNormal = 1, kTypeFixed = 2, kTypeUndo = 3, kTypeDiff = 4;
constexpr std::uint32_t kBlockFree = 0xFFFFFFFF, kBlockZero = 0xFFFFFFFE;
// 16 Mi entries × 1 MiB blocks = 16 TiB: VirtualBox's own maximum is smaller.
constexpr std::uint64_t kMaxBlocks = 16u << 20;
constexpr std::uint64_t kMapChunk = 256 * 1024;

bool null_uuid(const Field<16>& u) { return std::all_of(u.begin(), u.end(), [](std::uint8_t b) { return b == 0; }); }

}  // namespace

int sniff_vdi(const Sniff& s) {
  if (s.head.size() < 72 || le32(s.head, 0x40) != kSignature) return 0;
  return le32(s.head, 0x44) == 0x00010001 ? 100 : 60;
}

Result<DiskInfo> parse_vdi(ByteSource& src) {
  if (src.size() < sizeof(VdiPreHeader)) return not_this_format(src, "VDI");
  std::vector<std::uint8_t> buf(sizeof(VdiPreHeader) + sizeof(VdiHeader1), 0);
  if (auto st = src.read_at(0, std::span(buf).first(sizeof(VdiPreHeader)), "VDI pre-header"); !st) return st.error();
  const auto pre = load<VdiPreHeader>(buf);
  if (get_le(pre.signature) != kSignature) return not_this_format(src, "VDI");
  if (get_le(pre.version) != 0x00010001)
    return unsupported(src, "VDI: header version " + hex64(get_le(pre.version)) + " is not 1.1");
  if (auto st = src.read_at(sizeof(VdiPreHeader), std::span(buf).subspan(sizeof(VdiPreHeader)), "VDI header"); !st)
    return st.error();
  const auto h = load<VdiHeader1>(std::span(buf).subspan(sizeof(VdiPreHeader)));

  DiskInfo info;
  info.format = "vdi";
  const auto type = get_le(h.image_type);
  switch (type) {
    case kTypeNormal: info.variant = "dynamic"; break;
    case kTypeFixed: info.variant = "fixed"; break;
    case kTypeDiff: info.variant = "differencing"; break;
    case kTypeUndo: return unsupported(src, "VDI: undo images (type 3) are not analysed");
    default: return corrupt(src, "image type", std::to_string(type) + " is not 1 (dynamic), 2 (fixed) or 4 (differencing)");
  }
  info.virtual_size = get_le(h.disk_size);
  const auto block = get_le(h.block_size);
  if (block == 0 || block > (256u << 20) || (block & (block - 1)) != 0)
    return corrupt(src, "block size", std::to_string(block) + " is not a power of two up to 256 MiB");
  info.cluster_size = static_cast<std::uint32_t>(block);
  const auto blocks = get_le(h.blocks);
  if (blocks > kMaxBlocks) return corrupt(src, "block count", std::to_string(blocks) + " is more than vmstick accepts (16 Mi)");
  if (blocks * block < info.virtual_size)
    return corrupt(src, "disk size", std::to_string(info.virtual_size) + " bytes do not fit in " + std::to_string(blocks) + " blocks of " + std::to_string(block) + " bytes");
  const auto map_off = get_le(h.blocks_offset);
  const auto data_off = get_le(h.data_offset);
  if (map_off + blocks * 4 > src.size())
    return corrupt(src, "block map offset", "the block map at " + std::to_string(map_off) + " runs past the end of the file");
  info.own_id = guid_text(h.uuid_create, 0);
  if (type == kTypeDiff) {
    if (null_uuid(h.uuid_linkage)) return corrupt(src, "parent UUID", "a differencing image has no parent UUID");
    ParentRef p;
    p.expected_id = guid_text(h.uuid_linkage, 0);
    p.id_field = "parent UUID (uuidLinkage)";
    info.parent = p;
  }

  // Count allocated blocks from the map itself; the header's own counter is
  // only cross-checked.
  std::uint64_t allocated = 0;
  const std::uint64_t max_block_index = src.size() > data_off ? (src.size() - data_off) / block : 0;
  std::vector<std::uint8_t> chunk;
  for (std::uint64_t i = 0; i < blocks;) {
    const std::uint64_t n = std::min<std::uint64_t>(blocks - i, kMapChunk / 4);
    chunk.resize(static_cast<std::size_t>(n * 4));
    if (auto st = src.read_at(map_off + i * 4, chunk, "block map"); !st) return st.error();
    for (std::uint64_t j = 0; j < n; ++j) {
      const std::uint32_t e = le32(chunk, static_cast<std::size_t>(j * 4));
      if (e == kBlockFree || e == kBlockZero) continue;
      if (e >= max_block_index)
        return corrupt(src, "block map entry " + std::to_string(i + j), "points to block " + std::to_string(e) + ", past the end of the file");
      ++allocated;
    }
    i += n;
  }
  if (allocated != get_le(h.blocks_allocated))
    info.notes.push_back("header says " + std::to_string(get_le(h.blocks_allocated)) + " blocks are allocated, the block map has " + std::to_string(allocated));
  info.allocated_bytes = allocated * block;
  return info;
}

}  // namespace vmstick::image
