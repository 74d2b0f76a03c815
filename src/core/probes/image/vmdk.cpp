// SPDX-License-Identifier: GPL-3.0-or-later
// VMware VMDK: the text descriptor and hosted sparse extents ("KDMV"),
// including streamOptimized. All binary fields little-endian.
// Layout: VMware "Virtual Disk Format 1.1" technote (SparseExtentHeader,
// grain directory/tables, descriptor file, stream markers).
#include <algorithm>

#include "core/probes/image/endian.hpp"
#include "core/probes/image/formats.hpp"
#include "core/text.hpp"

namespace vmstick::image {
namespace {

struct SparseExtentHeader {
  Field<4> magic;  // "KDMV"
  Field<4> version;
  Field<4> flags;
  Field<8> capacity;
  Field<8> grain_size;
  Field<8> descriptor_offset;
  Field<8> descriptor_size;
  Field<4> num_gtes_per_gt;
  Field<8> rgd_offset;
  Field<8> gd_offset;
  Field<8> overhead;
  Field<1> unclean_shutdown;
  Field<4> newline_check;
  Field<2> compress_algorithm;
  Field<433> pad;
};
static_assert(sizeof(SparseExtentHeader) == 512, "VMDK technote: the sparse extent header is one sector");

constexpr std::uint32_t kFlagZeroedGrain = 1u << 2;
constexpr std::uint32_t kFlagCompressed = 1u << 16;
constexpr std::uint64_t kGdAtEnd = ~std::uint64_t{0};
constexpr std::uint64_t kMaxDescriptorBytes = 1u << 20;
constexpr std::uint64_t kMaxGdBytes = 16u << 20;
// A hosted sparse extent is at most 2 TiB (2^32 sectors); a little slack.
constexpr std::uint64_t kMaxCapacitySectors = 1ull << 33;

std::string unquote(std::string_view v) {
  v = trim(v);
  if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
  return std::string(v);
}

// "RW 4192256 SPARSE "disk-s001.vmdk"" (offset only for FLAT).
std::optional<ExtentRef> parse_extent_line(std::string_view line) {
  ExtentRef e;
  const auto q1 = line.find('"');
  const auto q2 = q1 == std::string_view::npos ? q1 : line.find('"', q1 + 1);
  auto words = split_words(line.substr(0, q1));
  if (words.size() < 3) return std::nullopt;
  if (words[0] != "RW" && words[0] != "RDONLY" && words[0] != "NOACCESS") return std::nullopt;
  auto sectors = parse_number<std::uint64_t>(words[1]);
  if (!sectors) return std::nullopt;
  e.access = words[0];
  e.sectors = *sectors;
  e.type = words[2];
  if (q2 != std::string_view::npos) {
    e.file = std::string(line.substr(q1 + 1, q2 - q1 - 1));
    if (auto off = parse_number<std::uint64_t>(trim(line.substr(q2 + 1)))) e.offset_sectors = *off;
  } else if (e.type != "ZERO") {
    return std::nullopt;
  }
  return e;
}

Status count_grains(ByteSource& src, const SparseExtentHeader& h, std::uint64_t gd_offset, std::uint64_t& allocated) {
  const std::uint64_t grain = get_le(h.grain_size);
  const std::uint64_t gtes = get_le(h.num_gtes_per_gt);
  const std::uint64_t capacity = get_le(h.capacity);
  const bool zeroed_grain = get_le(h.flags) & kFlagZeroedGrain;
  const std::uint64_t per_gt = gtes * grain;
  const std::uint64_t gd_entries = (capacity + per_gt - 1) / per_gt;
  if (gd_offset > src.size() / 512) return corrupt(src, "grain directory offset", "sector " + std::to_string(gd_offset) + " lies past the end of the file");
  auto gd = read_bytes(src, gd_offset * 512, gd_entries * 4, kMaxGdBytes, "grain directory");
  if (!gd) return gd.error();
  // Writers lay the grain tables out back to back, so runs of them are read
  // in one request of up to 1 MiB: a 64 GiB image has 2048 tables, and one
  // read each would cost more than the parsing.
  const std::uint64_t gt_bytes = gtes * 4;
  const std::uint64_t gt_sectors = gt_bytes % 512 == 0 ? gt_bytes / 512 : 0;  // 0: tables cannot abut
  constexpr std::uint64_t kBatchBytes = 1 << 20;
  std::vector<std::uint8_t> tables;
  std::uint64_t grains = 0;
  for (std::uint64_t i = 0; i < gd_entries;) {
    const std::uint64_t gt_sector = le32(*gd, static_cast<std::size_t>(i * 4));
    if (gt_sector == 0) {
      ++i;
      continue;
    }
    std::uint64_t run = 1;
    while (gt_sectors != 0 && i + run < gd_entries && (run + 1) * gt_bytes <= kBatchBytes &&
           le32(*gd, static_cast<std::size_t>((i + run) * 4)) == gt_sector + run * gt_sectors)
      ++run;
    tables.resize(static_cast<std::size_t>(run * gt_bytes));
    if (auto st = src.read_at(gt_sector * 512, tables, "grain table " + std::to_string(i)); !st) {
      if (run == 1) return st;
      // Read the first table alone so a short file is reported for the
      // table that runs past its end, as without batching.
      run = 1;
      tables.resize(static_cast<std::size_t>(gt_bytes));
      if (auto one = src.read_at(gt_sector * 512, tables, "grain table " + std::to_string(i)); !one) return one;
    }
    for (std::uint64_t k = 0; k < run; ++k) {
      for (std::uint64_t j = 0; j < gtes; ++j) {
        const std::uint64_t e = le32(tables, static_cast<std::size_t>(k * gt_bytes + j * 4));
        if (e == 0 || (zeroed_grain && e == 1)) continue;
        if (e >= src.size() / 512)
          return corrupt(src, "grain table " + std::to_string(i + k) + " entry " + std::to_string(j),
                         "grain at sector " + std::to_string(e) + " lies past the end of the file");
        ++grains;
      }
    }
    i += run;
  }
  allocated = grains * grain * 512;
  return Ok{};
}

}  // namespace

int sniff_vmdk(const Sniff& s) {
  if (bytes_equal(s.head, 0, "KDMV")) return 100;
  if (bytes_equal(s.head, 0, "COWD")) return 80;
  // A descriptor is a small text file; QEMU probes the same way.
  if (s.size <= kMaxDescriptorBytes) {
    const std::string_view text(reinterpret_cast<const char*>(s.head.data()), std::min<std::size_t>(s.head.size(), 4096));
    if (text.find("# Disk DescriptorFile") != std::string_view::npos) return 95;
    if (text.find("createType") != std::string_view::npos && text.find("version=") != std::string_view::npos) return 80;
  }
  return 0;
}

Result<DiskInfo> parse_vmdk_descriptor(std::string_view text, std::string_view name) {
  DiskInfo info;
  info.format = "vmdk";
  std::string parent_cid, parent_hint;
  bool saw_version = false;
  for (auto raw : split_lines(text)) {
    auto line = trim(raw);
    if (line.empty() || line.front() == '#') continue;
    if (line.find('\0') != std::string_view::npos) break;  // end of an embedded descriptor
    if (auto e = parse_extent_line(line)) {
      info.extents.push_back(*e);
      continue;
    }
    const auto eq = line.find('=');
    if (eq == std::string_view::npos) continue;
    const auto key = trim(line.substr(0, eq));
    const std::string value = unquote(line.substr(eq + 1));
    if (key == "version") saw_version = true;
    else if (key == "createType") info.variant = value;
    else if (key == "CID") info.own_id = value;
    else if (key == "parentCID") parent_cid = value;
    else if (key == "parentFileNameHint") parent_hint = value;
    else if (key == "ddb.adapterType") info.notes.push_back("adapter " + value);
  }
  const std::string where(name);
  if (!saw_version || info.variant.empty())
    return make_error(ErrorCode::Corrupt, "VMDK descriptor: the version or createType line is missing", where);
  if (info.extents.empty()) return make_error(ErrorCode::Corrupt, "VMDK descriptor: no extent lines", where);
  if (info.extents.size() > 4096) return make_error(ErrorCode::Corrupt, "VMDK descriptor: more than 4096 extents", where);
  for (const auto& e : info.extents) {
    if (e.sectors > kMaxCapacitySectors * 64)
      return make_error(ErrorCode::Corrupt, "VMDK descriptor: extent \"" + e.file + "\" claims " + std::to_string(e.sectors) + " sectors", where);
    info.virtual_size += e.sectors * 512;
  }
  if (!parent_cid.empty() && parent_cid != "ffffffff") {
    ParentRef p;
    p.expected_id = parent_cid;
    p.id_field = "parentCID";
    if (!parent_hint.empty()) p.path_hints.push_back(parent_hint);
    info.parent = p;
  }
  return info;
}

Result<DiskInfo> parse_vmdk_sparse(ByteSource& src) {
  if (src.size() < 4) return not_this_format(src, "VMDK");
  std::vector<std::uint8_t> hb(512, 0);
  if (auto st = src.read_at(0, std::span(hb).first(4), "VMDK magic"); !st) return st.error();
  if (bytes_equal(hb, 0, "COWD")) return unsupported(src, "VMDK: ESX vmfsSparse (COWD) extents are not analysed");
  if (!bytes_equal(hb, 0, "KDMV")) return not_this_format(src, "VMDK sparse extent");
  if (auto st = src.read_at(0, hb, "sparse extent header"); !st) return st.error();
  auto h = load<SparseExtentHeader>(hb);
  const auto version = get_le(h.version);
  if (version < 1 || version > 3) return unsupported(src, "VMDK: sparse extent version " + std::to_string(version) + " is unknown");

  DiskInfo info;
  info.format = "vmdk";
  info.variant = "monolithicSparse";
  std::uint64_t gd_offset = get_le(h.gd_offset);
  if (gd_offset == kGdAtEnd) {
    // streamOptimized: the real header is the footer, one sector before the
    // end-of-stream marker.
    if (src.size() < 1536) return corrupt(src, "footer", "a stream-optimized file must end with a footer and end-of-stream marker");
    std::vector<std::uint8_t> fb(512);
    if (auto st = src.read_at(src.size() - 1024, fb, "stream footer"); !st) return st.error();
    if (!bytes_equal(fb, 0, "KDMV")) return corrupt(src, "footer", "no KDMV footer one sector before the end of the file");
    h = load<SparseExtentHeader>(fb);
    gd_offset = get_le(h.gd_offset);
    info.variant = "streamOptimized";
  }
  const std::uint64_t capacity = get_le(h.capacity);
  const std::uint64_t grain = get_le(h.grain_size);
  const std::uint64_t gtes = get_le(h.num_gtes_per_gt);
  if (capacity > kMaxCapacitySectors) return corrupt(src, "capacity", std::to_string(capacity) + " sectors is beyond a sparse extent's 2 TiB");
  if (grain < 1 || grain > 2048 || (grain & (grain - 1)) != 0) return corrupt(src, "grain size", std::to_string(grain) + " sectors is not a power of two up to 1 MiB");
  if (gtes < 1 || gtes > 4096) return corrupt(src, "numGTEsPerGT", std::to_string(gtes) + " is outside 1..4096");
  info.virtual_size = capacity * 512;
  info.cluster_size = static_cast<std::uint32_t>(grain * 512);
  info.needs_repair = get_le(h.unclean_shutdown) != 0;
  if (info.needs_repair) info.repair_reason = "uncleanShutdown is set";
  info.compressed = (get_le(h.flags) & kFlagCompressed) != 0;

  // Embedded descriptor (monolithicSparse, streamOptimized).
  const std::uint64_t doff = get_le(h.descriptor_offset), dsize = get_le(h.descriptor_size);
  if (doff != 0) {
    if (doff > src.size() / 512) return corrupt(src, "descriptorOffset", "sector " + std::to_string(doff) + " lies past the end of the file");
    const std::uint64_t len = std::min(dsize * 512, src.size() - doff * 512);
    auto d = read_bytes(src, doff * 512, len, kMaxDescriptorBytes, "embedded descriptor");
    if (!d) return d.error();
    std::string_view text(reinterpret_cast<const char*>(d->data()), d->size());
    text = trim(text.substr(0, text.find('\0')));
    // Extents of a split disk reserve the descriptor space but leave it
    // empty (the descriptor is its own file); only a filled one counts.
    if (!text.empty()) {
      auto desc = parse_vmdk_descriptor(text, src.name());
      if (!desc) return desc.error();
      info.variant = desc->variant;
      info.own_id = desc->own_id;
      info.parent = desc->parent;
    }
  }
  std::uint64_t allocated = 0;
  if (auto st = count_grains(src, h, gd_offset, allocated); !st) return st.error();
  info.allocated_bytes = allocated;
  return info;
}

}  // namespace vmstick::image
