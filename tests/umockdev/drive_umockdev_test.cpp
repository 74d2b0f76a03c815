// SPDX-License-Identifier: GPL-3.0-or-later
// Runs under umockdev-run (see CMakeLists.txt): the live PathStore sees the
// recorded sysfs tree. Each TEST_CASE is tagged with its scenario folder.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>

#include "core/engine/check.hpp"
#include "platform/linux/drive_probe.hpp"

using namespace vmstick;

namespace {

struct Probed {
  FactSet facts;
  std::vector<std::string> findings;
};

Probed probe_sda1(std::vector<std::string> run_on = {}) {
  // Guard: outside umockdev this would probe the real machine.
  REQUIRE(std::getenv("UMOCKDEV_DIR") != nullptr);
  PathStore paths;
  CheckRequest request;
  request.drive = "/dev/sda1";
  request.run_on = std::move(run_on);
  CancelToken cancel;
  ProbeContext ctx{paths, request, cancel, {}};
  ProbeRegistry probes;
  probes.add(std::make_unique<linux_backend::DriveProbe>());
  RuleRegistry rules;
  register_drive_rules(rules);
  CheckResult r = run_check(probes, rules, Catalog::builtin(), ctx, "linux");
  Probed p{r.facts, {}};
  for (const auto& f : r.findings) p.findings.push_back(f.id);
  std::sort(p.findings.begin(), p.findings.end());
  return p;
}

const DriveFacts& only_drive(const Probed& p) {
  REQUIRE(p.facts.drives.size() == 1);
  REQUIRE(p.facts.target_drive == std::size_t{0});
  return p.facts.drives[0];
}

const VolumeFacts& target_volume(const DriveFacts& d) {
  REQUIRE(d.target() != nullptr);
  return *d.target();
}

void check_qemu_disk_layout(const DriveFacts& d) {
  CHECK(d.device.is("/dev/sda"));
  CHECK(d.bus.is("usb"));
  CHECK(d.capacity_bytes.is(256ull << 20));
  CHECK(d.logical_sector_bytes.is(512u));
  CHECK(d.partition_table.is("mbr"));
  REQUIRE(d.volumes.size() == 1);
  const auto& v = d.volumes[0];
  CHECK(v.id == "/dev/sda1");
  CHECK(v.number.is(1u));
  CHECK(v.start_bytes.is(1ull << 20));
  CHECK(v.aligned_1mib.is(true));
  CHECK(v.aligned_4kib.is(true));
  // Not mounted on this machine: no space figures, and no guess.
  CHECK_FALSE(v.mount_point.is_known());
  CHECK_FALSE(v.free_bytes.is_known());
  CHECK_FALSE(v.mounted_sync.is_known());
}

using V = std::vector<std::string>;

}  // namespace

TEST_CASE("umockdev: Bulk-Only FAT32 stick at 5000 Mb/s on xHCI", "[usb-xhci-bot-fat32]") {
  auto p = probe_sda1();
  const auto& d = only_drive(p);
  check_qemu_disk_layout(d);
  CHECK(d.vendor.is("QEMU"));
  CHECK(d.removable.is(true));
  CHECK(d.usb.port_path.is("2-1"));
  CHECK(d.usb.hub_tiers.is(0u));
  CHECK(d.usb.speed_mbps.is(5000u));
  CHECK(d.usb.bcd_usb.is(std::uint16_t{0x0300}));
  CHECK(d.usb.bos_superspeed.is(true));
  CHECK(d.usb.port_usb3_capable.is(true));
  CHECK(d.usb.vendor_id.is("46f4"));
  CHECK(d.usb.product_id.is("0001"));
  CHECK(d.usb.transport.is("bot"));
  CHECK(d.usb.uas_offered.is(false));
  CHECK(d.usb.driver.is("usb-storage"));
  CHECK(d.usb.max_power_ma.is(0u));
  CHECK(d.usb.port_budget_ma.is(900u));
  CHECK(d.usb.bus_powered_hub.is(false));
  CHECK(d.usb.card_reader.is(false));
  CHECK_FALSE(d.usb.bridge.is_known());
  const auto& v = target_volume(d);
  CHECK(v.fs_type.is("vfat"));
  CHECK(v.fs_version.is("FAT32"));
  CHECK(v.label.is("STICKA"));
  CHECK(v.max_file_bytes.is((4ull << 30) - 1));
  CHECK(v.native_writers.is(V{"linux", "windows", "macos"}));
  CHECK(p.findings == V{"drive.bulk_only_transport"});
}

TEST_CASE("umockdev: UAS exFAT stick at 5000 Mb/s on xHCI", "[usb-xhci-uas-exfat]") {
  auto p = probe_sda1();
  const auto& d = only_drive(p);
  check_qemu_disk_layout(d);
  CHECK(d.serial.is("STICKB002"));
  CHECK(d.usb.speed_mbps.is(5000u));
  CHECK(d.usb.transport.is("uas"));
  CHECK(d.usb.driver.is("uas"));
  CHECK(d.usb.product_id.is("0003"));
  const auto& v = target_volume(d);
  CHECK(v.fs_type.is("exfat"));
  CHECK(v.label.is("STICKB"));
  CHECK(v.journaling.is(false));
  CHECK(d.usb.uas_offered.is(true));
  CHECK(p.findings.empty());
}

TEST_CASE("umockdev: a UAS bridge the kernel runs with Bulk-Only", "[uas-bridge-run-bulk-only]") {
  auto p = probe_sda1();
  const auto& d = only_drive(p);
  CHECK(d.usb.speed_mbps.is(5000u));
  // The active alternate setting (0) is Bulk-Only, and usb-storage is bound...
  CHECK(d.usb.transport.is("bot"));
  CHECK(d.usb.driver.is("usb-storage"));
  // ...but alternate setting 1 in the configuration descriptor offers UAS.
  CHECK(d.usb.uas_offered.is(true));
  CHECK(d.usb.uas_offered.source() == "2-1/descriptors interface alternate settings");
  CHECK(p.findings == V{"drive.uas_offered_but_bulk_only"});
}

TEST_CASE("umockdev: Bulk-Only ext4 stick at 480 Mb/s on EHCI", "[usb-ehci-bot-ext4]") {
  auto p = probe_sda1();
  const auto& d = only_drive(p);
  check_qemu_disk_layout(d);
  CHECK(d.usb.port_path.is("1-1"));
  CHECK(d.usb.speed_mbps.is(480u));
  CHECK(d.usb.bcd_usb.is(std::uint16_t{0x0200}));
  // No bos_descriptors on Linux 6.1, but bcdUSB 2.00 settles it: below 2.01
  // a device has no BOS, and a USB 3 device at High Speed reports 2.10.
  CHECK(d.usb.bos_superspeed.is(false));
  CHECK(d.usb.bos_superspeed.source() == "1-1/descriptors bcdUSB 2.00 (below 2.01: no BOS)");
  CHECK(d.usb.port_usb3_capable.is(false));
  CHECK(d.usb.port_budget_ma.is(500u));
  const auto& v = target_volume(d);
  CHECK(v.fs_type.is("ext4"));
  CHECK(v.label.is("STICKC"));
  CHECK(v.journaling.is(true));
  CHECK(v.native_writers.is(V{"linux"}));
  CHECK(p.findings == V{"drive.bulk_only_transport", "drive.fs_not_writable_on_os", "drive.usb2_only_device"});
  auto linux_only = probe_sda1({"linux"});
  CHECK(linux_only.findings == V{"drive.bulk_only_transport", "drive.usb2_only_device"});
}

TEST_CASE("umockdev: USB 3 stick linked at 480 on a USB 2 port", "[usb3-stick-at-480-on-usb2-port]") {
  auto p = probe_sda1({"linux"});
  const auto& d = only_drive(p);
  CHECK(d.usb.speed_mbps.is(480u));
  CHECK(d.usb.bcd_usb.is(std::uint16_t{0x0210}));
  CHECK(d.usb.bos_superspeed.is(true));
  CHECK(d.usb.bos_superspeed.source().find("bos_descriptors") != std::string::npos);
  CHECK(d.usb.bos_superspeed_plus.is(false));
  CHECK(d.usb.port_usb3_capable.is(false));
  CHECK(d.usb.vendor_id.is("0781"));
  // 0x32 in 2 mA units below SuperSpeed.
  CHECK(d.usb.max_power_ma.is(100u));
  CHECK(d.usb.port_budget_ma.is(500u));
  CHECK(p.findings == V{"drive.bulk_only_transport", "drive.usb3_device_at_high_speed"});
}

// The same stick on a kernel before 6.3 (no bos_descriptors): vmstick asks the
// device for its BOS through usbfs. Run twice: with bos.pcap the replayed
// device answers; without it the request fails, and the reason says how.
TEST_CASE("umockdev: USB 3 stick at 480 on Linux 6.1, the device answers GET_DESCRIPTOR(BOS)",
          "[usb3-stick-at-480-kernel-6.1-answers]") {
  auto p = probe_sda1({"linux"});
  const auto& d = only_drive(p);
  CHECK(d.usb.bcd_usb.is(std::uint16_t{0x0210}));
  CHECK(d.usb.bos_superspeed.is(true));
  CHECK(d.usb.bos_superspeed.source() == "GET_DESCRIPTOR(BOS) asked of 1-1 through usbfs");
  CHECK(d.usb.bos_superspeed_plus.is(false));
  CHECK(p.findings == V{"drive.bulk_only_transport", "drive.usb3_device_at_high_speed"});
}

TEST_CASE("umockdev: USB 3 stick at 480 on Linux 6.1, the device does not answer",
          "[usb3-stick-at-480-kernel-6.1-silent]") {
  auto p = probe_sda1({"linux"});
  const auto& d = only_drive(p);
  CHECK_FALSE(d.usb.bos_superspeed.is_known());
  CHECK(d.usb.bos_superspeed.reason() ==
        "no 1-1/bos_descriptors (kernels before 6.3 do not keep the device's BOS); "
        "GET_DESCRIPTOR(BOS) failed: LIBUSB_ERROR_IO (/dev/bus/usb/001/002)");
  CHECK(p.findings == V{"drive.bulk_only_transport", "drive.usb_slow_link_capability_unknown"});
}

TEST_CASE("umockdev: UAS NVMe enclosure (ASM2362) at 10000 Mb/s", "[uas-ssd-10000-asm2362]") {
  auto p = probe_sda1();
  const auto& d = only_drive(p);
  CHECK(d.removable.is(false));
  CHECK(d.usb.speed_mbps.is(10000u));
  CHECK(d.usb.bcd_usb.is(std::uint16_t{0x0320}));
  CHECK(d.usb.bos_superspeed.is(true));
  CHECK(d.usb.bos_superspeed_plus.is(true));
  CHECK(d.usb.transport.is("uas"));
  // 0x70 in 8 mA units at SuperSpeed.
  CHECK(d.usb.max_power_ma.is(896u));
  CHECK(d.usb.port_budget_ma.is(900u));
  CHECK(d.usb.bridge.is("ASMedia ASM2362"));
  CHECK(target_volume(d).fs_type.is("exfat"));
  CHECK(p.findings.empty());
}

TEST_CASE("umockdev: stick behind a bus-powered USB 3 hub", "[usb-stick-behind-bus-powered-hub]") {
  auto p = probe_sda1();
  const auto& d = only_drive(p);
  CHECK(d.usb.port_path.is("2-1.3"));
  CHECK(d.usb.hub_tiers.is(1u));
  CHECK(d.usb.bus_powered_hub.is(true));
  CHECK(d.usb.max_power_ma.is(896u));
  CHECK(d.usb.port_budget_ma.is(150u));
  CHECK(d.usb.transport.is("bot"));
  CHECK(p.findings == V{"drive.bulk_only_transport", "drive.power_above_port_budget"});
}

TEST_CASE("umockdev: USB 2 SD card reader", "[usb2-card-reader]") {
  auto p = probe_sda1({"linux"});
  const auto& d = only_drive(p);
  CHECK(d.model.is("SD/MMC Card Reader"));
  CHECK(d.usb.card_reader.is(true));
  CHECK(d.usb.card_reader.source() == "udev ID_DRIVE_FLASH_SD");
  CHECK(d.usb.bos_superspeed.is(false));
  CHECK(d.usb.max_power_ma.is(500u));
  CHECK(p.findings == V{"drive.bulk_only_transport", "drive.card_reader", "drive.usb2_only_device"});
}
