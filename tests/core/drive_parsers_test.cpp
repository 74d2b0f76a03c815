// SPDX-License-Identifier: GPL-3.0-or-later
#include <catch2/catch.hpp>

#include <cstring>

#include "core/probes/drive/fs_capabilities.hpp"
#include "core/probes/drive/mountinfo.hpp"
#include "core/probes/drive/partition_table.hpp"
#include "core/probes/drive/udev_properties.hpp"
#include "core/probes/drive/usb_descriptors.hpp"

using namespace vmstick;

namespace {
std::vector<std::uint8_t> hex(std::string_view h) {
  std::vector<std::uint8_t> out;
  for (std::size_t i = 0; i + 1 < h.size(); i += 2) out.push_back(static_cast<std::uint8_t>(std::stoul(std::string(h.substr(i, 2)), nullptr, 16)));
  return out;
}

class MemDisk final : public ByteSource {
 public:
  explicit MemDisk(std::size_t bytes) : data(bytes, 0) {}
  Result<std::vector<std::uint8_t>> read(std::uint64_t off, std::size_t len) const override {
    if (off >= data.size()) return make_error(ErrorCode::Io, "read past end", "memdisk");
    const std::size_t n = std::min<std::size_t>(len, data.size() - off);
    return std::vector<std::uint8_t>(data.begin() + static_cast<long>(off), data.begin() + static_cast<long>(off + n));
  }
  std::uint64_t size() const override { return data.size(); }
  void put32(std::size_t at, std::uint32_t v) { for (int i = 0; i < 4; ++i) data[at + i] = static_cast<std::uint8_t>(v >> (8 * i)); }
  void put64(std::size_t at, std::uint64_t v) { put32(at, static_cast<std::uint32_t>(v)); put32(at + 4, static_cast<std::uint32_t>(v >> 32)); }
  void mbr_entry(int i, std::uint8_t type, std::uint32_t start, std::uint32_t count) {
    const std::size_t at = 446 + 16 * static_cast<std::size_t>(i);
    data[at + 4] = type;
    put32(at + 8, start);
    put32(at + 12, count);
    data[510] = 0x55;
    data[511] = 0xAA;
  }
  std::vector<std::uint8_t> data;
};
}  // namespace

// Bytes from the umockdev recording xhci-uas-exfat (QEMU usb-uas on xHCI).
TEST_CASE("USB descriptors: UAS device with SuperSpeed companions") {
  auto d = parse_usb_descriptors(hex(
      "1201000300000009F446030000000102030109025600010105C0000904000004080662000705010200040006300F000000042401000705"
      "820200040006300F040000042402000705830200040006300F040000042403000705040200040006300F04000004240400"));
  REQUIRE(d.ok());
  CHECK(d->bcd_usb == 0x0300);
  CHECK(d->vendor_id == 0x46f4);
  CHECK(d->product_id == 0x0003);
  REQUIRE(d->configurations.size() == 1);
  const auto& c = d->configurations[0];
  CHECK(c.max_power_raw == 0);
  CHECK(c.self_powered());
  REQUIRE(c.interfaces.size() == 1);
  CHECK(c.interfaces[0].cls == 0x08);
  CHECK(c.interfaces[0].subclass == 0x06);
  CHECK(c.interfaces[0].protocol == 0x62);
  REQUIRE(c.interfaces[0].endpoints.size() == 4);
  CHECK(c.interfaces[0].endpoints[0].has_ss_companion);
  CHECK(c.interfaces[0].endpoints[1].max_packet == 1024);
}

TEST_CASE("USB descriptors: Bulk-Only stick on EHCI") {
  auto d = parse_usb_descriptors(hex("1201000200000040F446010000000102030109022000010105C0000904000002080650000705810200020007050202000200"));
  REQUIRE(d.ok());
  CHECK(d->bcd_usb == 0x0200);
  REQUIRE(d->configurations.size() == 1);
  CHECK(d->configurations[0].interfaces[0].protocol == 0x50);
  CHECK(d->configurations[0].interfaces[0].endpoints.size() == 2);
}

TEST_CASE("USB descriptors: truncated and hostile input is Corrupt, never a crash") {
  CHECK_FALSE(parse_usb_descriptors({}).ok());
  CHECK(parse_usb_descriptors(hex("120100")).error().code == ErrorCode::Corrupt);
  // A configuration whose length byte runs past the end.
  auto bad = hex("1201000200000040F44601000000010203010909FF");
  CHECK(parse_usb_descriptors(bad).error().code == ErrorCode::Corrupt);
  // An endpoint with no interface before it.
  CHECK_FALSE(parse_usb_descriptors(hex("1201000200000040F446010000000102030109022000010105C000070581020002000")).ok());
  // Zero-length descriptor would loop forever if not rejected.
  CHECK_FALSE(parse_usb_descriptors(hex("1201000200000040F44601000000010203010000")).ok());
}

TEST_CASE("USB BOS: SuperSpeed and SuperSpeedPlus capabilities") {
  // BOS header (total 0x2A = 42, 3 caps): USB 2.0 extension (7 bytes),
  // SuperSpeed (10), SuperSpeedPlus (20, two sublink speed attributes).
  auto bos = parse_usb_bos(hex("050F2A0003"
                               "07100206000000"
                               "0A1003000E00010A0000"
                               "14100A00010000001100000030000A00B0000A00"));
  REQUIRE(bos.ok());
  CHECK(bos->usb2_extension);
  CHECK(bos->superspeed);
  CHECK(bos->ss_speeds_supported == 0x000E);
  CHECK(bos->superspeed_plus);
  CHECK(bos->ssp_sublink_speed_count == 2);

  auto usb2_only = parse_usb_bos(hex("050F0C0001" "07100206000000"));
  REQUIRE(usb2_only.ok());
  CHECK_FALSE(usb2_only->superspeed);
  CHECK_FALSE(usb2_only->superspeed_plus);

  CHECK(parse_usb_bos(hex("050FFF0001")).error().code == ErrorCode::Corrupt);
  CHECK_FALSE(parse_usb_bos(hex("050F0A0001" "0010")).ok());
}

TEST_CASE("USB power units and port budgets") {
  CHECK(usb_max_power_ma(0x32, 480) == 100);
  CHECK(usb_max_power_ma(0xFA, 480) == 500);
  CHECK(usb_max_power_ma(0x70, 5000) == 896);
  CHECK(usb_max_power_ma(0x70, 480) == 224);
  CHECK(usb_default_port_budget_ma(480) == 500);
  CHECK(usb_default_port_budget_ma(5000) == 900);
  CHECK(usb_default_port_budget_ma(10000) == 900);
  CHECK(usb_default_port_budget_ma(20000) == 1500);
  CHECK(usb_default_port_budget_ma(1) == 100);
}

TEST_CASE("mountinfo: escapes, optional fields, longest prefix") {
  const char* text =
      "22 1 8:2 / / rw,relatime shared:1 - ext4 /dev/sda2 rw,errors=remount-ro\n"
      "40 22 8:17 / /media/me/MY\\040STICK rw,nosuid,nodev shared:7 master:1 - vfat /dev/sdb1 rw,fmask=0022,flush\n"
      "41 22 8:33 / /media/me/MY rw - exfat /dev/sdc1 rw\n"
      "garbage line\n";
  auto m = parse_mountinfo(text);
  REQUIRE(m.ok());
  REQUIRE(m->size() == 3);
  CHECK((*m)[1].mount_point == "/media/me/MY STICK");
  CHECK((*m)[1].fs_type == "vfat");
  CHECK((*m)[1].source == "/dev/sdb1");
  CHECK((*m)[1].major == 8);
  CHECK((*m)[1].minor == 17);
  CHECK(has_mount_option((*m)[1].super_options, "flush"));
  CHECK_FALSE(has_mount_option((*m)[1].super_options, "flus"));
  CHECK(mount_for_path(*m, "/media/me/MY STICK/vm/disk.vdi")->source == "/dev/sdb1");
  CHECK(mount_for_path(*m, "/media/me/MY/x")->source == "/dev/sdc1");
  CHECK(mount_for_path(*m, "/media/me/MYX")->source == "/dev/sda2");
  CHECK_FALSE(mount_for_path(*m, "relative").has_value());
  CHECK(parse_mountinfo("nothing here\n").error().code == ErrorCode::Corrupt);
}

TEST_CASE("udev properties: database and uevent layouts") {
  auto db = parse_udev_properties("S:disk/by-id/usb-X\nI:123\nE:ID_BUS=usb\nE:ID_FS_LABEL_ENC=MY\\x20STICK\nG:systemd\nE:EMPTY=\n");
  CHECK(udev_get(db, "ID_BUS") == "usb");
  CHECK(udev_unescape(*udev_get(db, "ID_FS_LABEL_ENC")) == "MY STICK");
  CHECK_FALSE(udev_get(db, "EMPTY"));
  CHECK_FALSE(udev_get(db, "I"));
  auto ev = parse_udev_properties("DEVNAME=sda\nID_USB_DRIVER=uas\n=bad\n");
  CHECK(udev_get(ev, "ID_USB_DRIVER") == "uas");
  CHECK(ev.size() == 2);
  CHECK(udev_unescape("a\\x4") == "a\\x4");
}

TEST_CASE("partition table: MBR, superfloppy, corrupt entries") {
  MemDisk disk(64ull << 20);
  SECTION("two MBR partitions, one at sector 63") {
    disk.mbr_entry(0, 0x0c, 63, 2048);
    disk.mbr_entry(1, 0x83, 4096, 8192);
    auto t = parse_partition_table(disk);
    REQUIRE(t.ok());
    CHECK(t->scheme == "mbr");
    REQUIRE(t->partitions.size() == 2);
    CHECK(t->partitions[0].start_lba == 63);
    CHECK(t->partitions[0].type == "0x0c");
    CHECK(t->partitions[1].number == 2);
    CHECK_FALSE(is_aligned(63 * 512, 4096));
    CHECK(is_aligned(4096 * 512, 1 << 20));
  }
  SECTION("no signature: no table") {
    CHECK(parse_partition_table(disk)->scheme == "none");
  }
  SECTION("FAT boot sector is a whole-disk filesystem") {
    disk.data[510] = 0x55;
    disk.data[511] = 0xAA;
    std::memcpy(&disk.data[82], "FAT32   ", 8);
    disk.data[446 + 4] = 0x33;  // boot code that looks like a type byte
    CHECK(parse_partition_table(disk)->scheme == "none");
  }
  SECTION("entry past the end of the disk") {
    disk.mbr_entry(0, 0x07, 2048, 0xFFFFFF00u);
    auto t = parse_partition_table(disk);
    REQUIRE_FALSE(t.ok());
    CHECK(t.error().code == ErrorCode::Corrupt);
    CHECK(t.error().message.find("outside") != std::string::npos);
  }
  SECTION("protective MBR without a GPT header") {
    disk.mbr_entry(0, 0xEE, 1, 1000);
    CHECK(parse_partition_table(disk).error().code == ErrorCode::Corrupt);
  }
  SECTION("GPT with one partition") {
    disk.mbr_entry(0, 0xEE, 1, 1000);
    std::memcpy(&disk.data[512], "EFI PART", 8);
    disk.put64(512 + 72, 2);
    disk.put32(512 + 80, 128);
    disk.put32(512 + 84, 128);
    const std::size_t e = 1024 + 128 * 2;  // third entry
    disk.data[e] = 0xA2; disk.data[e + 1] = 0xA0; disk.data[e + 2] = 0xD0; disk.data[e + 3] = 0xEB;
    disk.put64(e + 32, 2048);
    disk.put64(e + 40, 4095);
    auto t = parse_partition_table(disk);
    REQUIRE(t.ok());
    CHECK(t->scheme == "gpt");
    REQUIRE(t->partitions.size() == 1);
    CHECK(t->partitions[0].number == 3);
    CHECK(t->partitions[0].start_lba == 2048);
    CHECK(t->partitions[0].size_lba == 2048);
    CHECK(t->partitions[0].type.substr(0, 8) == "ebd0a0a2");
    SECTION("bad entry size") {
      disk.put32(512 + 84, 7);
      CHECK(parse_partition_table(disk).error().code == ErrorCode::Corrupt);
    }
  }
  CHECK(parse_partition_table(disk, 1000).error().code == ErrorCode::InvalidArgument);
}

TEST_CASE("filesystem capabilities") {
  auto fat = fs_capabilities("vfat", "FAT32");
  REQUIRE(fat);
  CHECK(fat->max_file_bytes == (4ull << 30) - 1);
  CHECK(fat->native_writers == std::vector<std::string>{"linux", "windows", "macos"});
  CHECK_FALSE(fat->journaling);
  CHECK(fs_capabilities("exfat", "")->native_writers.size() == 3);
  CHECK(fs_capabilities("ntfs", "")->native_writers == std::vector<std::string>{"linux", "windows"});
  CHECK(fs_capabilities("ntfs", "")->journaling);
  CHECK(fs_capabilities("ext4", "1.0")->native_writers == std::vector<std::string>{"linux"});
  CHECK(fs_capabilities("apfs", "")->native_writers == std::vector<std::string>{"macos"});
  CHECK_FALSE(fs_capabilities("zfs_member", ""));
}
