// SPDX-License-Identifier: GPL-3.0-or-later
// Output buffers laid out byte by byte as the Windows SDK structures define
// them (winioctl.h, usbioctl.h), little-endian.
#include <catch2/catch.hpp>

#include <cstring>

#include "platform/windows/decode/drive_ioctl_decode.hpp"

using namespace vmstick;
using namespace vmstick::windows_decode;

namespace {
struct Buf {
  std::vector<std::uint8_t> b;
  explicit Buf(std::size_t n) : b(n, 0) {}
  void u8(std::size_t at, std::uint8_t v) { b[at] = v; }
  void u16(std::size_t at, std::uint16_t v) { b[at] = v & 0xFF; b[at + 1] = v >> 8; }
  void u32(std::size_t at, std::uint32_t v) { for (int i = 0; i < 4; ++i) b[at + i] = (v >> (8 * i)) & 0xFF; }
  void u64(std::size_t at, std::uint64_t v) { u32(at, static_cast<std::uint32_t>(v)); u32(at + 4, static_cast<std::uint32_t>(v >> 32)); }
  void str(std::size_t at, const char* s) { std::memcpy(&b[at], s, std::strlen(s) + 1); }
};
}  // namespace

TEST_CASE("Windows: STORAGE_DEVICE_DESCRIPTOR of a USB stick") {
  Buf d(96);
  d.u32(0, 40);
  d.u32(4, 96);
  d.u8(10, 1);  // RemovableMedia
  d.u32(12, 40);
  d.u32(16, 50);
  d.u32(24, 70);
  d.u32(28, 7);  // BusTypeUsb
  d.str(40, "SanDisk ");
  d.str(50, " Ultra   ");
  d.str(70, "4C530001");
  auto s = decode_storage_device_descriptor(d.b);
  REQUIRE(s.ok());
  CHECK(s->bus == "usb");
  CHECK(s->removable);
  CHECK(s->vendor == "SanDisk");
  CHECK(s->product == "Ultra");
  CHECK(s->serial == "4C530001");
  d.u32(28, 0x11);
  CHECK(decode_storage_device_descriptor(d.b)->bus == "nvme");
  // Offsets past Size are ignored, not read.
  d.u32(4, 45);
  CHECK(decode_storage_device_descriptor(d.b)->product.empty());
  CHECK(decode_storage_device_descriptor(std::span(d.b).first(20)).error().code == ErrorCode::Corrupt);
}

TEST_CASE("Windows: hub connection information EX and EX_V2 for a USB 3 stick on a USB 2 link") {
  Buf c(35);
  c.u32(0, 3);        // ConnectionIndex
  c.u8(4, 18);        // bLength
  c.u8(5, 1);
  c.u16(6, 0x0210);   // bcdUSB
  c.u16(12, 0x0781);  // idVendor
  c.u16(14, 0x5581);
  c.u8(23, 2);        // UsbHighSpeed
  c.u32(31, 1);       // DeviceConnected
  auto ex = decode_usb_connection_ex(c.b);
  REQUIRE(ex.ok());
  CHECK(ex->port == 3);
  CHECK(ex->speed_mbps == 480);
  CHECK(ex->bcd_usb == 0x0210);
  CHECK(ex->vendor_id == 0x0781);
  CHECK(ex->status == 1);
  CHECK_FALSE(ex->is_hub);

  Buf v(16);
  v.u32(0, 3);
  v.u32(4, 16);
  v.u32(8, 0x3);  // Usb110 | Usb200: the port is not USB 3
  v.u32(12, 0x2); // DeviceIsSuperSpeedCapableOrHigher
  auto v2 = decode_usb_connection_ex_v2(v.b);
  REQUIRE(v2.ok());
  CHECK_FALSE(v2->port_usb300);
  CHECK(v2->superspeed_capable);
  CHECK_FALSE(v2->operating_superspeed);

  UsbLinkFacts u;
  apply_usb_connection(*ex, &*v2, u);
  CHECK(u.speed_mbps.is(480u));
  CHECK(u.bos_superspeed.is(true));
  CHECK(u.port_usb3_capable.is(false));
  CHECK(u.vendor_id.is("0781"));

  UsbLinkFacts old;
  apply_usb_connection(*ex, nullptr, old);
  CHECK_FALSE(old.bos_superspeed.is_known());

  c.u8(23, 9);
  CHECK(decode_usb_connection_ex(c.b).error().code == ErrorCode::Corrupt);
  v.u32(4, 8);
  CHECK_FALSE(decode_usb_connection_ex_v2(v.b).ok());
  CHECK_FALSE(decode_usb_connection_ex(std::span(c.b).first(30)).ok());
}

TEST_CASE("Windows: DRIVE_LAYOUT_INFORMATION_EX with MBR slots") {
  Buf l(48 + 4 * 144);
  l.u32(0, 0);  // PARTITION_STYLE_MBR
  l.u32(4, 4);
  const std::size_t p0 = 48;
  l.u64(p0 + 8, 63 * 512);
  l.u64(p0 + 16, 1000 * 512);
  l.u32(p0 + 24, 1);
  l.u8(p0 + 32, 0x0C);
  auto t = decode_drive_layout_ex(l.b);
  REQUIRE(t.ok());
  CHECK(t->scheme == "mbr");
  REQUIRE(t->partitions.size() == 1);  // empty slots skipped
  CHECK(t->partitions[0].start_lba == 63);
  CHECK(t->partitions[0].type == "0x0c");
  l.u32(4, 1000);  // count larger than the buffer
  CHECK(decode_drive_layout_ex(l.b).error().code == ErrorCode::Corrupt);
}
