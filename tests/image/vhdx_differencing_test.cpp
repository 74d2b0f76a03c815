// SPDX-License-Identifier: GPL-3.0-or-later
// Differencing VHDX on a real file. qemu-img refuses to create one, so a
// dynamic VHDX made by qemu-img (with data written by qemu-io) is turned into
// the differencing disk Hyper-V would have made from a second qemu-img VHDX:
// HasParent in File Parameters, a VHDX parent locator naming the parent by its
// DataWriteGuid and paths, the parent's virtual-disk metadata, and a BAT laid
// out for a differencing disk (blocks not in the child are NOT_PRESENT, the
// written block is PARTIALLY_PRESENT with its sector bitmap block). Offsets
// and layouts are [MS-VHDX] 2.2 (headers), 2.3 (region table), 2.5 (BAT) and
// 2.6 (metadata, parent locator).
#include <unistd.h>

#include <algorithm>
#include <cstdio>

#include "core/probes/image/analyse.hpp"
#include "core/probes/image/formats.hpp"
#include "core/probes/image/input.hpp"
#include "image_support.hpp"
#include "support/error_of.hpp"
#include "support/fixtures.hpp"

using namespace vmstick;
using namespace vmstick::test;
namespace fs = std::filesystem;

namespace {

constexpr std::uint64_t k64K = 64 * 1024;
constexpr std::uint64_t kMiB = 1024 * 1024;
constexpr const char* kBatRegion = "2dc27766-f623-4200-9d64-115e9bfd4a08";
constexpr const char* kMetadataRegion = "8b7ca206-4790-4b9a-b8fe-575f050f886e";
constexpr const char* kFileParameters = "caa16737-fa36-4d43-b3b6-33f0aa44e76b";
constexpr const char* kLogicalSectorSize = "8141bf1d-a96f-4709-ba47-f233a8faab5f";
constexpr const char* kParentLocatorItem = "a8d35f2d-b30b-454d-abf7-d3d84834ab0c";
constexpr const char* kVhdxLocatorType = "b04aefb7-d19e-4a81-b789-25b8e9445913";
constexpr std::uint32_t kIsVirtualDisk = 2, kIsRequired = 4;
constexpr std::uint64_t kFullyPresent = 6, kPartiallyPresent = 7, kSbBlockPresent = 6;

// The paths Hyper-V stores for a parent at C:\VMs\parent.vhdx, in the order
// the spec says they are tried (relative, volume, absolute).
const std::string kRelative = ".\\parent.vhdx";
const std::string kVolume = "\\\\?\\Volume{26a21bda-a627-11d7-9931-806e6f6e6963}\\VMs\\parent.vhdx";
const std::string kAbsolute = "\\\\?\\C:\\VMs\\parent.vhdx";

std::uint64_t le(const std::vector<std::uint8_t>& b, std::size_t off, int n) {
  std::uint64_t v = 0;
  for (int i = n - 1; i >= 0; --i) v = (v << 8) | b.at(off + static_cast<std::size_t>(i));
  return v;
}

void put(std::vector<std::uint8_t>& b, std::size_t off, const std::vector<std::uint8_t>& bytes) {
  REQUIRE(off + bytes.size() <= b.size());
  std::copy(bytes.begin(), bytes.end(), b.begin() + static_cast<std::ptrdiff_t>(off));
}

// Written here rather than taken from the parser, so a parser bug in GUID
// byte order cannot make the expected value agree with itself.
std::string guid_text(const std::vector<std::uint8_t>& b, std::size_t off) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%08x-%04x-%04x-%02x%02x-%02x%02x%02x%02x%02x%02x", static_cast<unsigned>(le(b, off, 4)),
                static_cast<unsigned>(le(b, off + 4, 2)), static_cast<unsigned>(le(b, off + 6, 2)), b[off + 8], b[off + 9],
                b[off + 10], b[off + 11], b[off + 12], b[off + 13], b[off + 14], b[off + 15]);
  return buf;
}

std::vector<std::uint8_t> guid_bytes(const std::string& text) {
  std::string hex;
  for (char c : text)
    if (c != '-') hex += c;
  REQUIRE(hex.size() == 32);
  std::vector<std::uint8_t> raw;
  for (std::size_t i = 0; i < 32; i += 2) raw.push_back(static_cast<std::uint8_t>(std::stoul(hex.substr(i, 2), nullptr, 16)));
  // The first three groups are little-endian integers, the last two bytes in order.
  std::reverse(raw.begin(), raw.begin() + 4);
  std::reverse(raw.begin() + 4, raw.begin() + 6);
  std::reverse(raw.begin() + 6, raw.begin() + 8);
  return raw;
}

std::vector<std::uint8_t> utf16le(const std::string& ascii) {
  std::vector<std::uint8_t> out;
  for (char c : ascii) out.insert(out.end(), {static_cast<std::uint8_t>(c), 0});
  return out;
}

// The header a VHDX reader must use: CRC-32C valid, highest sequence number.
std::vector<std::uint8_t> active_header(const fs::path& p) {
  std::vector<std::uint8_t> best;
  for (std::uint64_t off : {k64K, 2 * k64K}) {
    auto h = read_file(p, off, 4096);
    auto zeroed = h;
    std::fill(zeroed.begin() + 4, zeroed.begin() + 8, 0);
    if (!std::equal(h.begin(), h.begin() + 4, "head") || image::crc32c(zeroed) != le(h, 4, 4)) continue;
    if (best.empty() || le(h, 8, 8) > le(best, 8, 8)) best = h;
  }
  REQUIRE_FALSE(best.empty());
  return best;
}

// DataWriteGuid of the active header, as parent_linkage stores it.
std::string data_write_guid(const fs::path& p) { return guid_text(active_header(p), 32); }

struct Region {
  std::uint64_t offset{0}, length{0};
};

struct MetaEntry {
  std::string id;
  std::uint32_t offset{0}, length{0}, flags{0};
};

struct Layout {
  Region bat, meta;
  std::vector<MetaEntry> items;
};

Layout layout_of(const fs::path& p) {
  Layout l;
  auto rt = read_file(p, 3 * k64K, k64K);
  auto zeroed = rt;
  std::fill(zeroed.begin() + 4, zeroed.begin() + 8, 0);
  // qemu-img writes both copies identically; the first must be valid here.
  REQUIRE(image::crc32c(zeroed) == le(rt, 4, 4));
  for (std::uint64_t i = 0; i < le(rt, 8, 4); ++i) {
    const std::size_t e = 16 + static_cast<std::size_t>(i) * 32;
    const Region r{le(rt, e + 16, 8), le(rt, e + 24, 4)};
    if (guid_text(rt, e) == kBatRegion) l.bat = r;
    if (guid_text(rt, e) == kMetadataRegion) l.meta = r;
  }
  REQUIRE(l.bat.offset != 0);
  REQUIRE(l.meta.offset != 0);
  auto mt = read_file(p, l.meta.offset, k64K);
  REQUIRE(std::equal(mt.begin(), mt.begin() + 8, "metadata"));
  for (std::uint64_t i = 0; i < le(mt, 10, 2); ++i) {
    const std::size_t e = 32 + static_cast<std::size_t>(i) * 32;
    l.items.push_back({guid_text(mt, e), static_cast<std::uint32_t>(le(mt, e + 16, 4)), static_cast<std::uint32_t>(le(mt, e + 20, 4)),
                       static_cast<std::uint32_t>(le(mt, e + 24, 4))});
  }
  return l;
}

const MetaEntry& item(const Layout& l, const std::string& id) {
  auto it = std::find_if(l.items.begin(), l.items.end(), [&](const MetaEntry& m) { return m.id == id; });
  REQUIRE(it != l.items.end());
  return *it;
}

// A VHDX parent locator item: 20-byte header, 12-byte key/value entries,
// then the UTF-16LE strings (no NULs, lengths in bytes).
std::vector<std::uint8_t> locator_item(const std::vector<std::pair<std::string, std::string>>& kv) {
  std::vector<std::uint8_t> out(20 + kv.size() * 12);
  put(out, 0, guid_bytes(kVhdxLocatorType));
  put(out, 18, le_bytes(kv.size(), 2));
  for (std::size_t i = 0; i < kv.size(); ++i) {
    const auto k = utf16le(kv[i].first), v = utf16le(kv[i].second);
    put(out, 20 + i * 12, le_bytes(out.size(), 4));
    put(out, 20 + i * 12 + 4, le_bytes(out.size() + k.size(), 4));
    put(out, 20 + i * 12 + 8, le_bytes(k.size(), 2));
    put(out, 20 + i * 12 + 10, le_bytes(v.size(), 2));
    out.insert(out.end(), k.begin(), k.end());
    out.insert(out.end(), v.begin(), v.end());
  }
  return out;
}

struct Pair {
  fs::path dir, parent, child;
  std::string linkage;            // the parent's DataWriteGuid, without braces
  std::uint64_t locator_at{0};    // file offset of the child's parent locator item
  std::uint64_t locator_len{0};
  std::uint64_t block_size{0};
};

// Where parent_linkage's key/value entry (entry 0, written first below)
// starts inside the locator item: KeyOffset here, ValueOffset 4 bytes on.
constexpr std::size_t kLinkageEntry = 20;

Pair make_differencing(const std::string& name) {
  Pair d;
  d.dir = temp_dir("vhdx_diff_" + name + "_" + std::to_string(getpid()));
  d.parent = d.dir / "parent.vhdx";
  d.child = d.dir / "child.vhdx";
  must("qemu-img create -q -f vhdx " + q(d.parent) + " 64M");
  must("qemu-img create -q -f vhdx " + q(d.child) + " 64M");
  must("qemu-io -f vhdx -c 'write -P 0x5a 1M 2M' " + q(d.child));
  d.linkage = data_write_guid(d.parent);

  const Layout cl = layout_of(d.child), pl = layout_of(d.parent);

  // Forking a differencing disk copies every IsVirtualDisk item (size, sector
  // sizes, Virtual Disk ID) from the parent: the child is the same disk.
  for (const MetaEntry& m : cl.items) {
    if (!(m.flags & kIsVirtualDisk)) continue;
    const MetaEntry& from = item(pl, m.id);
    REQUIRE(from.length == m.length);
    patch(d.child, cl.meta.offset + m.offset, read_file(d.parent, pl.meta.offset + from.offset, from.length));
  }

  // HasParent is bit 1 of the File Parameters flags.
  const MetaEntry& fp = item(cl, kFileParameters);
  auto params = read_file(d.child, cl.meta.offset + fp.offset, 8);
  d.block_size = le(params, 0, 4);
  patch(d.child, cl.meta.offset + fp.offset + 4, le_bytes(le(params, 4, 4) | 2, 4));

  // The locator goes in the free space right after the last item; the
  // metadata region has no checksum, and the region table is untouched (the
  // regions keep their place and size), so no CRC needs redoing.
  std::uint64_t end = 0;
  for (const MetaEntry& m : cl.items) end = std::max<std::uint64_t>(end, std::uint64_t{m.offset} + m.length);
  const auto loc = locator_item({{"parent_linkage", "{" + d.linkage + "}"},
                                 {"relative_path", kRelative},
                                 {"volume_path", kVolume},
                                 {"absolute_win32_path", kAbsolute}});
  REQUIRE(end + loc.size() <= cl.meta.length);
  patch(d.child, cl.meta.offset + end, loc);
  d.locator_at = cl.meta.offset + end;
  d.locator_len = loc.size();
  // A new metadata table entry; the Parent Locator is file metadata (not
  // IsVirtualDisk) that a reader must understand (IsRequired).
  std::vector<std::uint8_t> entry(32, 0);
  put(entry, 0, guid_bytes(kParentLocatorItem));
  put(entry, 16, le_bytes(end, 4));
  put(entry, 20, le_bytes(loc.size(), 4));
  put(entry, 24, le_bytes(kIsRequired, 4));
  patch(d.child, cl.meta.offset + 32 + cl.items.size() * 32, entry);
  patch(d.child, cl.meta.offset + 10, le_bytes(cl.items.size() + 1, 2));

  // BAT. With HasParent set the table holds ceil(payload / chunk ratio) whole
  // chunks of (chunk ratio payload entries + 1 sector bitmap entry) instead of
  // qemu's payload-only table: payload entry i stays at index i within chunk
  // 0, so the written block still maps, and the chunk's bitmap entry is at
  // index chunk_ratio, which qemu's BAT region (1 MiB) has room for but left
  // zero (SB_BLOCK_NOT_PRESENT).
  const std::uint64_t logical = le(read_file(d.child, cl.meta.offset + item(cl, kLogicalSectorSize).offset, 4), 0, 4);
  const std::uint64_t chunk_ratio = (std::uint64_t{1} << 23) * logical / d.block_size;
  const std::uint64_t payload = (64 * kMiB + d.block_size - 1) / d.block_size;
  const std::uint64_t entries = (payload + chunk_ratio - 1) / chunk_ratio * (chunk_ratio + 1);
  REQUIRE(payload <= chunk_ratio);
  REQUIRE(entries * 8 <= cl.bat.length);
  auto bat = read_file(d.child, cl.bat.offset, static_cast<std::size_t>(entries * 8));
  REQUIRE((le(bat, 0, 8) & 7) == kFullyPresent);
  REQUIRE(le(bat, static_cast<std::size_t>(chunk_ratio * 8), 8) == 0);
  // The write went to 1 MiB..3 MiB, inside block 0. Hyper-V writing 2 MiB into
  // a block the child lacks makes it PARTIALLY_PRESENT and marks just those
  // sectors in the chunk's sector bitmap; the other sectors come from the
  // parent.
  put(bat, 0, le_bytes((le(bat, 0, 8) & ~std::uint64_t{7}) | kPartiallyPresent, 8));
  // qemu marks blocks it never wrote PAYLOAD_BLOCK_ZERO (reads as zeros),
  // which in a differencing disk would hide the parent's data; a fresh
  // Hyper-V child leaves them NOT_PRESENT (read from the parent).
  for (std::uint64_t i = 1; i < payload; ++i) {
    REQUIRE((le(bat, static_cast<std::size_t>(i * 8), 8) & 7) < kFullyPresent);
    put(bat, static_cast<std::size_t>(i * 8), le_bytes(0, 8));
  }
  // Sector bitmap blocks are 1 MiB, 1 MiB-aligned; appended at the end of the file.
  const std::uint64_t bitmap_at = (fs::file_size(d.child) + kMiB - 1) / kMiB * kMiB;
  fs::resize_file(d.child, bitmap_at + kMiB);
  put(bat, static_cast<std::size_t>(chunk_ratio * 8), le_bytes(((bitmap_at / kMiB) << 20) | kSbBlockPresent, 8));
  patch(d.child, cl.bat.offset, bat);
  // Bit n (LSB first) is sector n of the chunk. 1 MiB and 3 MiB are multiples
  // of 8 sectors, so the run is whole bytes.
  const std::uint64_t first = 1 * kMiB / logical, last = 3 * kMiB / logical;
  patch(d.child, bitmap_at + first / 8, std::vector<std::uint8_t>(static_cast<std::size_t>((last - first) / 8), 0xFF));
  return d;
}

image::ImageAnalysis analyse(const fs::path& p) {
  auto r = image::analyse_image(p, image::FileOpener{});
  INFO(p.string() << ": " << test::error_of(r));
  REQUIRE(r.ok());
  return std::move(r).value();
}

Error fails(const fs::path& p) {
  auto r = image::analyse_image(p, image::FileOpener{});
  if (r) FAIL("expected an error, got chain state " << image::to_string(r->chain));
  return r.error();
}

}  // namespace

TEST_CASE("differencing vhdx: child and parent side by side form a complete chain") {
  const Pair d = make_differencing("complete");
  REQUIRE(d.block_size == 8 * kMiB);  // qemu-img's default for a 64 MiB VHDX

  const auto a = analyse(d.child);
  REQUIRE(a.layers.size() == 2);
  CHECK(a.chain == image::ChainState::Complete);
  CHECK(a.chain_detail.empty());
  const auto& c = a.layers[0].disk;
  CHECK(c.format == "vhdx");
  CHECK(c.variant == "differencing");
  CHECK(c.virtual_size == 64 * kMiB);
  CHECK(c.cluster_size == 8 * kMiB);
  REQUIRE(c.parent.has_value());
  CHECK(c.parent->id_field == "parent_linkage");
  CHECK(c.parent->expected_id == d.linkage);
  CHECK(c.parent->path_hints == std::vector<std::string>{kRelative, kVolume, kAbsolute});
  CHECK(a.layers[1].path == (d.dir / "parent.vhdx").string());
  CHECK(a.layers[1].disk.own_id == d.linkage);
  CHECK(a.layers[1].disk.variant == "dynamic");
  CHECK_FALSE(a.layers[1].disk.parent.has_value());

  const ImageFacts f = image::analyse_input(d.child, image::FileOpener{});
  CHECK(f.format.is("vhdx"));
  CHECK(f.variant.is("differencing"));
  CHECK(f.allocation.is("dynamic"));
  CHECK(f.virtual_size_bytes.is(64 * kMiB));
  CHECK(f.block_size_bytes.is(static_cast<std::uint32_t>(8 * kMiB)));
  // The child's BAT maps one 8 MiB payload block (block 0, which holds the
  // 2 MiB written at 1 MiB; PARTIALLY_PRESENT still takes the whole block in
  // the file) and one 1 MiB sector bitmap block for chunk 0. Blocks 1..7 are
  // NOT_PRESENT: read from the parent.
  CHECK(f.allocated_bytes.is(9 * kMiB));
  CHECK(f.parent_chain.is({d.parent.string()}));
  CHECK(f.chain_state.is("complete"));
  CHECK(f.files.is({d.child.string(), d.parent.string()}));
  CHECK(f.file_count.is(2u));
  const std::uint64_t child_bytes = fs::file_size(d.child), parent_bytes = fs::file_size(d.parent);
  CHECK(f.largest_file_bytes.is(std::max(child_bytes, parent_bytes)));
  CHECK(f.total_file_bytes.is(child_bytes + parent_bytes));
  CHECK(f.needs_repair.is(false));
}

TEST_CASE("differencing vhdx: a missing parent is a finding that names the stored paths") {
  const Pair d = make_differencing("missing");
  fs::remove(d.parent);
  const auto a = analyse(d.child);
  CHECK(a.chain == image::ChainState::MissingParent);
  CHECK(a.layers.size() == 1);
  const std::string detail = d.child.string() + ": parent \"" + kRelative + "\", \"" + kVolume + "\", \"" + kAbsolute + "\" not found";
  CHECK(a.chain_detail == detail);

  const ImageFacts f = image::analyse_input(d.child, image::FileOpener{});
  CHECK(f.chain_state.is("missing-parent"));
  CHECK(f.chain_detail == detail);
  CHECK(f.variant.is("differencing"));
  CHECK(f.parent_chain.is({}));
  CHECK(f.files.is({d.child.string()}));
  CHECK(f.allocated_bytes.is(9 * kMiB));
}

TEST_CASE("differencing vhdx: a parent with another DataWriteGuid is a mismatch") {
  const Pair d = make_differencing("mismatch");
  const std::string tail = " (the parent was changed or replaced after the child was made)";

  SECTION("the parent was written to after the child was made") {
    // Any write through a VHDX implementation gives the file a new
    // DataWriteGuid: exactly how a parent gets out of step with its child.
    must("qemu-io -f vhdx -c 'write -P 0x33 20M 64k' " + q(d.parent));
    const std::string now = data_write_guid(d.parent);
    REQUIRE(now != d.linkage);
    const auto a = analyse(d.child);
    CHECK(a.chain == image::ChainState::MismatchedParent);
    CHECK(a.layers.size() == 2);
    CHECK(a.chain_detail == d.child.string() + ": parent_linkage is " + d.linkage + " but " + d.parent.string() + " has " + now + tail);
    CHECK(image::analyse_input(d.child, image::FileOpener{}).chain_state.is("mismatched-parent"));
  }
  SECTION("the child's parent_linkage names another disk") {
    // Same length as the original value, so the locator layout is unchanged.
    const auto locator = read_file(d.child, d.locator_at, static_cast<std::size_t>(d.locator_len));
    const std::uint64_t value_at = d.locator_at + le(locator, kLinkageEntry + 4, 4);
    const std::string other = "77777777-7777-7777-7777-777777777777";
    patch(d.child, value_at, utf16le("{" + other + "}"));
    const auto a = analyse(d.child);
    CHECK(a.chain == image::ChainState::MismatchedParent);
    CHECK(a.chain_detail == d.child.string() + ": parent_linkage is " + other + " but " + d.parent.string() + " has " + d.linkage + tail);
    CHECK(image::analyse_input(d.child, image::FileOpener{}).chain_state.is("mismatched-parent"));
  }
}

TEST_CASE("differencing vhdx: a damaged parent locator is corrupt and the error names the field") {
  const Pair d = make_differencing("corrupt");

  SECTION("a key offset beyond the item") {
    patch(d.child, d.locator_at + kLinkageEntry, le_bytes(d.locator_len + 100, 4));
    const Error e = fails(d.child);
    CHECK(e.code == ErrorCode::Corrupt);
    CHECK(e.message == "parent locator entry 0: key or value lies outside the item");
    CHECK(e.context == d.child.string());
    const ImageFacts f = image::analyse_input(d.child, image::FileOpener{});
    CHECK_FALSE(f.format.is_known());
    CHECK(f.format.reason() == e.describe());
  }
  SECTION("a key/value count that runs past the item") {
    patch(d.child, d.locator_at + 18, le_bytes(1000, 2));
    const Error e = fails(d.child);
    CHECK(e.code == ErrorCode::Corrupt);
    CHECK(e.message == "parent locator: key/value count 1000 runs past the item");
  }
  SECTION("no parent_linkage key") {
    const auto locator = read_file(d.child, d.locator_at, static_cast<std::size_t>(d.locator_len));
    patch(d.child, d.locator_at + le(locator, kLinkageEntry, 4), utf16le("Parent_linkage"));
    const Error e = fails(d.child);
    CHECK(e.code == ErrorCode::Corrupt);
    CHECK(e.message == "parent locator: the required parent_linkage key is missing");
  }
}

TEST_CASE("differencing vhdx: a parent locator of another type is unsupported and not corrupt") {
  // MS-VHDX allows locator types for parents that are not VHDX files; their
  // keys mean something else, so vmstick must not read them as VHDX keys.
  const Pair d = make_differencing("locator_type");
  const std::string other = "11111111-2222-3333-4444-555555555555";
  patch(d.child, d.locator_at, guid_bytes(other));
  const Error e = fails(d.child);
  CHECK(e.code == ErrorCode::NotSupported);
  CHECK(e.message == "VHDX: parent locator type " + other + " is not the VHDX parent locator (" + kVhdxLocatorType + ")");
  CHECK(e.context == d.child.string());
}
