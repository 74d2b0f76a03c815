// SPDX-License-Identifier: GPL-3.0-or-later
// Every format and subformat made by qemu-img at test time, data written at
// known offsets with qemu-io, and vmstick's answer compared field by field
// with `qemu-img info --output=json` (and `qemu-img map` for allocation).
#include <unistd.h>

#include <set>

#include "core/probes/image/analyse.hpp"
#include "core/probes/image/input.hpp"
#include "image_support.hpp"
#include "support/error_of.hpp"
#include "support/fixtures.hpp"

using namespace vmstick;
using namespace vmstick::test;
namespace fs = std::filesystem;

namespace {

constexpr std::uint64_t kMiB = 1024 * 1024;
// The two writes every image gets: 64 KiB at 1 MiB and 3 MiB at 40 MiB.
const char* const kWrites = "-c 'write -P 0xab 1M 64k' -c 'write -P 0xcd 40M 3M'";

// Bytes of whole blocks the writes above touch, for a block size.
std::uint64_t touched(std::uint64_t block) {
  std::set<std::uint64_t> blocks;
  for (std::uint64_t off = 1 * kMiB; off < 1 * kMiB + 64 * 1024; off += 4096) blocks.insert(off / block);
  for (std::uint64_t off = 40 * kMiB; off < 43 * kMiB; off += 4096) blocks.insert(off / block);
  return blocks.size() * block;
}

fs::path dir_for(const std::string& name) { return temp_dir("parity_" + name + "_" + std::to_string(getpid())); }

image::ImageAnalysis analyse(const fs::path& p) {
  auto r = image::analyse_image(p, image::FileOpener{});
  INFO(p.string() << ": " << test::error_of(r));
  REQUIRE(r.ok());
  return std::move(r).value();
}

std::string qemu_format(const std::string& ours) { return ours == "vhd" ? "vpc" : ours; }

struct Case {
  const char* name;
  const char* qfmt;     // qemu-img -f
  const char* options;  // qemu-img create -o
  const char* size;
  const char* format;   // vmstick's name
  const char* variant;
  bool fixed;           // preallocated variant (allocation kind "fixed")
  bool full;            // the allocation table maps every block
  bool convert;         // write a qcow2 with qemu-io, then qemu-img convert (stream/compressed)
  bool compress;
};

const Case kCases[] = {
    {"qcow2 v3", "qcow2", "compat=1.1", "64M", "qcow2", "dynamic", false, false, false, false},
    {"qcow2 v2", "qcow2", "compat=0.10", "64M", "qcow2", "dynamic", false, false, false, false},
    {"qcow2 4k clusters", "qcow2", "cluster_size=4096", "64M", "qcow2", "dynamic", false, false, false, false},
    {"qcow2 compressed", "qcow2", "", "64M", "qcow2", "dynamic", false, false, true, true},
    {"vdi dynamic", "vdi", "", "64M", "vdi", "dynamic", false, false, false, false},
    {"vdi fixed", "vdi", "static=on", "64M", "vdi", "fixed", true, true, false, false},
    {"vhd dynamic", "vpc", "", "64M", "vhd", "dynamic", false, false, false, false},
    {"vhd fixed", "vpc", "subformat=fixed", "64M", "vhd", "fixed", true, true, false, false},
    {"vhdx dynamic", "vhdx", "", "64M", "vhdx", "dynamic", false, false, false, false},
    {"vhdx dynamic 1 MiB blocks", "vhdx", "block_size=1048576", "64M", "vhdx", "dynamic", false, false, false, false},
    {"vhdx fixed", "vhdx", "subformat=fixed", "64M", "vhdx", "fixed", true, false, false, false},
    {"vmdk monolithicSparse", "vmdk", "", "64M", "vmdk", "monolithicSparse", false, false, false, false},
    {"vmdk monolithicFlat", "vmdk", "subformat=monolithicFlat", "64M", "vmdk", "monolithicFlat", true, true, false, false},
    {"vmdk twoGbMaxExtentSparse", "vmdk", "subformat=twoGbMaxExtentSparse", "5G", "vmdk", "twoGbMaxExtentSparse", false, false, false, false},
    {"vmdk twoGbMaxExtentFlat", "vmdk", "subformat=twoGbMaxExtentFlat", "5G", "vmdk", "twoGbMaxExtentFlat", true, true, false, false},
    {"vmdk streamOptimized", "vmdk", "subformat=streamOptimized", "64M", "vmdk", "streamOptimized", false, false, true, false},
};

}  // namespace

TEST_CASE("qemu-img parity: every format and subformat") {
  for (const Case& c : kCases) {
    SECTION(c.name) {
      const fs::path dir = dir_for(std::string(c.qfmt) + "_" + std::to_string(&c - kCases));
      const fs::path img = dir / (std::string("disk.") + c.qfmt);
      const std::string opts = std::string(c.options).empty() ? "" : std::string(" -o ") + c.options;
      if (c.convert) {
        const fs::path src = dir / "src.qcow2";
        must("qemu-img create -q -f qcow2 " + q(src) + " " + c.size);
        must("qemu-io -f qcow2 " + std::string(kWrites) + " " + q(src));
        must(std::string("qemu-img convert ") + (c.compress ? "-c " : "") + "-O " + c.qfmt + opts + " " + q(src) + " " + q(img));
      } else {
        must(std::string("qemu-img create -q -f ") + c.qfmt + opts + " " + q(img) + " " + c.size);
        must(std::string("qemu-io -f ") + c.qfmt + " " + kWrites + " " + q(img));
      }
      // -f: QEMU's probe calls a fixed VHD raw (it looks for the footer copy
      // at offset 0 only); vmstick finds the footer at the end.
      const auto info = qemu_info(img, std::string("-f ") + c.qfmt);
      const auto a = analyse(img);
      const auto& d = a.layers.front().disk;
      INFO(info.dump(1));
      CHECK(qemu_format(d.format) == info["format"].get<std::string>());
      CHECK(d.format == c.format);
      CHECK(d.variant == c.variant);
      CHECK(d.virtual_size == info["virtual-size"].get<std::uint64_t>());
      if (info.contains("cluster-size")) CHECK(d.cluster_size == info["cluster-size"].get<std::uint64_t>());
      CHECK(d.encrypted == info.value("encrypted", false));
      CHECK(d.needs_repair == info.value("dirty-flag", false));
      CHECK(a.chain == image::ChainState::None);
      REQUIRE(d.allocated_bytes.has_value());
      if (c.full) {
        CHECK(*d.allocated_bytes >= d.virtual_size);
        CHECK(*d.allocated_bytes < d.virtual_size + std::max<std::uint64_t>(d.cluster_size, 512));
      } else {
        CHECK(*d.allocated_bytes == touched(d.cluster_size));
        // qemu-img map cannot tell allocation for VHDX (it reports all data).
        // qemu makes "fixed" VHDX blocks ZERO in the BAT until written, so
        // the table maps only the touched blocks there too.
        if (std::string(c.qfmt) != "vhdx") CHECK(*d.allocated_bytes == qemu_map_data(img, c.qfmt));
      }
      if (c.compress) CHECK(d.compressed);
      // Files: every file qemu-img wrote into the folder belongs to the image.
      std::uint64_t largest = 0, count = 0;
      for (const auto& e : fs::directory_iterator(dir)) {
        if (e.path().filename() == "src.qcow2") continue;
        ++count;
        largest = std::max<std::uint64_t>(largest, fs::file_size(e.path()));
      }
      const ImageFacts facts = image::analyse_input(img, image::FileOpener{});
      CHECK(facts.file_count.is(static_cast<std::uint32_t>(count)));
      CHECK(facts.largest_file_bytes.is(largest));
      CHECK(facts.allocation.is(c.fixed ? "fixed" : "dynamic"));
    }
  }
}

TEST_CASE("qemu-img parity: VMDK CID and extents of a split image") {
  const fs::path dir = dir_for("vmdk_cid");
  const fs::path img = dir / "split.vmdk";
  must("qemu-img create -q -f vmdk -o subformat=twoGbMaxExtentSparse " + q(img) + " 5G");
  const auto info = qemu_info(img);
  const auto a = analyse(img);
  const auto& d = a.layers.front().disk;
  CHECK(std::stoull(d.own_id, nullptr, 16) == info["format-specific"]["data"]["cid"].get<std::uint64_t>());
  CHECK(d.extents.size() == info["format-specific"]["data"]["extents"].size());
  CHECK(a.layers.front().files.size() == d.extents.size() + 1);
}

TEST_CASE("qemu-img parity: qcow2 encryption (LUKS and legacy AES)") {
  const fs::path dir = dir_for("crypt");
  for (const char* fmt : {"luks", "aes"}) {
    const fs::path img = dir / (std::string(fmt) + ".qcow2");
    // LUKS key derivation times itself against the thread's CPU clock; a tiny
    // iter-time keeps a loaded CI machine fast, and on VMs whose CPU clock
    // ticks coarsely qemu-img sometimes reads zero elapsed time and gives up
    // ("Unable to get accurate CPU usage"), so that one error is retried.
    const std::string extra = std::string(fmt) == "luks" ? ",encrypt.iter-time=10" : "";
    const std::string create = "qemu-img create -q -f qcow2 --object secret,id=sec0,data=pw -o encrypt.format=" +
                               std::string(fmt) + ",encrypt.key-secret=sec0" + extra + " " + q(img) + " 64M";
    CmdResult made = sh(create);
    for (int attempt = 1; made.rc != 0 && attempt < 8 && made.out.find("accurate CPU usage") != std::string::npos;
         ++attempt)
      made = sh(create);
    INFO(made.out);
    REQUIRE(made.rc == 0);
    const auto info = qemu_info(img);
    const auto a = analyse(img);
    INFO(fmt);
    CHECK(info["encrypted"].get<bool>());
    CHECK(a.layers.front().disk.encrypted);
    CHECK(a.layers.front().disk.encryption == fmt);
    CHECK(a.layers.front().disk.virtual_size == info["virtual-size"].get<std::uint64_t>());
  }
}

TEST_CASE("qemu-img parity: a three-deep qcow2 backing chain with relative paths") {
  const fs::path dir = dir_for("qcow2_chain");
  fs::create_directories(dir / "base");
  must("qemu-img create -q -f qcow2 " + q(dir / "base/base.qcow2") + " 64M");
  must("qemu-io -f qcow2 " + std::string(kWrites) + " " + q(dir / "base/base.qcow2"));
  must("cd " + q(dir) + " && qemu-img create -q -f qcow2 -b base/base.qcow2 -F qcow2 mid.qcow2");
  must("cd " + q(dir) + " && qemu-img create -q -f qcow2 -b mid.qcow2 -F qcow2 top.qcow2");
  must("qemu-io -f qcow2 -c 'write -P 0x11 8M 128k' " + q(dir / "top.qcow2"));
  auto chain = nlohmann::json::parse(sh("qemu-img info --backing-chain --output=json " + q(dir / "top.qcow2")).out);
  const auto a = analyse(dir / "top.qcow2");
  REQUIRE(a.layers.size() == chain.size());
  CHECK(a.chain == image::ChainState::Complete);
  for (std::size_t i = 0; i < chain.size(); ++i) {
    INFO(i);
    CHECK(fs::weakly_canonical(a.layers[i].path) == fs::weakly_canonical(chain[i]["filename"].get<std::string>()));
    CHECK(a.layers[i].disk.virtual_size == chain[i]["virtual-size"].get<std::uint64_t>());
    if (chain[i].contains("backing-filename")) {
      REQUIRE(a.layers[i].disk.parent.has_value());
      CHECK(a.layers[i].disk.parent->path_hints.front() == chain[i]["backing-filename"].get<std::string>());
      CHECK(a.layers[i].disk.parent->format_hint == chain[i]["backing-filename-format"].get<std::string>());
    }
  }
  CHECK(a.layers[0].disk.variant == "differencing");
  CHECK(*a.layers[0].disk.allocated_bytes == 128 * 1024);
  CHECK(*a.layers[0].disk.allocated_bytes == qemu_map_data(dir / "top.qcow2", "qcow2"));
  const ImageFacts f = image::analyse_input(dir / "top.qcow2", image::FileOpener{});
  CHECK(f.file_count.is(3u));
  CHECK(f.chain_state.is("complete"));
  REQUIRE(f.parent_chain.is_known());
  CHECK(f.parent_chain.value().size() == 2);
}

TEST_CASE("qemu-img parity: a VMDK child names its parent by parentCID") {
  const fs::path dir = dir_for("vmdk_chain");
  must("qemu-img create -q -f vmdk " + q(dir / "base.vmdk") + " 64M");
  must("cd " + q(dir) + " && qemu-img create -q -f vmdk -b base.vmdk -F vmdk child.vmdk");
  const auto info = qemu_info(dir / "child.vmdk");
  const auto a = analyse(dir / "child.vmdk");
  REQUIRE(a.layers.size() == 2);
  CHECK(a.chain == image::ChainState::Complete);
  CHECK(std::stoull(a.layers[0].disk.parent->expected_id, nullptr, 16) ==
        info["format-specific"]["data"]["parent-cid"].get<std::uint64_t>());

  SECTION("a parent replaced after the child was made is a mismatch") {
    fs::remove(dir / "base.vmdk");
    must("qemu-img create -q -f vmdk " + q(dir / "base.vmdk") + " 64M");
    const auto b = analyse(dir / "child.vmdk");
    CHECK(b.chain == image::ChainState::MismatchedParent);
    CHECK(b.chain_detail.find("parentCID") != std::string::npos);
  }
  SECTION("a missing parent is a finding, not an error") {
    fs::remove(dir / "base.vmdk");
    const auto b = analyse(dir / "child.vmdk");
    CHECK(b.chain == image::ChainState::MissingParent);
    CHECK(b.chain_detail.find("\"base.vmdk\" not found") != std::string::npos);
  }
}

TEST_CASE("a qcow2 backing chain that loops is detected") {
  const fs::path dir = dir_for("loop");
  must("qemu-img create -q -f qcow2 " + q(dir / "b.qcow2") + " 64M");
  must("cd " + q(dir) + " && qemu-img create -q -f qcow2 -b b.qcow2 -F qcow2 a.qcow2");
  must("cd " + q(dir) + " && qemu-img rebase -u -b a.qcow2 -F qcow2 b.qcow2");
  const auto a = analyse(dir / "a.qcow2");
  CHECK(a.chain == image::ChainState::Loop);
  CHECK(a.chain_detail.find("already in the chain") != std::string::npos);
}

TEST_CASE("qemu-img parity: dirty bit of a qcow2 v3 image") {
  const fs::path dir = dir_for("dirty");
  const fs::path img = dir / "d.qcow2";
  must("qemu-img create -q -f qcow2 " + q(img) + " 64M");
  patch(img, 72 + 7, {0x01});  // incompatible_features bit 0 (big-endian u64 at 72)
  const auto info = qemu_info(img, "-U");
  const auto a = analyse(img);
  CHECK(info["dirty-flag"].get<bool>());
  CHECK(a.layers.front().disk.needs_repair);
}

TEST_CASE("VDI differencing image found by UUID one folder up (VirtualBox Snapshots layout)") {
  // qemu-img cannot make differencing VDIs; derive one from a real dynamic
  // VDI by setting its type and parent UUID as VirtualBox would.
  const fs::path dir = dir_for("vdi_diff");
  fs::create_directories(dir / "Snapshots");
  const fs::path base = dir / "base.vdi", child = dir / "Snapshots" / "child.vdi";
  must("qemu-img create -q -f vdi " + q(base) + " 64M");
  must("qemu-img create -q -f vdi " + q(child) + " 64M");
  const auto base_uuid = read_file(base, 0x188, 16);
  patch(child, 0x4C, le_bytes(4, 4));
  patch(child, 0x1A8, base_uuid);
  const auto a = analyse(child);
  REQUIRE(a.layers.size() == 2);
  CHECK(a.chain == image::ChainState::Complete);
  CHECK(a.layers[0].disk.variant == "differencing");
  CHECK(fs::equivalent(a.layers[1].path, base));

  SECTION("no VDI with that UUID: missing parent") {
    patch(child, 0x1A8, std::vector<std::uint8_t>(16, 0x42));
    const auto b = analyse(child);
    CHECK(b.chain == image::ChainState::MissingParent);
    CHECK(b.chain_detail.find("parent UUID") != std::string::npos);
  }
}

TEST_CASE("raw images are the fallback and their allocation is unknown, not guessed") {
  const fs::path dir = dir_for("raw");
  const fs::path img = dir / "disk.img";
  must("qemu-img create -q -f raw " + q(img) + " 64M");
  const auto info = qemu_info(img);
  const auto a = analyse(img);
  CHECK(a.layers.front().disk.format == info["format"].get<std::string>());
  CHECK(a.layers.front().disk.virtual_size == info["virtual-size"].get<std::uint64_t>());
  CHECK_FALSE(a.layers.front().disk.allocated_bytes.has_value());
  const ImageFacts f = image::analyse_input(img, image::FileOpener{});
  CHECK_FALSE(f.allocated_bytes.is_known());
  CHECK(f.allocated_bytes.reason().find("no allocation table") != std::string::npos);
}

TEST_CASE("ISO 9660 images are recognised by their primary volume descriptor") {
  const fs::path dir = dir_for("iso");
  const fs::path img = dir / "cd.iso";
  must("truncate -s 1M " + q(img));
  std::vector<std::uint8_t> pvd(2048, 0);
  pvd[0] = 1;
  for (int i = 0; i < 5; ++i) pvd[1 + static_cast<std::size_t>(i)] = static_cast<std::uint8_t>("CD001"[i]);
  pvd[6] = 1;
  auto put = [&](std::size_t off, const std::vector<std::uint8_t>& b) { std::copy(b.begin(), b.end(), pvd.begin() + static_cast<std::ptrdiff_t>(off)); };
  put(80, le_bytes(512, 4));
  put(84, be_bytes(512, 4));
  put(128, le_bytes(2048, 2));
  put(130, be_bytes(2048, 2));
  patch(img, 0x8000, pvd);
  const auto a = analyse(img);
  CHECK(a.layers.front().disk.format == "iso");
  CHECK(a.layers.front().disk.virtual_size == 1 * kMiB);
  CHECK(a.layers.front().disk.cluster_size == 2048);
}

TEST_CASE("VHD differencing image: parent by W2ru locator, checked by UUID") {
  // qemu-img cannot make differencing VHDs; derive one from a real dynamic
  // VHD: disk type 4 in both footers (checksums redone), the parent's unique
  // id, its Unicode name and a W2ru locator in the dynamic disk header.
  const fs::path dir = dir_for("vhd_diff");
  const fs::path base = dir / "base.vhd", child = dir / "child.vhd";
  must("qemu-img create -q -f vpc " + q(base) + " 64M");
  must("qemu-img create -q -f vpc " + q(child) + " 64M");
  const auto base_id = read_file(base, fs::file_size(base) - 512 + 68, 16);
  auto set_type = [&](std::uint64_t footer) {
    patch(child, footer + 60, be_bytes(4, 4));
    auto f = read_file(child, footer, 512);
    std::uint32_t sum = 0;
    for (std::size_t i = 0; i < 512; ++i)
      if (i < 64 || i >= 68) sum += f[i];
    patch(child, footer + 64, be_bytes(~sum, 4));
  };
  set_type(0);
  set_type(fs::file_size(child) - 512);
  patch(child, 512 + 40, base_id);
  std::vector<std::uint8_t> name_be, rel_le;
  for (char c : std::string("base.vhd")) name_be.insert(name_be.end(), {0, static_cast<std::uint8_t>(c)});
  for (char c : std::string(".\\base.vhd")) rel_le.insert(rel_le.end(), {static_cast<std::uint8_t>(c), 0});
  patch(child, 512 + 64, name_be);
  // Locator 0: "W2ru", 1 sector of space, 20 bytes of data at 1792 (unused
  // room after the 32-entry BAT, which starts at 1536).
  std::vector<std::uint8_t> loc = {'W', '2', 'r', 'u'};
  for (auto v : {be_bytes(1, 4), be_bytes(rel_le.size(), 4), be_bytes(0, 4), be_bytes(1792, 8)}) loc.insert(loc.end(), v.begin(), v.end());
  patch(child, 512 + 576, loc);
  patch(child, 1792, rel_le);

  const auto a = analyse(child);
  REQUIRE(a.layers.size() == 2);
  CHECK(a.chain == image::ChainState::Complete);
  CHECK(a.layers[0].disk.variant == "differencing");
  REQUIRE(a.layers[0].disk.parent.has_value());
  CHECK(a.layers[0].disk.parent->path_hints.front() == ".\\base.vhd");
  CHECK(fs::equivalent(a.layers[1].path, base));
  CHECK(a.layers[1].disk.virtual_size == qemu_info(base, "-f vpc")["virtual-size"].get<std::uint64_t>());

  SECTION("a parent with another unique id is a mismatch") {
    patch(child, 512 + 40, std::vector<std::uint8_t>(16, 0x77));
    const auto b = analyse(child);
    CHECK(b.chain == image::ChainState::MismatchedParent);
    CHECK(b.chain_detail.find("parent UUID is 77777777-7777-7777-7777-777777777777") != std::string::npos);
  }
}
