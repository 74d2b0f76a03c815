// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/probes/image/analyse.hpp"

#include <algorithm>
#include <cctype>
#include <functional>
#include <set>

#include "core/probes/image/endian.hpp"
#include "core/probes/image/formats.hpp"

namespace vmstick::image {
namespace {

namespace fs = std::filesystem;
constexpr std::size_t kMaxChainDepth = 32;
constexpr std::size_t kMaxSiblingsScanned = 256;
constexpr std::uint64_t kMaxDescriptorBytes = 1u << 20;

struct Candidate {
  int score;
  std::function<Result<DiskInfo>(ByteSource&)> parse;
};

std::vector<Candidate> ranked(const Sniff& s) {
  std::vector<Candidate> c = {
      {sniff_qcow2(s), parse_qcow2}, {sniff_vdi(s), parse_vdi},   {sniff_vhdx(s), parse_vhdx},
      {sniff_vhd(s), parse_vhd},     {sniff_iso(s), parse_iso},
      // A descriptor is text: the caller handles it before we get here.
      {bytes_equal(s.head, 0, "KDMV") || bytes_equal(s.head, 0, "COWD") ? sniff_vmdk(s) : 0, parse_vmdk_sparse},
  };
  std::stable_sort(c.begin(), c.end(), [](const Candidate& a, const Candidate& b) { return a.score > b.score; });
  c.erase(std::remove_if(c.begin(), c.end(), [](const Candidate& x) { return x.score == 0; }), c.end());
  return c;
}

bool is_descriptor(const Sniff& s) { return !bytes_equal(s.head, 0, "KDMV") && !bytes_equal(s.head, 0, "COWD") && sniff_vmdk(s) > 0; }

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Windows-style paths stored by VHD/VHDX/VMDK made usable here: backslashes
// become separators and a leading ".\" goes.
fs::path stored_path(std::string hint) {
  std::replace(hint.begin(), hint.end(), '\\', '/');
  if (hint.rfind("./", 0) == 0) hint.erase(0, 2);
  return fs::path(hint);
}

bool windows_absolute(const std::string& s) {
  return (s.size() > 2 && std::isalpha(static_cast<unsigned char>(s[0])) && s[1] == ':') || s.rfind("\\\\", 0) == 0;
}

Status add_extents(const fs::path& desc_path, Layer& layer, const FileOpener& opener, std::uint64_t& bytes_read) {
  std::uint64_t allocated = 0;
  for (const auto& e : layer.disk.extents) {
    if (e.type == "ZERO") continue;
    const fs::path p = desc_path.parent_path() / stored_path(e.file);
    auto src = opener.open(p);
    if (!src) {
      return make_error(src.error().code == ErrorCode::NotFound ? ErrorCode::NotFound : src.error().code,
                        "VMDK descriptor: extent file \"" + e.file + "\" cannot be opened: " + src.error().message, desc_path.string());
    }
    layer.files.push_back({p.string(), (*src)->size()});
    if (e.type == "SPARSE" || e.type == "VMFSSPARSE") {
      auto sparse = parse_vmdk_sparse(**src);
      bytes_read += (*src)->bytes_read();
      if (!sparse) return sparse.error();
      allocated += sparse->allocated_bytes.value_or(0);
      layer.disk.cluster_size = sparse->cluster_size;
      layer.disk.compressed = layer.disk.compressed || sparse->compressed;
      if (sparse->needs_repair) {
        layer.disk.needs_repair = true;
        layer.disk.repair_reason = sparse->repair_reason + " in " + e.file;
      }
    } else {
      // FLAT/VMFS extents are raw data: every sector is allocated.
      if ((*src)->size() / 512 < e.offset_sectors + e.sectors)
        return make_error(ErrorCode::Corrupt, "VMDK descriptor: extent \"" + e.file + "\" is shorter than the " + std::to_string(e.sectors) + " sectors the descriptor gives it", desc_path.string());
      allocated += e.sectors * 512;
    }
  }
  layer.disk.allocated_bytes = allocated;
  return Ok{};
}

// VDI differencing images name their parent by UUID only (the path lives in
// the .vbox media registry). VirtualBox keeps diffs in Snapshots/ below the
// base's folder, so look beside the image and one folder up.
std::optional<fs::path> find_vdi_by_uuid(const fs::path& child, const std::string& uuid, const FileOpener& opener, std::uint64_t& bytes_read) {
  std::size_t scanned = 0;
  for (const fs::path& dir : {child.parent_path(), child.parent_path().parent_path()}) {
    std::error_code ec;
    for (fs::directory_iterator it(dir.empty() ? fs::path(".") : dir, ec), end; !ec && it != end; it.increment(ec)) {
      if (++scanned > kMaxSiblingsScanned) return std::nullopt;
      if (lower(it->path().extension().string()) != ".vdi" || it->path() == child) continue;
      auto src = opener.open(it->path());
      if (!src) continue;
      auto d = parse_vdi(**src);
      bytes_read += (*src)->bytes_read();
      if (d && d->own_id == uuid) return it->path();
    }
  }
  return std::nullopt;
}

std::string canonical_key(const fs::path& p) {
  std::error_code ec;
  auto c = fs::weakly_canonical(p, ec);
  return ec ? p.lexically_normal().string() : c.string();
}

}  // namespace

fs::path resolve_stored_path(const std::string& stored, const fs::path& base_dir) {
  fs::path p = stored_path(stored);
  if (windows_absolute(stored)) return base_dir / p.filename();
  return p.is_relative() ? base_dir / p : p;
}

std::string_view to_string(ChainState s) {
  switch (s) {
    case ChainState::None: return "none";
    case ChainState::Complete: return "complete";
    case ChainState::MissingParent: return "missing-parent";
    case ChainState::MismatchedParent: return "mismatched-parent";
    case ChainState::Loop: return "loop";
    case ChainState::UnreadableParent: return "unreadable-parent";
    case ChainState::TooDeep: return "too-deep";
  }
  return "none";
}

std::string allocation_kind(const DiskInfo& d) {
  if (d.format == "raw" || d.format == "iso") return "fixed";
  if (d.variant == "fixed" || d.variant == "monolithicFlat" || d.variant == "twoGbMaxExtentFlat" || d.variant == "vmfs" ||
      d.variant == "vmfsPreallocated" || d.variant == "vmfsEagerZeroedThick")
    return "fixed";
  return "dynamic";
}

Result<DiskInfo> analyse_bytes(ByteSource& src) {
  auto sniff = read_sniff(src);
  if (!sniff) return sniff.error();
  if (is_descriptor(*sniff)) {
    auto text = read_bytes(src, 0, src.size(), kMaxDescriptorBytes, "VMDK descriptor");
    if (!text) return text.error();
    return parse_vmdk_descriptor(std::string_view(reinterpret_cast<const char*>(text->data()), text->size()), src.name());
  }
  for (const auto& c : ranked(*sniff)) {
    auto r = c.parse(src);
    if (r || r.error().code != ErrorCode::NotFound) return r;
  }
  return parse_raw(src);
}

Result<Layer> analyse_layer(const fs::path& path, const FileOpener& opener, std::uint64_t& bytes_read) {
  auto src = opener.open(path);
  if (!src) return src.error();
  Layer layer;
  layer.path = path.string();
  layer.files.push_back({path.string(), (*src)->size()});
  auto disk = analyse_bytes(**src);
  bytes_read += (*src)->bytes_read();
  if (!disk) return disk.error();
  layer.disk = std::move(*disk);
  if (!layer.disk.extents.empty()) {
    if (auto st = add_extents(path, layer, opener, bytes_read); !st) return st.error();
  }
  return layer;
}

Result<ImageAnalysis> analyse_image(const fs::path& path, const FileOpener& opener) {
  ImageAnalysis out;
  auto top = analyse_layer(path, opener, out.bytes_read);
  if (!top) return top.error();
  out.layers.push_back(std::move(*top));
  std::set<std::string> seen{canonical_key(path)};
  while (out.layers.back().disk.parent) {
    const Layer& child = out.layers.back();
    const ParentRef ref = *child.disk.parent;
    if (out.layers.size() > kMaxChainDepth) {
      out.chain = ChainState::TooDeep;
      out.chain_detail = "the chain is more than " + std::to_string(kMaxChainDepth) + " images deep";
      return out;
    }
    const fs::path dir = fs::path(child.path).parent_path();
    std::optional<fs::path> parent;
    for (const auto& hint : ref.path_hints) {
      const fs::path p = resolve_stored_path(hint, dir);
      if (opener.exists(p)) { parent = p; break; }
    }
    if (!parent && ref.path_hints.empty() && child.disk.format == "vdi")
      parent = find_vdi_by_uuid(child.path, ref.expected_id, opener, out.bytes_read);
    if (!parent) {
      out.chain = ChainState::MissingParent;
      std::string names;
      for (const auto& h : ref.path_hints) names += (names.empty() ? "\"" : ", \"") + h + "\"";
      out.chain_detail = child.path + ": parent " + (names.empty() ? "with " + ref.id_field + " " + ref.expected_id : names) + " not found";
      return out;
    }
    if (!seen.insert(canonical_key(*parent)).second) {
      out.chain = ChainState::Loop;
      out.chain_detail = child.path + ": parent " + parent->string() + " is already in the chain (loop)";
      return out;
    }
    auto layer = analyse_layer(*parent, opener, out.bytes_read);
    if (!layer) {
      out.chain = ChainState::UnreadableParent;
      out.chain_detail = child.path + ": parent " + parent->string() + " cannot be read: " + layer.error().message;
      return out;
    }
    if (!ref.expected_id.empty() && lower(layer->disk.own_id) != lower(ref.expected_id)) {
      out.chain = ChainState::MismatchedParent;
      out.chain_detail = child.path + ": " + ref.id_field + " is " + ref.expected_id + " but " + parent->string() + " has " +
                         (layer->disk.own_id.empty() ? std::string("no id") : layer->disk.own_id) +
                         " (the parent was changed or replaced after the child was made)";
      out.layers.push_back(std::move(*layer));
      return out;
    }
    out.layers.push_back(std::move(*layer));
  }
  if (out.layers.size() > 1) out.chain = ChainState::Complete;
  return out;
}

}  // namespace vmstick::image
