// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Decoders for what the Windows storage and USB hub IOCTLs return, as pure
// functions over the output buffer (no windows.h: layouts are declared here
// from the Windows SDK headers winioctl.h and usbioctl.h, with static_assert
// sizes). The Windows drive probe hands them the bytes DeviceIoControl filled.
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/facts/drive_facts.hpp"
#include "core/probes/drive/partition_table.hpp"
#include "core/result.hpp"

namespace vmstick::windows_decode {

// IOCTL_STORAGE_QUERY_PROPERTY / StorageDeviceProperty -> STORAGE_DEVICE_DESCRIPTOR.
struct StorageDevice {
  std::string bus;  // "usb", "sata", "nvme", "sd", "mmc", "scsi", "ata", "virtual", "other:<n>"
  bool removable{false};
  bool command_queueing{false};
  std::string vendor;
  std::string product;
  std::string serial;
};
Result<StorageDevice> decode_storage_device_descriptor(std::span<const std::uint8_t> bytes);

// IOCTL_USB_GET_NODE_CONNECTION_INFORMATION_EX (the hub's view of one port).
struct UsbConnection {
  std::uint32_t port{0};
  std::uint32_t speed_mbps{0};  // from the USB_DEVICE_SPEED enum: 1, 12, 480, 5000
  std::uint16_t bcd_usb{0};
  std::uint16_t vendor_id{0};
  std::uint16_t product_id{0};
  bool is_hub{false};
  std::uint32_t status{0};  // USB_CONNECTION_STATUS; 1 = DeviceConnected
};
Result<UsbConnection> decode_usb_connection_ex(std::span<const std::uint8_t> bytes);

// IOCTL_USB_GET_NODE_CONNECTION_INFORMATION_EX_V2 (Windows 8+): what the port
// and the device can do, which the older call cannot say.
struct UsbConnectionV2 {
  bool port_usb300{false};            // SupportedUsbProtocols.Usb300
  bool operating_superspeed{false};
  bool superspeed_capable{false};
  bool operating_superspeed_plus{false};
  bool superspeed_plus_capable{false};
};
Result<UsbConnectionV2> decode_usb_connection_ex_v2(std::span<const std::uint8_t> bytes);

// IOCTL_DISK_GET_DRIVE_LAYOUT_EX -> scheme and partitions (byte offsets in
// 512-byte LBAs for PartitionTable). At most 128 entries.
Result<PartitionTable> decode_drive_layout_ex(std::span<const std::uint8_t> bytes);

// Fills the USB facts the IOCTLs answer; V2 may be absent (Windows 7).
void apply_usb_connection(const UsbConnection& c, const UsbConnectionV2* v2, UsbLinkFacts& out);

}  // namespace vmstick::windows_decode
