// SPDX-License-Identifier: GPL-3.0-or-later
// Which WM_DEVICECHANGE messages make the Windows drive monitor re-probe:
// hand-made DEV_BROADCAST_* records laid out as dbt.h declares them.
#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <cstdint>
#include <vector>

#include "platform/windows/decode/device_change.hpp"

using namespace vmstick::windows_decode;

namespace {

void put32(std::vector<std::uint8_t>& b, std::size_t at, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) b[at + i] = static_cast<std::uint8_t>(v >> (8 * i));
}

// DEV_BROADCAST_VOLUME: header, dbcv_unitmask, dbcv_flags, 2 bytes of padding.
std::vector<std::uint8_t> volume(std::uint32_t unit_mask, std::uint16_t flags = 0) {
  std::vector<std::uint8_t> b(20, 0);
  put32(b, 0, 20);
  put32(b, 4, kDbtDevtypVolume);
  put32(b, 12, unit_mask);
  b[16] = static_cast<std::uint8_t>(flags);
  b[17] = static_cast<std::uint8_t>(flags >> 8);
  return b;
}

// DEV_BROADCAST_DEVICEINTERFACE_W for GUID_DEVINTERFACE_DISK with a short name.
std::vector<std::uint8_t> disk_interface() {
  const std::array<std::uint8_t, 16> disk_guid{0x07, 0x63, 0xf5, 0x53, 0xbf, 0xb6, 0xd0, 0x11,
                                               0x94, 0xf2, 0x00, 0xa0, 0xc9, 0x1e, 0xfb, 0x8b};
  const char16_t name[] = u"\\\\?\\USBSTOR#Disk";
  std::vector<std::uint8_t> b(28 + sizeof name, 0);
  put32(b, 0, static_cast<std::uint32_t>(b.size()));
  put32(b, 4, kDbtDevtypDeviceInterface);
  std::copy(disk_guid.begin(), disk_guid.end(), b.begin() + 12);
  for (std::size_t i = 0; i < sizeof name / 2; ++i) {
    b[28 + 2 * i] = static_cast<std::uint8_t>(name[i]);
    b[28 + 2 * i + 1] = static_cast<std::uint8_t>(name[i] >> 8);
  }
  return b;
}

std::vector<std::uint8_t> header_only(std::uint32_t devicetype) {
  std::vector<std::uint8_t> b(12, 0);
  put32(b, 0, 12);
  put32(b, 4, devicetype);
  return b;
}

constexpr std::uint32_t kE = 1u << 4, kF = 1u << 5;

}  // namespace

TEST_CASE("Windows device change: a volume arriving or leaving names its drive letters") {
  const auto rec = volume(kE | kF);
  const auto in = decode_device_change(kDbtDeviceArrival, rec);
  REQUIRE(in.has_value());
  CHECK(in->arrival);
  CHECK(in->letters == std::vector<std::string>{"E:", "F:"});
  const auto out = decode_device_change(kDbtDeviceRemoveComplete, rec);
  REQUIRE(out.has_value());
  CHECK_FALSE(out->arrival);
  CHECK(out->letters == std::vector<std::string>{"E:", "F:"});
  // A and Z bound the mask; bits above Z name no drive.
  CHECK(decode_device_change(kDbtDeviceArrival, volume(1u | 1u << 25 | 1u << 26))->letters ==
        std::vector<std::string>{"A:", "Z:"});
}

TEST_CASE("Windows device change: a disk interface arriving or leaving is a change without letters") {
  const auto rec = disk_interface();
  const auto in = decode_device_change(kDbtDeviceArrival, rec);
  REQUIRE(in.has_value());
  CHECK(in->arrival);
  CHECK(in->letters.empty());
  REQUIRE(decode_device_change(kDbtDeviceRemoveComplete, rec).has_value());
  CHECK_FALSE(decode_device_change(kDbtDeviceRemoveComplete, rec)->arrival);
}

TEST_CASE("Windows device change: other events and other device types are no change") {
  const auto rec = volume(kE);
  for (std::uintptr_t w : {kDbtDevnodesChanged, kDbtDeviceQueryRemove, kDbtConfigChanged, kDbtDeviceRemovePending,
                           std::uintptr_t{0x8002}, std::uintptr_t{0x8005}, std::uintptr_t{0x8006}, std::uintptr_t{0xFFFF}}) {
    CAPTURE(w);
    CHECK_FALSE(decode_device_change(w, rec).has_value());
    CHECK_FALSE(decode_device_change(w, disk_interface()).has_value());
  }
  // DEVNODES_CHANGED and CONFIGCHANGED carry no record at all.
  CHECK_FALSE(decode_device_change(kDbtDevnodesChanged, {}).has_value());
  CHECK_FALSE(decode_device_change(kDbtConfigChanged, {}).has_value());
  for (std::uint32_t type : {kDbtDevtypPort, kDbtDevtypHandle, std::uint32_t{0} /* OEM */, std::uint32_t{4} /* net */}) {
    CAPTURE(type);
    auto port = disk_interface();
    put32(port, 4, type);
    CHECK_FALSE(decode_device_change(kDbtDeviceArrival, port).has_value());
    CHECK_FALSE(decode_device_change(kDbtDeviceRemoveComplete, header_only(type)).has_value());
  }
  // A mapped network share gets a letter but is no drive.
  CHECK_FALSE(decode_device_change(kDbtDeviceArrival, volume(kE, kDbtfNet)).has_value());
  CHECK(decode_device_change(kDbtDeviceArrival, volume(kE, 0x0001 /* DBTF_MEDIA */)).has_value());
  CHECK_FALSE(decode_device_change(kDbtDeviceArrival, volume(0)).has_value());
}

TEST_CASE("Windows device change: a record cut short or a null lParam is no change and is not overread") {
  // Only the bytes the span covers exist: a sanitizer build reports any read past them.
  const auto rec = volume(kE | kF);
  for (std::size_t n = 0; n < rec.size(); ++n) {
    CAPTURE(n);
    const std::vector<std::uint8_t> cut(rec.begin(), rec.begin() + static_cast<std::ptrdiff_t>(n));
    CHECK_FALSE(decode_device_change(kDbtDeviceArrival, cut).has_value());
  }
  // dbch_size too small for a volume's unit mask and flags, or for an interface's GUID.
  auto small = volume(kE);
  put32(small, 0, 16);
  CHECK_FALSE(decode_device_change(kDbtDeviceArrival, small).has_value());
  auto iface = disk_interface();
  put32(iface, 0, 27);
  CHECK_FALSE(decode_device_change(kDbtDeviceArrival, iface).has_value());
  put32(iface, 0, 0);
  CHECK_FALSE(decode_device_change(kDbtDeviceArrival, iface).has_value());

  CHECK(broadcast_record(nullptr).empty());
  CHECK_FALSE(decode_device_change(kDbtDeviceArrival, broadcast_record(nullptr)).has_value());
  // From lParam, the record is exactly as long as its dbch_size.
  auto longer = volume(kE);
  longer.resize(64, 0xAA);
  const auto seen = broadcast_record(longer.data());
  CHECK(seen.size() == 20);
  CHECK(seen.data() == longer.data());
  CHECK(decode_device_change(kDbtDeviceArrival, seen)->letters == std::vector<std::string>{"E:"});
  put32(longer, 0, 0x7fffffff);  // garbage: never taken as a length
  CHECK(broadcast_record(longer.data()).empty());
}
