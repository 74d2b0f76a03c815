// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// USB descriptors as the device sends them (USB 3.2 spec ch. 9.6). Linux
// caches the device and configuration descriptors in sysfs `descriptors`,
// the BOS in `bos_descriptors` (6.3+); Windows and macOS hand back the same
// bytes. All multi-byte fields are little-endian.
#include <cstdint>
#include <span>
#include <vector>

#include "core/result.hpp"

namespace vmstick {

struct UsbEndpoint {
  std::uint8_t address{0};
  std::uint8_t attributes{0};
  std::uint16_t max_packet{0};
  bool has_ss_companion{false};  // SuperSpeed endpoint companion followed
};

struct UsbInterface {
  std::uint8_t number{0};
  std::uint8_t alternate{0};
  std::uint8_t cls{0};
  std::uint8_t subclass{0};
  std::uint8_t protocol{0};  // mass storage: 0x50 Bulk-Only, 0x62 UAS
  std::vector<UsbEndpoint> endpoints;
};

struct UsbConfiguration {
  std::uint8_t value{0};
  std::uint8_t attributes{0};  // bit 6: self-powered
  std::uint8_t max_power_raw{0};  // in 2 mA (USB 2) or 8 mA (SuperSpeed) units
  std::vector<UsbInterface> interfaces;
  bool self_powered() const { return (attributes & 0x40) != 0; }
};

struct UsbDevice {
  std::uint16_t bcd_usb{0};
  std::uint8_t device_class{0};
  std::uint8_t max_packet0{0};
  std::uint16_t vendor_id{0};
  std::uint16_t product_id{0};
  std::uint16_t bcd_device{0};
  std::uint8_t num_configurations{0};
  std::vector<UsbConfiguration> configurations;
};

// The device descriptor followed by any number of full configuration
// descriptor sets (the sysfs `descriptors` layout). Caps: 32 configurations,
// 64 interfaces, 32 endpoints per interface.
Result<UsbDevice> parse_usb_descriptors(std::span<const std::uint8_t> bytes);

// Whether any configuration has a mass-storage interface alternate setting
// speaking UAS (class 0x08, protocol 0x62). UAS bridges offer Bulk-Only as
// alternate setting 0 and UAS as 1; the driver picks.
bool offers_uas(const UsbDevice& device);

struct UsbBos {
  bool usb2_extension{false};  // type 0x02 (LPM)
  bool superspeed{false};      // type 0x03
  bool superspeed_plus{false}; // type 0x0A
  std::uint16_t ss_speeds_supported{0};  // wSpeedsSupported of type 0x03
  std::uint32_t ssp_sublink_speed_count{0};
};

// A BOS descriptor and its device capabilities (USB 3.2 spec 9.6.2).
Result<UsbBos> parse_usb_bos(std::span<const std::uint8_t> bytes);

// bMaxPower in mA: 2 mA units below SuperSpeed, 8 mA at SuperSpeed and above
// (USB 3.2 spec table 9-22).
std::uint32_t usb_max_power_ma(std::uint8_t raw, std::uint32_t speed_mbps);

// What a port may supply to one device at that speed when nothing else was
// negotiated: 500 mA for USB 2, 900 mA for single-lane SuperSpeed (5000 and
// 10000 Mb/s; 10000 may also be Gen 1x2, which we cannot tell apart), 1500 mA
// for the two-lane 20000 Mb/s link.
std::uint32_t usb_default_port_budget_ma(std::uint32_t speed_mbps);

}  // namespace vmstick
