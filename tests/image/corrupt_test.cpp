// SPDX-License-Identifier: GPL-3.0-or-later
// Corrupt images: a valid qemu-img image with one field overwritten at a
// known offset (or the file cut short), and the exact error asserted: code,
// field and what is wrong, with the file named in the context.
#include <unistd.h>

#include "core/probes/image/analyse.hpp"
#include "core/probes/image/formats.hpp"
#include "image_support.hpp"
#include "support/fixtures.hpp"

using namespace vmstick;
using namespace vmstick::test;
namespace fs = std::filesystem;

namespace {

fs::path fresh(const std::string& name, const std::string& qfmt, const std::string& opts = "", const std::string& size = "64M",
               const std::string& writes = "") {
  const fs::path dir = temp_dir("corrupt_" + name + "_" + std::to_string(getpid()));
  const fs::path img = dir / ("disk." + qfmt);
  must("qemu-img create -q -f " + qfmt + (opts.empty() ? "" : " -o " + opts) + " " + q(img) + " " + size);
  if (!writes.empty()) must("qemu-io -f " + qfmt + " " + writes + " " + q(img));
  return img;
}

Error fails(const fs::path& img) {
  auto r = image::analyse_image(img, image::FileOpener{});
  if (r) FAIL("expected an error, got format " << r->layers.front().disk.format);
  CHECK(r.error().context == img.string());
  return r.error();
}

std::uint64_t be_at(const fs::path& p, std::uint64_t off, int n) {
  auto b = read_file(p, off, static_cast<std::size_t>(n));
  std::uint64_t v = 0;
  for (auto x : b) v = (v << 8) | x;
  return v;
}
std::uint64_t le_at(const fs::path& p, std::uint64_t off, int n) {
  auto b = read_file(p, off, static_cast<std::size_t>(n));
  std::uint64_t v = 0;
  for (int i = n - 1; i >= 0; --i) v = (v << 8) | b[static_cast<std::size_t>(i)];
  return v;
}

void truncate_to(const fs::path& p, std::uint64_t size) { fs::resize_file(p, size); }

// VHD footers carry a checksum; a field test must keep it valid.
void fix_vhd_checksum(const fs::path& p, std::uint64_t footer_off) {
  auto f = read_file(p, footer_off, 512);
  std::uint32_t sum = 0;
  for (std::size_t i = 0; i < 512; ++i)
    if (i < 64 || i >= 68) sum += f[i];
  patch(p, footer_off + 64, be_bytes(~sum, 4));
}

// Offset of a VHDX region or metadata item by the first 4 bytes of its GUID.
std::uint64_t vhdx_region(const fs::path& p, std::uint32_t guid_head) {
  const std::uint64_t rt = 3 * 65536;
  const auto count = le_at(p, rt + 8, 4);
  for (std::uint64_t i = 0; i < count; ++i)
    if (le_at(p, rt + 16 + i * 32, 4) == guid_head) return le_at(p, rt + 16 + i * 32 + 16, 8);
  FAIL("region not found");
  return 0;
}
std::uint64_t vhdx_metadata_item(const fs::path& p, std::uint32_t guid_head) {
  const std::uint64_t meta = vhdx_region(p, 0x8B7CA206);
  const auto count = le_at(p, meta + 10, 2);
  for (std::uint64_t i = 0; i < count; ++i)
    if (le_at(p, meta + 32 + i * 32, 4) == guid_head) return meta + le_at(p, meta + 32 + i * 32 + 16, 4);
  FAIL("metadata item not found");
  return 0;
}

}  // namespace

TEST_CASE("corrupt qcow2") {
  SECTION("virtual size 2^63") {
    auto img = fresh("q_size", "qcow2");
    patch(img, 24, be_bytes(1ull << 63, 8));
    auto e = fails(img);
    CHECK(e.code == ErrorCode::Corrupt);
    CHECK(e.message == "size: virtual size 9223372036854775808 is larger than 2^61 bytes");
  }
  SECTION("L1 table offset past the end of the file") {
    auto img = fresh("q_l1off", "qcow2");
    patch(img, 40, be_bytes(1ull << 40, 8));
    auto e = fails(img);
    CHECK(e.code == ErrorCode::Corrupt);
    CHECK(e.message.find("the L1 table (l1_size × 8 bytes) at offset 1099511627776 (8 bytes) lies past the end of the file") == 0);
  }
  SECTION("L1 size beyond the cap is refused before allocating") {
    auto img = fresh("q_l1size", "qcow2");
    patch(img, 36, be_bytes(0xFFFFFFFF, 4));
    auto e = fails(img);
    CHECK(e.code == ErrorCode::Corrupt);
    CHECK(e.message == "the L1 table (l1_size × 8 bytes) claims 34359738360 bytes, more than the 33554432 vmstick accepts");
  }
  SECTION("an L2 entry mapping a cluster outside the file") {
    auto img = fresh("q_l2", "qcow2", "", "64M", "-c 'write -P 1 0 64k'");
    const auto l1 = be_at(img, 40, 8);
    const auto l2 = be_at(img, l1, 8) & 0x00FFFFFFFFFFFE00ull;
    patch(img, l2, be_bytes((1ull << 63) | (1ull << 40), 8));
    auto e = fails(img);
    CHECK(e.code == ErrorCode::Corrupt);
    CHECK(e.message == "L2 entry 0 of L1 entry 0: data cluster offset 0x10000000000 lies past the end of the file");
  }
  SECTION("cluster_bits out of range") {
    auto img = fresh("q_cb", "qcow2");
    patch(img, 20, be_bytes(40, 4));
    auto e = fails(img);
    CHECK(e.code == ErrorCode::Corrupt);
    CHECK(e.message == "cluster_bits: 40 is outside 9..21");
  }
  SECTION("unknown incompatible feature bit: unsupported, not corrupt") {
    auto img = fresh("q_incompat", "qcow2");
    patch(img, 72 + 7, {0x20});
    auto e = fails(img);
    CHECK(e.code == ErrorCode::NotSupported);
    CHECK(e.message == "qcow2: unknown incompatible feature bits 0x20 are set");
  }
  SECTION("unknown version") {
    auto img = fresh("q_ver", "qcow2");
    patch(img, 4, be_bytes(7, 4));
    auto e = fails(img);
    CHECK(e.code == ErrorCode::NotSupported);
    CHECK(e.message == "qcow2: header version 7 is unknown");
  }
  SECTION("backing file name longer than the format allows") {
    auto img = fresh("q_bf", "qcow2");
    patch(img, 8, be_bytes(512, 8));
    patch(img, 16, be_bytes(5000, 4));
    auto e = fails(img);
    CHECK(e.code == ErrorCode::Corrupt);
    CHECK(e.message == "backing_file_size: 5000 is outside 1..1023");
  }
  SECTION("truncated at every header boundary") {
    for (std::uint64_t cut : {8u, 72u, 100u}) {
      INFO(cut);
      auto img = fresh("q_trunc" + std::to_string(cut), "qcow2");
      truncate_to(img, cut);
      auto e = fails(img);
      CHECK(e.code == ErrorCode::Corrupt);
      CHECK(e.message == "qcow2 header: the file ends inside the header (" + std::to_string(cut) + " bytes)");
    }
  }
  SECTION("truncated before the L1 table") {
    auto img = fresh("q_truncl1", "qcow2");
    const auto l1 = be_at(img, 40, 8);
    truncate_to(img, l1);
    auto e = fails(img);
    CHECK(e.code == ErrorCode::Corrupt);
    CHECK(e.message.find("the L1 table") == 0);
    CHECK(e.message.find("lies past the end of the file (" + std::to_string(l1) + " bytes)") != std::string::npos);
  }
}

TEST_CASE("corrupt VDI") {
  SECTION("disk size 2^63") {
    auto img = fresh("v_size", "vdi");
    patch(img, 0x170, le_bytes(1ull << 63, 8));
    auto e = fails(img);
    CHECK(e.code == ErrorCode::Corrupt);
    CHECK(e.message == "disk size: 9223372036854775808 bytes do not fit in 64 blocks of 1048576 bytes");
  }
  SECTION("block map past the end of the file") {
    auto img = fresh("v_map", "vdi");
    patch(img, 0x154, le_bytes(0xFFFFFF00, 4));
    auto e = fails(img);
    CHECK(e.code == ErrorCode::Corrupt);
    CHECK(e.message == "block map offset: the block map at 4294967040 runs past the end of the file");
  }
  SECTION("a block map entry pointing outside the file") {
    auto img = fresh("v_entry", "vdi");
    patch(img, le_at(img, 0x154, 4), le_bytes(0x00100000, 4));
    auto e = fails(img);
    CHECK(e.code == ErrorCode::Corrupt);
    CHECK(e.message == "block map entry 0: points to block 1048576, past the end of the file");
  }
  SECTION("block count beyond the cap") {
    auto img = fresh("v_count", "vdi");
    patch(img, 0x180, le_bytes(0xFFFFFFFF, 4));
    auto e = fails(img);
    CHECK(e.code == ErrorCode::Corrupt);
    CHECK(e.message == "block count: 4294967295 is more than vmstick accepts (16 Mi)");
  }
  SECTION("unknown image type and version") {
    auto img = fresh("v_type", "vdi");
    patch(img, 0x4C, le_bytes(9, 4));
    CHECK(fails(img).message == "image type: 9 is not 1 (dynamic), 2 (fixed) or 4 (differencing)");
    patch(img, 0x44, le_bytes(0x00020000, 4));
    auto e = fails(img);
    CHECK(e.code == ErrorCode::NotSupported);
    CHECK(e.message == "VDI: header version 0x20000 is not 1.1");
  }
  SECTION("truncated inside the header") {
    auto img = fresh("v_trunc", "vdi");
    truncate_to(img, 100);
    auto e = fails(img);
    CHECK(e.code == ErrorCode::Corrupt);
    CHECK(e.message == "the VDI header at offset 72 (384 bytes) lies past the end of the file (100 bytes)");
  }
}

TEST_CASE("corrupt VHD") {
  SECTION("footer checksum mismatch") {
    auto img = fresh("h_sum", "vpc");
    const auto foot = fs::file_size(img) - 512;
    patch(img, foot + 48, be_bytes(12345, 8));
    auto e = fails(img);
    CHECK(e.code == ErrorCode::Corrupt);
    CHECK(e.message.find("VHD footer checksum: stored ") == 0);
  }
  SECTION("current size 2^63 from a Hyper-V creator") {
    auto img = fresh("h_size", "vpc");
    const auto foot = fs::file_size(img) - 512;
    patch(img, foot + 28, {'w', 'i', 'n', ' '});
    patch(img, foot + 48, be_bytes(1ull << 63, 8));
    fix_vhd_checksum(img, foot);
    auto e = fails(img);
    CHECK(e.code == ErrorCode::Corrupt);
    CHECK(e.message == "current size: 9223372036854775808 bytes is beyond the VHD limit of 2040 GiB");
  }
  SECTION("dynamic header offset past the end of the file") {
    auto img = fresh("h_doff", "vpc");
    const auto foot = fs::file_size(img) - 512;
    patch(img, foot + 16, be_bytes(1ull << 40, 8));
    fix_vhd_checksum(img, foot);
    auto e = fails(img);
    CHECK(e.code == ErrorCode::Corrupt);
    CHECK(e.message.find("the dynamic disk header (footer data offset) at offset 1099511627776") == 0);
  }
  SECTION("a BAT entry pointing outside the file") {
    auto img = fresh("h_bat", "vpc");
    const auto bat = be_at(img, 512 + 16, 8);
    patch(img, bat, be_bytes(0x7FFFFFFF, 4));
    auto e = fails(img);
    CHECK(e.code == ErrorCode::Corrupt);
    CHECK(e.message == "BAT entry 0: block at sector 2147483647 lies past the end of the file");
  }
  SECTION("max table entries beyond the cap") {
    auto img = fresh("h_max", "vpc");
    patch(img, 512 + 28, be_bytes(0xFFFFFFFF, 4));
    auto e = fails(img);
    CHECK(e.code == ErrorCode::Corrupt);
    CHECK(e.message == "max table entries: 4294967295 is more than vmstick accepts (4 Mi)");
  }
}

TEST_CASE("corrupt VHDX") {
  SECTION("both headers fail their CRC") {
    auto img = fresh("x_crc", "vhdx");
    flip_byte(img, 65536 + 8);
    flip_byte(img, 2 * 65536 + 8);
    auto e = fails(img);
    CHECK(e.code == ErrorCode::Corrupt);
    CHECK(e.message == "headers 1 and 2: neither has a valid signature and CRC-32C");
  }
  SECTION("one damaged header: the other one is used") {
    auto img = fresh("x_one", "vhdx");
    flip_byte(img, 65536 + 8);
    auto r = image::analyse_image(img, image::FileOpener{});
    CHECK(r.ok());
  }
  SECTION("a BAT entry pointing outside the file") {
    auto img = fresh("x_bat", "vhdx");
    const auto bat = vhdx_region(img, 0x2DC27766);
    patch(img, bat, le_bytes(6 | (0x100000ull << 20), 8));
    auto e = fails(img);
    CHECK(e.code == ErrorCode::Corrupt);
    CHECK(e.message == "BAT entry 0: block offset 1099511627776 lies outside the file");
  }
  SECTION("virtual disk size 2^63") {
    auto img = fresh("x_size", "vhdx");
    patch(img, vhdx_metadata_item(img, 0x2FA54224), le_bytes(1ull << 63, 8));
    auto e = fails(img);
    CHECK(e.code == ErrorCode::Corrupt);
    CHECK(e.message == "virtual disk size: 9223372036854775808 is missing, zero or above 64 TiB");
  }
  SECTION("truncated inside the header section") {
    auto img = fresh("x_trunc", "vhdx");
    truncate_to(img, 4 * 65536);
    auto e = fails(img);
    CHECK(e.code == ErrorCode::Corrupt);
    CHECK(e.message == "header section: the file (262144 bytes) ends inside the 1 MiB header section");
  }
  SECTION("a pending log marks the image as needing repair") {
    auto img = fresh("x_log", "vhdx");
    // LogGuid in both headers, CRC-32C recomputed: a crash mid-update.
    for (std::uint64_t h : {65536u, 131072u}) {
      auto b = read_file(img, h, 4096);
      for (int i = 0; i < 16; ++i) b[48 + static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(i + 1);
      std::fill(b.begin() + 4, b.begin() + 8, 0);
      patch(img, h, b);
      patch(img, h + 4, le_bytes(image::crc32c(b), 4));
    }
    auto r = image::analyse_image(img, image::FileOpener{});
    REQUIRE(r.ok());
    CHECK(r->layers.front().disk.needs_repair);
  }
}

TEST_CASE("corrupt VMDK") {
  SECTION("capacity 2^63") {
    auto img = fresh("k_cap", "vmdk");
    patch(img, 12, le_bytes(1ull << 63, 8));
    auto e = fails(img);
    CHECK(e.code == ErrorCode::Corrupt);
    CHECK(e.message == "capacity: 9223372036854775808 sectors is beyond a sparse extent's 2 TiB");
  }
  SECTION("grain directory past the end of the file") {
    auto img = fresh("k_gd", "vmdk");
    patch(img, 56, le_bytes(1ull << 40, 8));
    auto e = fails(img);
    CHECK(e.code == ErrorCode::Corrupt);
    CHECK(e.message == "grain directory offset: sector 1099511627776 lies past the end of the file");
  }
  SECTION("a grain table entry pointing outside the file") {
    auto img = fresh("k_gt", "vmdk", "", "64M", "-c 'write -P 1 0 64k'");
    const auto gd = le_at(img, 56, 8);
    const auto gt = le_at(img, gd * 512, 4);
    patch(img, gt * 512, le_bytes(0x7FFFFFFF, 4));
    auto e = fails(img);
    CHECK(e.code == ErrorCode::Corrupt);
    CHECK(e.message == "grain table 0 entry 0: grain at sector 2147483647 lies past the end of the file");
  }
  SECTION("grain size not a power of two") {
    auto img = fresh("k_grain", "vmdk");
    patch(img, 20, le_bytes(3, 8));
    CHECK(fails(img).message == "grain size: 3 sectors is not a power of two up to 1 MiB");
  }
  SECTION("unknown version") {
    auto img = fresh("k_ver", "vmdk");
    patch(img, 4, le_bytes(9, 4));
    auto e = fails(img);
    CHECK(e.code == ErrorCode::NotSupported);
    CHECK(e.message == "VMDK: sparse extent version 9 is unknown");
  }
  SECTION("a descriptor whose extent file is missing") {
    auto img = fresh("k_missing", "vmdk", "subformat=twoGbMaxExtentFlat");
    fs::remove(img.parent_path() / "disk-f001.vmdk");
    auto e = fails(img);
    CHECK(e.code == ErrorCode::NotFound);
    CHECK(e.message == "VMDK descriptor: extent file \"disk-f001.vmdk\" cannot be opened: the file does not exist");
  }
  SECTION("a flat extent shorter than the descriptor says") {
    auto img = fresh("k_short", "vmdk", "subformat=monolithicFlat");
    truncate_to(img.parent_path() / "disk-flat.vmdk", 4096);
    auto e = fails(img);
    CHECK(e.code == ErrorCode::Corrupt);
    CHECK(e.message == "VMDK descriptor: extent \"disk-flat.vmdk\" is shorter than the 131072 sectors the descriptor gives it");
  }
}

TEST_CASE("a file that is no image at all is raw, a folder is refused, a missing file is NotFound") {
  const fs::path dir = temp_dir("corrupt_misc_" + std::to_string(getpid()));
  { std::ofstream(dir / "notes.txt") << "hello"; }
  auto r = image::analyse_image(dir / "notes.txt", image::FileOpener{});
  REQUIRE(r.ok());
  CHECK(r->layers.front().disk.format == "raw");
  auto missing = image::analyse_image(dir / "nope.qcow2", image::FileOpener{});
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().code == ErrorCode::NotFound);
  auto folder = image::analyse_image(dir, image::FileOpener{});
  REQUIRE_FALSE(folder.ok());
  CHECK(folder.error().code == ErrorCode::InvalidArgument);
}
