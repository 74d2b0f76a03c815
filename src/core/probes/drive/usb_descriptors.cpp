// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/probes/drive/usb_descriptors.hpp"

#include <string>

namespace vmstick {
namespace {

constexpr std::uint8_t kDevice = 0x01, kConfig = 0x02, kInterface = 0x04, kEndpoint = 0x05,
                       kBos = 0x0F, kDeviceCapability = 0x10, kSsEpCompanion = 0x30;
constexpr std::size_t kMaxConfigs = 32, kMaxInterfaces = 64, kMaxEndpoints = 32;

std::uint16_t le16(std::span<const std::uint8_t> b, std::size_t at) {
  return static_cast<std::uint16_t>(b[at] | (b[at + 1] << 8));
}

Error corrupt(std::string what, std::size_t offset) {
  return make_error(ErrorCode::Corrupt, "USB descriptor " + what, "offset " + std::to_string(offset));
}

}  // namespace

Result<UsbDevice> parse_usb_descriptors(std::span<const std::uint8_t> b) {
  if (b.size() < 18 || b[0] < 18 || b[1] != kDevice) return corrupt("does not start with an 18-byte device descriptor", 0);
  UsbDevice d;
  d.bcd_usb = le16(b, 2);
  d.device_class = b[4];
  d.max_packet0 = b[7];
  d.vendor_id = le16(b, 8);
  d.product_id = le16(b, 10);
  d.bcd_device = le16(b, 12);
  d.num_configurations = b[17];
  std::size_t at = b[0];
  while (at + 2 <= b.size()) {
    const std::size_t len = b[at];
    const std::uint8_t type = b[at + 1];
    if (len < 2 || at + len > b.size()) return corrupt("has a descriptor whose length runs past the end", at);
    if (type == kConfig) {
      if (len < 9) return corrupt("has a short configuration descriptor", at);
      if (d.configurations.size() >= kMaxConfigs) return corrupt("has too many configurations", at);
      UsbConfiguration c;
      c.value = b[at + 5];
      c.attributes = b[at + 7];
      c.max_power_raw = b[at + 8];
      d.configurations.push_back(c);
    } else if (type == kInterface) {
      if (len < 9 || d.configurations.empty()) return corrupt("has an interface outside a configuration", at);
      auto& ifs = d.configurations.back().interfaces;
      if (ifs.size() >= kMaxInterfaces) return corrupt("has too many interfaces", at);
      UsbInterface i;
      i.number = b[at + 2];
      i.alternate = b[at + 3];
      i.cls = b[at + 5];
      i.subclass = b[at + 6];
      i.protocol = b[at + 7];
      ifs.push_back(i);
    } else if (type == kEndpoint) {
      if (len < 7 || d.configurations.empty() || d.configurations.back().interfaces.empty()) {
        return corrupt("has an endpoint outside an interface", at);
      }
      auto& eps = d.configurations.back().interfaces.back().endpoints;
      if (eps.size() >= kMaxEndpoints) return corrupt("has too many endpoints", at);
      eps.push_back(UsbEndpoint{b[at + 2], b[at + 3], le16(b, at + 4), false});
    } else if (type == kSsEpCompanion) {
      if (!d.configurations.empty() && !d.configurations.back().interfaces.empty() &&
          !d.configurations.back().interfaces.back().endpoints.empty()) {
        d.configurations.back().interfaces.back().endpoints.back().has_ss_companion = true;
      }
    }
    // Class-specific descriptors (UAS pipe usage 0x24, HID, ...) are skipped.
    at += len;
  }
  return d;
}

Result<UsbBos> parse_usb_bos(std::span<const std::uint8_t> b) {
  if (b.size() < 5 || b[0] < 5 || b[1] != kBos) return corrupt("BOS does not start with a BOS header", 0);
  const std::size_t total = le16(b, 2);
  if (total < b[0] || total > b.size()) return corrupt("BOS wTotalLength exceeds the data", 2);
  UsbBos bos;
  std::size_t at = b[0];
  while (at + 3 <= total) {
    const std::size_t len = b[at];
    if (len < 3 || at + len > total) return corrupt("BOS capability length runs past the end", at);
    if (b[at + 1] == kDeviceCapability) {
      switch (b[at + 2]) {
        case 0x02: bos.usb2_extension = true; break;
        case 0x03:
          bos.superspeed = true;
          if (len >= 6) bos.ss_speeds_supported = le16(b, at + 4);
          break;
        case 0x0A:
          bos.superspeed_plus = true;
          // bmAttributes bits 4:0 hold the sublink speed attribute count - 1.
          if (len >= 8) bos.ssp_sublink_speed_count = (b[at + 4] & 0x1Fu) + 1;
          break;
        default: break;
      }
    }
    at += len;
  }
  return bos;
}

std::uint32_t usb_max_power_ma(std::uint8_t raw, std::uint32_t speed_mbps) {
  return static_cast<std::uint32_t>(raw) * (speed_mbps >= 5000 ? 8u : 2u);
}

std::uint32_t usb_default_port_budget_ma(std::uint32_t speed_mbps) {
  if (speed_mbps >= 20000) return 1500;  // Gen 2x2: two lanes, 1.5 A
  if (speed_mbps >= 5000) return 900;
  if (speed_mbps >= 12) return 500;
  return 100;
}

bool offers_uas(const UsbDevice& device) {
  for (const auto& c : device.configurations)
    for (const auto& i : c.interfaces)
      if (i.cls == 0x08 && i.protocol == 0x62) return true;
  return false;
}

}  // namespace vmstick
