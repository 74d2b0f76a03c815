// SPDX-License-Identifier: GPL-3.0-or-later
// Microsoft VHD (Virtual PC / Hyper-V): fixed, dynamic and differencing.
// All fields big-endian. Layout: Microsoft "Virtual Hard Disk Image Format
// Specification" 1.0 (footer, dynamic disk header, BAT, parent locators).
#include <algorithm>

#include "core/probes/image/endian.hpp"
#include "core/probes/image/formats.hpp"

namespace vmstick::image {
namespace {

struct VhdFooter {
  Field<8> cookie;  // "conectix"
  Field<4> features;
  Field<4> version;
  Field<8> data_offset;
  Field<4> timestamp;
  Field<4> creator_app;
  Field<4> creator_version;
  Field<4> creator_os;
  Field<8> original_size;
  Field<8> current_size;
  Field<2> cylinders;
  Field<1> heads;
  Field<1> sectors;
  Field<4> disk_type;
  Field<4> checksum;
  Field<16> unique_id;
  Field<1> saved_state;
  Field<427> reserved;
};
static_assert(sizeof(VhdFooter) == 512, "VHD spec: the footer is 512 bytes");

struct VhdParentLocator {
  Field<4> platform_code;
  Field<4> data_space;
  Field<4> data_length;
  Field<4> reserved;
  Field<8> data_offset;
};
struct VhdDynamicHeader {
  Field<8> cookie;  // "cxsparse"
  Field<8> data_offset;
  Field<8> table_offset;
  Field<4> version;
  Field<4> max_table_entries;
  Field<4> block_size;
  Field<4> checksum;
  Field<16> parent_uuid;
  Field<4> parent_timestamp;
  Field<4> reserved;
  Field<512> parent_unicode_name;
  std::array<VhdParentLocator, 8> locators;
  Field<256> reserved2;
};
static_assert(sizeof(VhdParentLocator) == 24);
static_assert(sizeof(VhdDynamicHeader) == 1024, "VHD spec: the dynamic disk header is 1024 bytes");

constexpr std::uint32_t kFixed = 2, kDynamic = 3, kDifferencing = 4;
constexpr std::uint32_t kUnallocated = 0xFFFFFFFF;
// 2040 GiB (the format's limit) / 512 KiB, the smallest block anyone uses.
constexpr std::uint64_t kMaxBatEntries = 4u << 20;
constexpr std::uint64_t kMaxLocatorBytes = 4096;

std::uint32_t footer_checksum(std::span<const std::uint8_t> f) {
  std::uint32_t sum = 0;
  for (std::size_t i = 0; i < f.size(); ++i)
    if (i < 64 || i >= 68) sum += f[i];
  return ~sum;
}

std::string uuid_be(const Field<16>& u) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", u[0], u[1], u[2], u[3],
                u[4], u[5], u[6], u[7], u[8], u[9], u[10], u[11], u[12], u[13], u[14], u[15]);
  return buf;
}

// QEMU 7.2 block/vpc.c: images from these creators are sized by current_size;
// older Virtual PC (and QEMU's own "qemu") images by CHS geometry.
std::uint64_t virtual_size(const VhdFooter& f) {
  const std::string app(f.creator_app.begin(), f.creator_app.end());
  const std::uint64_t chs = get_be(f.cylinders) * get_be(f.heads) * get_be(f.sectors) * 512;
  const bool by_size = app == "win " || app == "qem2" || app == "d2v " || app == "CTXS" || app == std::string("tap\0", 4) ||
                       (get_be(f.cylinders) == 65535 && get_be(f.heads) == 16 && get_be(f.sectors) == 255);
  return by_size ? get_be(f.current_size) : chs;
}

}  // namespace

int sniff_vhd(const Sniff& s) {
  if (s.tail.size() == 512 && bytes_equal(s.tail, 0, "conectix")) return 100;
  if (bytes_equal(s.head, 0, "conectix")) return 90;  // dynamic: copy at 0, footer damaged
  return 0;
}

Result<DiskInfo> parse_vhd(ByteSource& src) {
  if (src.size() < 512) return not_this_format(src, "VHD");
  std::vector<std::uint8_t> fb(512);
  if (auto st = src.read_at(src.size() - 512, fb, "VHD footer"); !st) return st.error();
  std::string where = "footer";
  if (!bytes_equal(fb, 0, "conectix")) {
    // A dynamic disk keeps a copy of the footer at offset 0.
    if (auto st = src.read_at(0, fb, "VHD footer copy"); !st) return st.error();
    if (!bytes_equal(fb, 0, "conectix")) return not_this_format(src, "VHD");
    where = "footer copy at offset 0";
  }
  const auto f = load<VhdFooter>(fb);
  if (footer_checksum(fb) != get_be(f.checksum))
    return corrupt(src, "VHD " + where + " checksum", "stored " + hex64(get_be(f.checksum)) + ", computed " + hex64(footer_checksum(fb)));

  DiskInfo info;
  info.format = "vhd";
  info.own_id = uuid_be(f.unique_id);
  info.virtual_size = virtual_size(f);
  if (info.virtual_size > (2040ull << 30) + (1ull << 30))
    return corrupt(src, "current size", std::to_string(info.virtual_size) + " bytes is beyond the VHD limit of 2040 GiB");
  if (where != "footer") info.notes.push_back("the footer at the end of the file is missing or damaged; used the copy at offset 0");
  const auto type = get_be(f.disk_type);
  if (type == kFixed) {
    info.variant = "fixed";
    info.allocated_bytes = src.size() - 512;
    if (src.size() - 512 < info.virtual_size)
      return corrupt(src, "current size", "a fixed VHD of " + std::to_string(info.virtual_size) + " bytes needs that much data before the footer, the file holds " + std::to_string(src.size() - 512));
    return info;
  }
  if (type != kDynamic && type != kDifferencing)
    return corrupt(src, "disk type", std::to_string(type) + " is not 2 (fixed), 3 (dynamic) or 4 (differencing)");
  info.variant = type == kDynamic ? "dynamic" : "differencing";

  const auto dh_off = get_be(f.data_offset);
  std::vector<std::uint8_t> hb(sizeof(VhdDynamicHeader));
  if (auto st = src.read_at(dh_off, hb, "dynamic disk header (footer data offset)"); !st) return st.error();
  if (!bytes_equal(hb, 0, "cxsparse")) return corrupt(src, "dynamic disk header", "no \"cxsparse\" cookie at offset " + std::to_string(dh_off));
  const auto dh = load<VhdDynamicHeader>(hb);
  const auto block = get_be(dh.block_size);
  if (block < 512 || block > (256u << 20) || (block & (block - 1)) != 0)
    return corrupt(src, "block size", std::to_string(block) + " is not a power of two between 512 bytes and 256 MiB");
  info.cluster_size = static_cast<std::uint32_t>(block);
  const auto entries = get_be(dh.max_table_entries);
  if (entries > kMaxBatEntries) return corrupt(src, "max table entries", std::to_string(entries) + " is more than vmstick accepts (4 Mi)");
  if (entries * block < info.virtual_size)
    return corrupt(src, "max table entries", std::to_string(entries) + " blocks of " + std::to_string(block) + " bytes cannot hold the virtual size");
  auto bat = read_bytes(src, get_be(dh.table_offset), entries * 4, kMaxBatEntries * 4, "block allocation table");
  if (!bat) return bat.error();
  std::uint64_t allocated = 0;
  for (std::uint64_t i = 0; i < entries; ++i) {
    const std::uint32_t e = be32(*bat, static_cast<std::size_t>(i * 4));
    if (e == kUnallocated) continue;
    if (std::uint64_t{e} * 512 >= src.size())
      return corrupt(src, "BAT entry " + std::to_string(i), "block at sector " + std::to_string(e) + " lies past the end of the file");
    ++allocated;
  }
  info.allocated_bytes = allocated * block;

  if (type == kDifferencing) {
    ParentRef p;
    p.expected_id = uuid_be(dh.parent_uuid);
    p.id_field = "parent UUID";
    // Locators in the spec's order of preference: relative, then absolute.
    for (const char* code : {"W2ru", "W2ku"}) {
      for (const auto& loc : dh.locators) {
        if (!bytes_equal(loc.platform_code, 0, code)) continue;
        auto data = read_bytes(src, get_be(loc.data_offset), get_be(loc.data_length), kMaxLocatorBytes, std::string("parent locator ") + code);
        if (!data) return data.error();
        p.path_hints.push_back(utf16_to_utf8(*data, false));
      }
    }
    const std::string unicode = utf16_to_utf8(dh.parent_unicode_name, true);
    if (!unicode.empty()) p.path_hints.push_back(unicode);
    info.parent = p;
  }
  return info;
}

}  // namespace vmstick::image
