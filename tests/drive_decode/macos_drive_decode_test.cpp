// SPDX-License-Identifier: GPL-3.0-or-later
#include <catch2/catch.hpp>

#include "platform/macos/decode/drive_iokit_decode.hpp"

using namespace vmstick;

TEST_CASE("macOS: IOUSBHostDevice properties of a UAS enclosure behind a hub") {
  auto props = nlohmann::json::parse(R"({
    "Device Speed": 4, "bcdUSB": 800, "idVendor": 5964, "idProduct": 9058,
    "USB Product Name": "ASM2362", "locationID": 336592896, "UsbPowerSinkAllocation": 896 })");
  UsbLinkFacts u;
  macos_decode::decode_usb_host_device(props, u);
  CHECK(u.speed_mbps.is(10000u));
  CHECK(u.bcd_usb.is(std::uint16_t{0x0320}));
  CHECK(u.vendor_id.is("174c"));
  CHECK(u.product_id.is("2362"));
  // 0x14100000 -> bus 0x14 = 20, port 1, then port 0 ends the chain.
  CHECK(u.port_path.is("20-1"));
  CHECK(u.hub_tiers.is(0u));
  CHECK(u.max_power_ma.is(896u));
  CHECK(u.bos_superspeed.is(true));
  macos_decode::decode_mass_storage_driver("IOUSBMassStorageUASDriver", u);
  CHECK(u.transport.is("uas"));
  macos_decode::decode_mass_storage_driver("IOUSBMassStorageDriver", u);
  CHECK(u.transport.is("bot"));
  macos_decode::decode_mass_storage_driver("SomethingElse", u);
  CHECK_FALSE(u.transport.is_known());
}

TEST_CASE("macOS: high-speed stick behind one hub, missing or mistyped properties are unknown") {
  UsbLinkFacts u;
  macos_decode::decode_usb_host_device(nlohmann::json::parse(R"({"Device Speed": 2, "locationID": 337838080, "bcdUSB": "x"})"), u);
  CHECK(u.speed_mbps.is(480u));
  // 0x14230000: port 2, then port 3 behind a hub.
  CHECK(u.port_path.is("20-2.3"));
  CHECK(u.hub_tiers.is(1u));
  CHECK_FALSE(u.bcd_usb.is_known());
  CHECK_FALSE(u.bos_superspeed.is_known());
  UsbLinkFacts none;
  macos_decode::decode_usb_host_device(nlohmann::json::parse(R"({"Device Speed": 17})"), none);
  CHECK_FALSE(none.speed_mbps.is_known());
  CHECK_FALSE(none.port_path.is_known());
}

TEST_CASE("macOS: IOMedia whole disk") {
  DriveFacts d;
  macos_decode::decode_iomedia_disk(nlohmann::json::parse(R"({
    "BSD Name": "disk4", "Size": 62742792192, "Removable": true, "Writable": false,
    "Preferred Block Size": 512, "Content": "FDisk_partition_scheme" })"), d);
  CHECK(d.id == "/dev/disk4");
  CHECK(d.device.is("disk4"));
  CHECK(d.capacity_bytes.is(62742792192ull));
  CHECK(d.removable.is(true));
  CHECK(d.write_protected.is(true));
  CHECK(d.partition_table.is("mbr"));
  DriveFacts g;
  macos_decode::decode_iomedia_disk(nlohmann::json::parse(R"({"Content": "GUID_partition_scheme", "Size": -1})"), g);
  CHECK(g.partition_table.is("gpt"));
  CHECK_FALSE(g.capacity_bytes.is_known());
  CHECK_FALSE(g.device.is_known());
}
