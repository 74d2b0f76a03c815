// SPDX-License-Identifier: GPL-3.0-or-later
// Microsoft VHDX: fixed, dynamic and differencing. All fields little-endian.
// Layout: [MS-VHDX] sections 2.2 (headers), 2.3 (region table), 2.5 (BAT),
// 2.6 (metadata). GUIDs are compared in their text form.
#include <algorithm>
#include <cctype>

#include "core/probes/image/endian.hpp"
#include "core/probes/image/formats.hpp"

namespace vmstick::image {
namespace {

struct VhdxHeader {
  Field<4> signature;  // "head"
  Field<4> checksum;
  Field<8> sequence_number;
  Field<16> file_write_guid;
  Field<16> data_write_guid;
  Field<16> log_guid;
  Field<2> log_version;
  Field<2> version;
  Field<4> log_length;
  Field<8> log_offset;
};
static_assert(sizeof(VhdxHeader) == 80, "MS-VHDX 2.2.2: header fields end at byte 80");
struct VhdxRegionEntry {
  Field<16> guid;
  Field<8> file_offset;
  Field<4> length;
  Field<4> required;
};
static_assert(sizeof(VhdxRegionEntry) == 32);
struct VhdxMetadataEntry {
  Field<16> item_id;
  Field<4> offset;
  Field<4> length;
  Field<4> flags;
  Field<4> reserved;
};
static_assert(sizeof(VhdxMetadataEntry) == 32);

constexpr std::uint64_t k64K = 64 * 1024;
constexpr std::uint64_t k1M = 1024 * 1024;
constexpr const char* kBatRegion = "2dc27766-f623-4200-9d64-115e9bfd4a08";
constexpr const char* kMetadataRegion = "8b7ca206-4790-4b9a-b8fe-575f050f886e";
constexpr const char* kFileParameters = "caa16737-fa36-4d43-b3b6-33f0aa44e76b";
constexpr const char* kVirtualDiskSize = "2fa54224-cd1b-4876-b211-5dbed83bf4b8";
constexpr const char* kLogicalSectorSize = "8141bf1d-a96f-4709-ba47-f233a8faab5f";
constexpr const char* kPhysicalSectorSize = "cda348c7-445d-4471-9cc9-e9885251c556";
constexpr const char* kVirtualDiskId = "beca12ab-b2e6-4523-93ef-c309e000c746";
constexpr const char* kParentLocator = "a8d35f2d-b30b-454d-abf7-d3d84834ab0c";
constexpr const char* kVhdxParentLocatorType = "b04aefb7-d19e-4a81-b789-25b8e9445913";  // MS-VHDX 2.6.2.6.3
constexpr std::uint64_t kMaxVirtualSize = 64ull << 40;  // MS-VHDX 2.6.2.2
constexpr std::uint64_t kBatChunkEntries = 32 * 1024;

bool null_guid(const Field<16>& g) { return std::all_of(g.begin(), g.end(), [](std::uint8_t b) { return b == 0; }); }

// A 4 KiB header is valid when its signature and CRC-32C (computed with the
// checksum field zeroed) match.
bool header_valid(std::vector<std::uint8_t> b) {
  if (!bytes_equal(b, 0, "head")) return false;
  const std::uint32_t stored = le32(b, 4);
  std::fill(b.begin() + 4, b.begin() + 8, 0);
  return crc32c(b) == stored;
}

std::string normalise_guid(std::string s) {
  s.erase(std::remove_if(s.begin(), s.end(), [](char c) { return c == '{' || c == '}'; }), s.end());
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

Status parse_parent_locator(ByteSource& src, std::span<const std::uint8_t> item, DiskInfo& info) {
  if (item.size() < 20) return corrupt(src, "parent locator", "shorter than its 20-byte header");
  // Other locator types (a parent that is not a VHDX file, a SAN LUN) are
  // allowed by MS-VHDX 2.6.2.6 and give their keys other meanings: reading
  // them as VHDX keys would call a valid file corrupt.
  if (const std::string type = guid_text(item, 0); type != kVhdxParentLocatorType)
    return unsupported(src, "VHDX: parent locator type " + type + " is not the VHDX parent locator (" + kVhdxParentLocatorType + ")");
  const auto count = le16(item, 18);
  if (20 + std::size_t{count} * 12 > item.size()) return corrupt(src, "parent locator", "key/value count " + std::to_string(count) + " runs past the item");
  ParentRef p;
  p.id_field = "parent_linkage";
  std::string relative, volume, absolute;
  for (std::size_t i = 0; i < count; ++i) {
    const std::size_t e = 20 + i * 12;
    const auto ko = le32(item, e), vo = le32(item, e + 4);
    const auto kl = le16(item, e + 8), vl = le16(item, e + 10);
    if (ko > item.size() || kl > item.size() - ko || vo > item.size() || vl > item.size() - vo)
      return corrupt(src, "parent locator entry " + std::to_string(i), "key or value lies outside the item");
    const std::string key = utf16_to_utf8(item.subspan(ko, kl), false);
    const std::string value = utf16_to_utf8(item.subspan(vo, vl), false);
    if (key == "parent_linkage") p.expected_id = normalise_guid(value);
    else if (key == "relative_path") relative = value;
    else if (key == "volume_path") volume = value;
    else if (key == "absolute_win32_path") absolute = value;
  }
  if (p.expected_id.empty()) return corrupt(src, "parent locator", "the required parent_linkage key is missing");
  for (const auto* s : {&relative, &volume, &absolute})
    if (!s->empty()) p.path_hints.push_back(*s);
  info.parent = p;
  return Ok{};
}

}  // namespace

int sniff_vhdx(const Sniff& s) { return bytes_equal(s.head, 0, "vhdxfile") ? 100 : 0; }

Result<DiskInfo> parse_vhdx(ByteSource& src) {
  std::vector<std::uint8_t> ident(8);
  if (src.size() < 8) return not_this_format(src, "VHDX");
  if (auto st = src.read_at(0, ident, "file type identifier"); !st) return st.error();
  if (!bytes_equal(ident, 0, "vhdxfile")) return not_this_format(src, "VHDX");
  if (src.size() < 5 * k64K) return corrupt(src, "header section", "the file (" + std::to_string(src.size()) + " bytes) ends inside the 1 MiB header section");

  // Two headers; the valid one with the higher sequence number is current.
  std::optional<VhdxHeader> current;
  for (std::uint64_t off : {k64K, 2 * k64K}) {
    auto b = read_bytes(src, off, 4096, 4096, "VHDX header");
    if (!b) return b.error();
    if (!header_valid(*b)) continue;
    auto h = load<VhdxHeader>(*b);
    if (!current || get_le(h.sequence_number) > get_le(current->sequence_number)) current = h;
  }
  if (!current) return corrupt(src, "headers 1 and 2", "neither has a valid signature and CRC-32C");
  if (get_le(current->version) != 1) return unsupported(src, "VHDX: header version " + std::to_string(get_le(current->version)) + " is not 1");

  DiskInfo info;
  info.format = "vhdx";
  info.own_id = guid_text(current->data_write_guid, 0);
  if (!null_guid(current->log_guid)) {
    info.needs_repair = true;
    info.repair_reason = "the log holds updates not yet applied (LogGuid is set): Hyper-V or QEMU replays it on the next read-write open";
  }

  // Region table 1 (table 2 is an identical copy).
  std::optional<std::pair<std::uint64_t, std::uint64_t>> bat_region, meta_region;
  {
    std::vector<std::uint8_t> rt;
    bool ok = false;
    for (std::uint64_t off : {3 * k64K, 4 * k64K}) {
      auto b = read_bytes(src, off, k64K, k64K, "region table");
      if (!b) return b.error();
      rt = std::move(*b);
      if (!bytes_equal(rt, 0, "regi")) continue;
      const std::uint32_t stored = le32(rt, 4);
      std::fill(rt.begin() + 4, rt.begin() + 8, 0);
      if (crc32c(rt) == stored) { ok = true; break; }
    }
    if (!ok) return corrupt(src, "region tables 1 and 2", "neither has a valid signature and CRC-32C");
    const auto count = le32(rt, 8);
    if (count > 2047) return corrupt(src, "region table entry count", std::to_string(count) + " is more than 2047");
    for (std::uint32_t i = 0; i < count; ++i) {
      const auto e = load<VhdxRegionEntry>(std::span(rt).subspan(16 + i * 32));
      const std::string guid = guid_text(e.guid, 0);
      const std::uint64_t off = get_le(e.file_offset), len = get_le(e.length);
      if (off % k1M != 0 || off < k1M || off > src.size() || len > src.size() - off)
        return corrupt(src, "region " + guid, "offset " + std::to_string(off) + " length " + std::to_string(len) + " is not a 1 MiB-aligned range inside the file");
      if (guid == kBatRegion) bat_region = {off, len};
      else if (guid == kMetadataRegion) meta_region = {off, len};
      else if (get_le(e.required) & 1) return unsupported(src, "VHDX: required region " + guid + " is unknown");
    }
  }
  if (!bat_region || !meta_region) return corrupt(src, "region table", "the BAT or metadata region is missing");

  // Metadata table and items.
  auto mt = read_bytes(src, meta_region->first, k64K, k64K, "metadata table");
  if (!mt) return mt.error();
  if (!bytes_equal(*mt, 0, "metadata")) return corrupt(src, "metadata table", "no \"metadata\" signature");
  const auto mcount = le16(*mt, 10);
  if (mcount > 2047) return corrupt(src, "metadata entry count", std::to_string(mcount) + " is more than 2047");
  std::uint64_t block = 0, vsize = 0, logical = 0;
  bool leave_allocated = false, has_parent = false, have_vsize = false;
  std::vector<std::uint8_t> locator;
  for (std::uint32_t i = 0; i < mcount; ++i) {
    const auto e = load<VhdxMetadataEntry>(std::span(*mt).subspan(32 + i * 32));
    const std::string id = guid_text(e.item_id, 0);
    const std::uint64_t off = get_le(e.offset), len = get_le(e.length);
    if (len == 0) continue;
    if (off < k64K || off > meta_region->second || len > meta_region->second - off || len > k1M)
      return corrupt(src, "metadata item " + id, "offset " + std::to_string(off) + " length " + std::to_string(len) + " lies outside the metadata region");
    auto item = read_bytes(src, meta_region->first + off, len, k1M, "metadata item " + id);
    if (!item) return item.error();
    auto need = [&](std::size_t n) { return item->size() >= n; };
    if (id == kFileParameters && need(8)) {
      block = le32(*item, 0);
      leave_allocated = le32(*item, 4) & 1;
      has_parent = le32(*item, 4) & 2;
    } else if (id == kVirtualDiskSize && need(8)) {
      vsize = le64(*item, 0);
      have_vsize = true;
    } else if (id == kLogicalSectorSize && need(4)) {
      logical = le32(*item, 0);
    } else if (id == kParentLocator) {
      locator = std::move(*item);
    } else if (id != kPhysicalSectorSize && id != kVirtualDiskId && (get_le(e.flags) & 4)) {
      return unsupported(src, "VHDX: required metadata item " + id + " is unknown");
    }
  }
  if (block < k1M || block > 256 * k1M || (block & (block - 1)) != 0)
    return corrupt(src, "file parameters block size", std::to_string(block) + " is not a power of two between 1 MiB and 256 MiB");
  if (!have_vsize || vsize == 0 || vsize > kMaxVirtualSize)
    return corrupt(src, "virtual disk size", std::to_string(vsize) + " is missing, zero or above 64 TiB");
  if (logical != 512 && logical != 4096) return corrupt(src, "logical sector size", std::to_string(logical) + " is neither 512 nor 4096");
  info.virtual_size = vsize;
  info.cluster_size = static_cast<std::uint32_t>(block);
  info.variant = has_parent ? "differencing" : leave_allocated ? "fixed" : "dynamic";
  if (has_parent) {
    if (locator.empty()) return corrupt(src, "parent locator", "a differencing image has no parent locator");
    if (auto st = parse_parent_locator(src, locator, info); !st) return st.error();
  }

  // BAT: payload entries interleaved with one sector-bitmap entry per chunk.
  const std::uint64_t chunk_ratio = (std::uint64_t{1} << 23) * logical / block;
  const std::uint64_t payload = (vsize + block - 1) / block;
  const std::uint64_t entries = has_parent ? ((payload + chunk_ratio - 1) / chunk_ratio) * (chunk_ratio + 1)
                                           : payload + (payload - 1) / chunk_ratio;
  if (entries * 8 > bat_region->second)
    return corrupt(src, "BAT region length", std::to_string(bat_region->second) + " bytes cannot hold " + std::to_string(entries) + " entries");
  std::uint64_t payload_present = 0, bitmaps_present = 0;
  std::vector<std::uint8_t> chunk;
  for (std::uint64_t i = 0; i < entries;) {
    const std::uint64_t n = std::min(entries - i, kBatChunkEntries);
    chunk.resize(static_cast<std::size_t>(n * 8));
    if (auto st = src.read_at(bat_region->first + i * 8, chunk, "BAT"); !st) return st.error();
    for (std::uint64_t j = 0; j < n; ++j) {
      const std::uint64_t e = le64(chunk, static_cast<std::size_t>(j * 8));
      const std::uint64_t state = e & 7;
      const bool is_bitmap = ((i + j) % (chunk_ratio + 1)) == chunk_ratio;
      const bool present = is_bitmap ? state == 6 : (state == 6 || state == 7);
      if (!present) continue;
      const std::uint64_t off = (e >> 20) * k1M;
      if (off < k1M || off >= src.size())
        return corrupt(src, "BAT entry " + std::to_string(i + j), "block offset " + std::to_string(off) + " lies outside the file");
      ++(is_bitmap ? bitmaps_present : payload_present);
    }
    i += n;
  }
  info.allocated_bytes = payload_present * block + bitmaps_present * k1M;
  return info;
}

}  // namespace vmstick::image
