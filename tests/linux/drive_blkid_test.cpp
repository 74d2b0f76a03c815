// SPDX-License-Identifier: GPL-3.0-or-later
// libblkid on real filesystem images made at test time with the real mkfs
// tools and sfdisk: every field the probe reports is checked.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>

#include "core/rules/rule.hpp"
#include "platform/linux/drive_blkid.hpp"
#include "support/fixtures.hpp"

using namespace vmstick;
namespace fs = std::filesystem;

namespace {

fs::path work(const std::string& name) { return test::temp_dir("blkid_" + name + "_" + std::to_string(getpid())); }

void sh(const std::string& cmd) {
  INFO(cmd);
  REQUIRE(std::system(("set -e; " + cmd + " >/dev/null 2>&1").c_str()) == 0);
}

// Copies a filesystem image into a disk image at a byte offset.
void place(const fs::path& fsimg, const fs::path& disk, std::uint64_t offset) {
  sh("dd if='" + fsimg.string() + "' of='" + disk.string() + "' bs=512 seek=" + std::to_string(offset / 512) +
     " conv=notrunc status=none");
}

const VolumeFacts& volume(const DriveFacts& d, std::size_t i) {
  REQUIRE(d.volumes.size() > i);
  return d.volumes[i];
}

}  // namespace

TEST_CASE("blkid image: whole-disk FAT32 (superfloppy)") {
  auto dir = work("fat32");
  auto img = dir / "stick.img";
  sh("truncate -s 64M '" + img.string() + "' && mkfs.vfat -F 32 -n MYSTICK -s 8 '" + img.string() + "'");
  auto d = linux_backend::probe_disk_with_blkid(img, "stick");
  REQUIRE(d.ok());
  CHECK(d->bus.is("image"));
  CHECK(d->capacity_bytes.is(64ull << 20));
  CHECK(d->partition_table.is("none"));
  REQUIRE(d->volumes.size() == 1);
  const auto& v = volume(*d, 0);
  CHECK(v.number.is(0u));
  CHECK(v.start_bytes.is(0u));
  CHECK(v.fs_type.is("vfat"));
  CHECK(v.fs_version.is("FAT32"));
  CHECK(v.label.is("MYSTICK"));
  CHECK(v.uuid.is_known());
  CHECK(v.cluster_bytes.is(4096u));
  CHECK(v.max_file_bytes.is((4ull << 30) - 1));
  CHECK(v.journaling.is(false));
  CHECK(v.native_writers.is(std::vector<std::string>{"linux", "windows", "macos"}));
}

TEST_CASE("blkid image: whole-disk exFAT with 128 KiB clusters") {
  auto dir = work("exfat");
  auto img = dir / "x.img";
  sh("truncate -s 64M '" + img.string() + "' && mkfs.exfat -L EXV -c 128K '" + img.string() + "'");
  auto d = linux_backend::probe_disk_with_blkid(img, "x");
  REQUIRE(d.ok());
  // libblkid also reports PTTYPE=dos for this boot sector; it is no table.
  CHECK(d->partition_table.is("none"));
  const auto& v = volume(*d, 0);
  CHECK(v.fs_type.is("exfat"));
  CHECK(v.fs_version.is("1.0"));
  CHECK(v.label.is("EXV"));
  CHECK(v.cluster_bytes.is(128u * 1024));
}

TEST_CASE("blkid image: GPT with NTFS and ext4 partitions") {
  auto dir = work("gpt");
  auto disk = dir / "disk.img";
  auto ntfs = dir / "ntfs.img";
  auto ext4 = dir / "ext4.img";
  sh("truncate -s 96M '" + disk.string() + "' && printf 'label: gpt\\nstart=2048, size=65536, type=EBD0A0A2-B9E5-4433-87C0-68B6B72699C7\\nstart=67584, size=81920, type=L\\n' | sfdisk -q '" + disk.string() + "'");
  sh("truncate -s 32M '" + ntfs.string() + "' && mkfs.ntfs -q -F -Q -L NTFSVOL -c 4096 '" + ntfs.string() + "'");
  sh("truncate -s 40M '" + ext4.string() + "' && mkfs.ext4 -q -F -b 4096 -L EXT4VOL '" + ext4.string() + "'");
  place(ntfs, disk, 2048 * 512);
  place(ext4, disk, 67584ull * 512);
  auto d = linux_backend::probe_disk_with_blkid(disk, "disk");
  REQUIRE(d.ok());
  CHECK(d->partition_table.is("gpt"));
  REQUIRE(d->volumes.size() == 2);
  const auto& n = volume(*d, 0);
  CHECK(n.id == "disk#1");
  CHECK(n.number.is(1u));
  CHECK(n.start_bytes.is(1ull << 20));
  CHECK(n.size_bytes.is(32ull << 20));
  CHECK(n.aligned_1mib.is(true));
  CHECK(n.fs_type.is("ntfs"));
  CHECK(n.label.is("NTFSVOL"));
  CHECK(n.cluster_bytes.is(4096u));
  CHECK(n.journaling.is(true));
  CHECK(n.native_writers.is(std::vector<std::string>{"linux", "windows"}));
  const auto& e = volume(*d, 1);
  CHECK(e.number.is(2u));
  CHECK(e.start_bytes.is(67584ull * 512));
  CHECK(e.fs_type.is("ext4"));
  CHECK(e.fs_version.is("1.0"));
  CHECK(e.label.is("EXT4VOL"));
  CHECK(e.cluster_bytes.is(4096u));
  CHECK(e.native_writers.is(std::vector<std::string>{"linux"}));
}

TEST_CASE("blkid image: MBR partition at sector 63 is misaligned, and the rule says so") {
  auto dir = work("mbr63");
  auto disk = dir / "disk.img";
  auto fat = dir / "fat.img";
  sh("truncate -s 64M '" + disk.string() + "' && printf 'label: dos\\nstart=63, size=65000, type=c\\n' | sfdisk -q '" + disk.string() + "'");
  sh("truncate -s 31M '" + fat.string() + "' && mkfs.vfat -F 32 -n OLDTOOL '" + fat.string() + "'");
  place(fat, disk, 63 * 512);
  auto d = linux_backend::probe_disk_with_blkid(disk, "disk");
  REQUIRE(d.ok());
  CHECK(d->partition_table.is("mbr"));
  const auto& v = volume(*d, 0);
  CHECK(v.start_bytes.is(63u * 512));
  CHECK(v.aligned_4kib.is(false));
  CHECK(v.aligned_1mib.is(false));
  CHECK(v.fs_type.is("vfat"));
  CHECK(v.label.is("OLDTOOL"));

  FactSet facts;
  facts.drives.push_back(*d);
  facts.drives[0].target_volume = 0;
  facts.target_drive = 0;
  RuleRegistry rules;
  register_drive_rules(rules);
  auto found = rules.evaluate(facts, Catalog::builtin());
  REQUIRE(found.size() == 1);
  CHECK(found[0].id == "drive.partition_misaligned_4k");
}

TEST_CASE("blkid image: several MBR partitions, one unformatted") {
  auto dir = work("multi");
  auto disk = dir / "disk.img";
  auto fat = dir / "fat.img";
  sh("truncate -s 64M '" + disk.string() + "' && printf 'label: dos\\nstart=2048, size=32768\\nstart=34816, size=32768\\nstart=67584, size=32768\\n' | sfdisk -q '" + disk.string() + "'");
  sh("truncate -s 16M '" + fat.string() + "' && mkfs.vfat -n SECOND '" + fat.string() + "'");
  place(fat, disk, 34816ull * 512);
  auto d = linux_backend::probe_disk_with_blkid(disk, "disk");
  REQUIRE(d.ok());
  REQUIRE(d->volumes.size() == 3);
  CHECK_FALSE(volume(*d, 0).fs_type.is_known());
  CHECK(volume(*d, 0).fs_type.reason().find("no known filesystem") != std::string::npos);
  CHECK_FALSE(volume(*d, 0).native_writers.is_known());
  CHECK(volume(*d, 1).fs_type.is("vfat"));
  CHECK(volume(*d, 1).fs_version.is("FAT16"));
  CHECK(volume(*d, 1).max_file_bytes.is((2ull << 30) - 1));
  CHECK(volume(*d, 2).number.is(3u));
}

TEST_CASE("blkid image: label with control characters and HTML is kept as inert text") {
  auto dir = work("label");
  auto img = dir / "e.img";
  sh("truncate -s 40M '" + img.string() + "' && mkfs.ext4 -q -F -L \"$(printf '<b>\\001x')\" '" + img.string() + "'");
  auto d = linux_backend::probe_disk_with_blkid(img, "e");
  REQUIRE(d.ok());
  CHECK(volume(*d, 0).label.is("<b>?x"));
}

TEST_CASE("blkid image: corrupt table, junk and missing files are clear errors or unknowns") {
  auto dir = work("bad");
  SECTION("partition past the end of the disk") {
    auto disk = dir / "short.img";
    sh("truncate -s 64M '" + disk.string() + "' && printf 'label: dos\\nstart=2048, size=100000\\n' | sfdisk -q '" + disk.string() + "' && truncate -s 8M '" + disk.string() + "'");
    auto d = linux_backend::probe_disk_with_blkid(disk, "short");
    if (d.ok()) {
      REQUIRE(d->volumes.size() == 1);
      CHECK_FALSE(d->volumes[0].fs_type.is_known());
      CHECK(d->volumes[0].fs_type.reason().find("past the end") != std::string::npos);
    } else {
      CHECK(d.error().code == ErrorCode::Corrupt);
    }
  }
  SECTION("random bytes") {
    auto junk = dir / "junk.img";
    sh("head -c 4194304 /dev/urandom > '" + junk.string() + "'");
    auto d = linux_backend::probe_disk_with_blkid(junk, "junk");
    if (d.ok()) {
      CHECK_FALSE(d->partition_table.is("gpt"));
      for (const auto& v : d->volumes) CHECK_FALSE(v.fs_type.is("vfat"));
    } else {
      CHECK(d.error().code == ErrorCode::Corrupt);
    }
  }
  SECTION("missing file") {
    auto d = linux_backend::probe_disk_with_blkid(dir / "nope.img", "nope");
    REQUIRE_FALSE(d.ok());
    CHECK(d.error().code == ErrorCode::NotFound);
    CHECK(d.error().context.find("nope.img") != std::string::npos);
  }
}
