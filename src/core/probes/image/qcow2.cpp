// SPDX-License-Identifier: GPL-3.0-or-later
// QCOW2 (QEMU copy-on-write, versions 2 and 3). All fields big-endian.
// Layout: QEMU docs/interop/qcow2.txt.
#include <algorithm>

#include "core/probes/image/endian.hpp"
#include "core/probes/image/formats.hpp"

namespace vmstick::image {
namespace {

struct Qcow2Header {
  Field<4> magic;  // "QFI\xfb"
  Field<4> version;
  Field<8> backing_file_offset;
  Field<4> backing_file_size;
  Field<4> cluster_bits;
  Field<8> size;
  Field<4> crypt_method;
  Field<4> l1_size;
  Field<8> l1_table_offset;
  Field<8> refcount_table_offset;
  Field<4> refcount_table_clusters;
  Field<4> nb_snapshots;
  Field<8> snapshots_offset;
  // Version 3 only from here.
  Field<8> incompatible_features;
  Field<8> compatible_features;
  Field<8> autoclear_features;
  Field<4> refcount_order;
  Field<4> header_length;
};
static_assert(sizeof(Qcow2Header) == 104, "qcow2.txt: the v3 header is 104 bytes");
constexpr std::size_t kV2HeaderSize = 72;

constexpr std::uint64_t kIncompatDirty = 1u << 0;
constexpr std::uint64_t kIncompatCorrupt = 1u << 1;
constexpr std::uint64_t kIncompatExternalData = 1u << 2;
constexpr std::uint64_t kIncompatCompressionType = 1u << 3;
constexpr std::uint64_t kIncompatExtendedL2 = 1u << 4;
constexpr std::uint64_t kIncompatKnown = 0x1F;

constexpr std::uint32_t kExtEnd = 0;
constexpr std::uint32_t kExtBackingFormat = 0xE2792ACA;
constexpr std::uint32_t kExtExternalData = 0x44415441;

constexpr std::uint64_t kL1OffsetMask = 0x00FFFFFFFFFFFE00ull;
constexpr std::uint64_t kL2Compressed = 1ull << 62;
constexpr std::uint64_t kL2ZeroFlag = 1ull;
// QEMU refuses L1 tables above 32 MiB (QCOW_MAX_L1_SIZE); so do we.
constexpr std::uint64_t kMaxL1Bytes = 32u << 20;
// qcow2.txt caps virtual sizes in practice at 2^61 (QCOW_MAX size); 2^63 etc. are corrupt.
constexpr std::uint64_t kMaxVirtualSize = 1ull << 61;

Status count_allocated(ByteSource& src, const Qcow2Header& h, std::uint32_t cluster_bits, bool extended_l2,
                       std::uint64_t& allocated, bool& compressed) {
  const std::uint64_t cluster = 1ull << cluster_bits;
  const std::uint64_t l1_size = get_be(h.l1_size);
  const std::uint64_t l1_off = get_be(h.l1_table_offset);
  auto l1 = read_bytes(src, l1_off, l1_size * 8, kMaxL1Bytes, "L1 table (l1_size × 8 bytes)");
  if (!l1) return l1.error();
  const std::size_t entry = extended_l2 ? 16 : 8;
  std::vector<std::uint8_t> l2(static_cast<std::size_t>(cluster));
  std::uint64_t clusters = 0;
  for (std::uint64_t i = 0; i < l1_size; ++i) {
    const std::uint64_t l2_off = be64(*l1, static_cast<std::size_t>(i * 8)) & kL1OffsetMask;
    if (l2_off == 0) continue;
    if (l2_off % cluster != 0) return corrupt(src, "L1 entry " + std::to_string(i), "L2 table offset " + hex64(l2_off) + " is not cluster-aligned");
    if (auto st = src.read_at(l2_off, l2, "L2 table of L1 entry " + std::to_string(i)); !st) return st;
    for (std::size_t j = 0; j + entry <= l2.size(); j += entry) {
      const std::uint64_t e = be64(l2, j);
      if (e & kL2Compressed) {
        compressed = true;
        ++clusters;
        continue;
      }
      const std::uint64_t host = e & kL1OffsetMask;
      // An all-zero cluster with a preallocated host cluster reads as zero:
      // qemu-img map reports it as no data, and so do we.
      if (host != 0 && !(e & kL2ZeroFlag)) {
        if (host >= src.size()) {
          return corrupt(src, "L2 entry " + std::to_string(j / entry) + " of L1 entry " + std::to_string(i),
                         "data cluster offset " + hex64(host) + " lies past the end of the file");
        }
        ++clusters;
      }
    }
  }
  allocated = clusters * cluster;
  return Ok{};
}

}  // namespace

int sniff_qcow2(const Sniff& s) {
  if (s.head.size() < 8 || !bytes_equal(s.head, 0, "QFI\xfb")) return 0;
  const auto v = be32(s.head, 4);
  return (v == 2 || v == 3) ? 100 : 60;
}

Result<DiskInfo> parse_qcow2(ByteSource& src) {
  std::vector<std::uint8_t> buf(sizeof(Qcow2Header), 0);
  const std::size_t want = static_cast<std::size_t>(std::min<std::uint64_t>(buf.size(), src.size()));
  if (want < 8) return not_this_format(src, "qcow2");
  if (auto st = src.read_at(0, std::span(buf).first(want), "qcow2 header"); !st) return st.error();
  if (!bytes_equal(buf, 0, "QFI\xfb")) return not_this_format(src, "qcow2");
  const auto h = load<Qcow2Header>(buf);
  const auto version = get_be(h.version);
  if (version == 1) return unsupported(src, "qcow2: legacy qcow version 1 images are not analysed");
  if (version != 2 && version != 3) return unsupported(src, "qcow2: header version " + std::to_string(version) + " is unknown");
  const std::size_t header_size = version == 2 ? kV2HeaderSize : sizeof(Qcow2Header);
  if (want < header_size) return corrupt(src, "qcow2 header", "the file ends inside the header (" + std::to_string(src.size()) + " bytes)");

  DiskInfo info;
  info.format = "qcow2";
  const auto cluster_bits = static_cast<std::uint32_t>(get_be(h.cluster_bits));
  if (cluster_bits < 9 || cluster_bits > 21) return corrupt(src, "cluster_bits", std::to_string(cluster_bits) + " is outside 9..21");
  info.cluster_size = 1u << cluster_bits;
  info.virtual_size = get_be(h.size);
  if (info.virtual_size > kMaxVirtualSize) return corrupt(src, "size", "virtual size " + std::to_string(info.virtual_size) + " is larger than 2^61 bytes");

  std::uint64_t incompat = 0;
  std::uint64_t header_length = kV2HeaderSize;
  if (version == 3) {
    incompat = get_be(h.incompatible_features);
    header_length = get_be(h.header_length);
    if (header_length < sizeof(Qcow2Header) || header_length > info.cluster_size)
      return corrupt(src, "header_length", std::to_string(header_length) + " is outside 104..cluster size");
  }
  if (incompat & ~kIncompatKnown)
    return unsupported(src, "qcow2: unknown incompatible feature bits " + hex64(incompat & ~kIncompatKnown) + " are set");
  if (incompat & kIncompatDirty) {
    info.needs_repair = true;
    info.repair_reason = "dirty bit set (refcounts may be stale after an unclean shutdown)";
  }
  if (incompat & kIncompatCorrupt) {
    info.needs_repair = true;
    info.repair_reason = "corrupt bit set (QEMU found inconsistent metadata)";
  }
  if (incompat & kIncompatExternalData) info.notes.push_back("guest data lives in an external data file");
  if (incompat & kIncompatCompressionType) info.notes.push_back("compression type is zstd");

  switch (get_be(h.crypt_method)) {
    case 0: break;
    case 1: info.encrypted = true; info.encryption = "aes"; break;
    case 2: info.encrypted = true; info.encryption = "luks"; break;
    default: return unsupported(src, "qcow2: crypt_method " + std::to_string(get_be(h.crypt_method)) + " is unknown");
  }
  if (get_be(h.nb_snapshots) != 0) info.notes.push_back(std::to_string(get_be(h.nb_snapshots)) + " internal snapshot(s)");

  // Backing file name, then header extensions (backing format).
  const std::uint64_t bf_off = get_be(h.backing_file_offset);
  ParentRef parent;
  if (bf_off != 0) {
    const std::uint64_t bf_size = get_be(h.backing_file_size);
    if (bf_size == 0 || bf_size > 1023) return corrupt(src, "backing_file_size", std::to_string(bf_size) + " is outside 1..1023");
    auto name = read_bytes(src, bf_off, bf_size, 1023, "backing file name");
    if (!name) return name.error();
    parent.path_hints.emplace_back(name->begin(), name->end());
  }
  // Extensions sit between the header and the end of the first cluster.
  {
    const std::uint64_t ext_end = std::min<std::uint64_t>(info.cluster_size, src.size());
    std::uint64_t off = header_length;
    for (int n = 0; n < 64 && off + 8 <= ext_end; ++n) {
      std::uint8_t eh[8];
      if (auto st = src.read_at(off, eh, "header extension"); !st) return st.error();
      const std::uint32_t type = be32(eh, 0);
      const std::uint32_t len = be32(eh, 4);
      if (type == kExtEnd) break;
      if (len > ext_end - off - 8) return corrupt(src, "header extension " + hex64(type), "length " + std::to_string(len) + " runs past the first cluster");
      if (type == kExtBackingFormat) {
        auto fmt = read_bytes(src, off + 8, len, 64, "backing format extension");
        if (!fmt) return fmt.error();
        parent.format_hint.assign(fmt->begin(), fmt->end());
      } else if (type == kExtExternalData) {
        info.notes.push_back("external data file extension present");
      }
      off += 8 + ((std::uint64_t{len} + 7) & ~std::uint64_t{7});
    }
  }
  if (!parent.path_hints.empty()) info.parent = parent;
  info.variant = info.parent ? "differencing" : "dynamic";

  std::uint64_t allocated = 0;
  if (auto st = count_allocated(src, h, cluster_bits, (incompat & kIncompatExtendedL2) != 0, allocated, info.compressed); !st) return st.error();
  info.allocated_bytes = allocated;
  return info;
}

}  // namespace vmstick::image
