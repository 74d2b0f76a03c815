// SPDX-License-Identifier: GPL-3.0-or-later
#include "platform/macos/decode/drive_iokit_decode.hpp"

#include <fmt/format.h>

#include "core/probes/drive/volume_derive.hpp"

namespace vmstick::macos_decode {
namespace {

template <class T>
std::optional<T> get(const nlohmann::json& j, const char* key) {
  if (!j.is_object() || !j.contains(key)) return std::nullopt;
  const auto& v = j.at(key);
  if constexpr (std::is_same_v<T, std::string>) {
    if (v.is_string()) return v.get<std::string>();
  } else if constexpr (std::is_same_v<T, bool>) {
    if (v.is_boolean()) return v.get<bool>();
  } else {
    if (v.is_number_unsigned() || (v.is_number_integer() && v.get<std::int64_t>() >= 0)) return v.get<T>();
  }
  return std::nullopt;
}

}  // namespace

void decode_usb_host_device(const nlohmann::json& p, UsbLinkFacts& out) {
  const std::string src = "IOUSBHostDevice";
  // kUSBHostPortPropertyLinkSpeed order: low, full, high, super, super+ (10), super+ by 2 (20).
  static constexpr std::uint32_t kSpeeds[] = {1, 12, 480, 5000, 10000, 20000};
  if (auto s = get<std::uint32_t>(p, "Device Speed"); s && *s < 6) {
    out.speed_mbps = Fact<std::uint32_t>::known(kSpeeds[*s], src + " Device Speed " + std::to_string(*s));
  } else {
    out.speed_mbps = Fact<std::uint32_t>::unknown(src + " has no usable \"Device Speed\"");
  }
  out.uas_offered = Fact<bool>::unknown(
      "vmstick does not read the configuration descriptor on macOS; the driver class says which transport is in use");
  if (auto b = get<std::uint32_t>(p, "bcdUSB"); b && *b <= 0xFFFF) {
    out.bcd_usb = Fact<std::uint16_t>::known(static_cast<std::uint16_t>(*b), src + " bcdUSB");
  } else {
    out.bcd_usb = Fact<std::uint16_t>::unknown(src + " has no bcdUSB");
  }
  if (auto v = get<std::uint32_t>(p, "idVendor")) out.vendor_id = Fact<std::string>::known(fmt::format("{:04x}", *v & 0xFFFF), src + " idVendor");
  else out.vendor_id = Fact<std::string>::unknown(src + " has no idVendor");
  if (auto v = get<std::uint32_t>(p, "idProduct")) out.product_id = Fact<std::string>::known(fmt::format("{:04x}", *v & 0xFFFF), src + " idProduct");
  else out.product_id = Fact<std::string>::unknown(src + " has no idProduct");
  // locationID 0xBBPPPPPP: bus in the top byte, one nibble per hub tier port.
  if (auto loc = get<std::uint32_t>(p, "locationID")) {
    std::string path = fmt::format("{}-", *loc >> 24);
    std::uint32_t tiers = 0;
    for (int shift = 20; shift >= 0; shift -= 4) {
      const std::uint32_t port = (*loc >> shift) & 0xF;
      if (port == 0) break;
      path += (tiers ? "." : "") + std::to_string(port);
      ++tiers;
    }
    out.port_path = Fact<std::string>::known(path, src + fmt::format(" locationID 0x{:08x}", *loc));
    out.hub_tiers = tiers ? Fact<std::uint32_t>::known(tiers - 1, src + " locationID") : Fact<std::uint32_t>::unknown("locationID has no port");
  } else {
    out.port_path = Fact<std::string>::unknown(src + " has no locationID");
    out.hub_tiers = Fact<std::uint32_t>::unknown(src + " has no locationID");
  }
  // macOS reports the allocation it granted in mA.
  if (auto mA = get<std::uint32_t>(p, "UsbPowerSinkAllocation")) {
    out.max_power_ma = Fact<std::uint32_t>::known(*mA, src + " UsbPowerSinkAllocation");
  } else {
    out.max_power_ma = Fact<std::uint32_t>::unknown(src + " has no UsbPowerSinkAllocation");
  }
  // A device linked at SuperSpeed is SuperSpeed-capable; below that IOKit does
  // not expose the BOS without opening the device.
  if (out.speed_mbps.is_known() && out.speed_mbps.value() >= 5000) {
    out.bos_superspeed = Fact<bool>::known(true, "linked at SuperSpeed");
    out.port_usb3_capable = Fact<bool>::known(true, "linked at SuperSpeed");
  } else {
    out.bos_superspeed = Fact<bool>::unknown("IOKit properties do not carry the BOS; the device is not linked at SuperSpeed");
    out.port_usb3_capable = Fact<bool>::unknown("IOKit properties do not say whether a USB 2 link sits on a USB 3 port");
  }
}

void decode_mass_storage_driver(const std::string& io_class, UsbLinkFacts& out) {
  out.driver = Fact<std::string>::known(io_class, "IOKit class of the interface driver");
  if (io_class == "IOUSBMassStorageUASDriver") {
    out.transport = Fact<std::string>::known("uas", "IOKit class " + io_class);
  } else if (io_class == "IOUSBMassStorageDriver" || io_class == "IOUSBMassStorageInterfaceNub") {
    out.transport = Fact<std::string>::known("bot", "IOKit class " + io_class);
  } else {
    out.transport = Fact<std::string>::unknown("driver class " + io_class + " is not a known mass-storage driver");
  }
}

void decode_iomedia_disk(const nlohmann::json& p, DriveFacts& out) {
  const std::string src = "IOMedia";
  if (auto bsd = get<std::string>(p, "BSD Name")) {
    out.id = "/dev/" + *bsd;
    out.device = Fact<std::string>::known(*bsd, src + " BSD Name");
  } else {
    out.device = Fact<std::string>::unknown(src + " has no BSD Name");
  }
  if (auto s = get<std::uint64_t>(p, "Size")) out.capacity_bytes = Fact<std::uint64_t>::known(*s, src + " Size");
  else out.capacity_bytes = Fact<std::uint64_t>::unknown(src + " has no Size");
  if (auto r = get<bool>(p, "Removable")) out.removable = Fact<bool>::known(*r, src + " Removable");
  else out.removable = Fact<bool>::unknown(src + " has no Removable");
  if (auto w = get<bool>(p, "Writable")) out.write_protected = Fact<bool>::known(!*w, src + " Writable");
  else out.write_protected = Fact<bool>::unknown(src + " has no Writable");
  if (auto b = get<std::uint32_t>(p, "Preferred Block Size")) out.logical_sector_bytes = Fact<std::uint32_t>::known(*b, src + " Preferred Block Size");
  else out.logical_sector_bytes = Fact<std::uint32_t>::unknown(src + " has no Preferred Block Size");
  if (auto c = get<std::string>(p, "Content")) {
    std::string scheme = *c == "GUID_partition_scheme" ? "gpt" : *c == "FDisk_partition_scheme" ? "mbr" : *c == "" ? "none" : "";
    if (!scheme.empty()) out.partition_table = Fact<std::string>::known(scheme, src + " Content " + *c);
    else out.partition_table = Fact<std::string>::unknown("unrecognised IOMedia Content \"" + clean_label(*c) + "\"");
  } else {
    out.partition_table = Fact<std::string>::unknown(src + " has no Content");
  }
}

}  // namespace vmstick::macos_decode
