// SPDX-License-Identifier: GPL-3.0-or-later
#include "platform/windows/decode/drive_ioctl_decode.hpp"

#include <fmt/format.h>

#include <cstring>

namespace vmstick::windows_decode {
namespace {

// Layouts from the Windows SDK. STORAGE_DEVICE_DESCRIPTOR has natural
// alignment; the USB hub structures are declared inside pshpack1.h (packed).
struct StorageDeviceDescriptor {
  std::uint32_t Version, Size;
  std::uint8_t DeviceType, DeviceTypeModifier, RemovableMedia, CommandQueueing;
  std::uint32_t VendorIdOffset, ProductIdOffset, ProductRevisionOffset, SerialNumberOffset;
  std::uint32_t BusType, RawPropertiesLength;
  std::uint8_t RawDeviceProperties[1];
};
static_assert(sizeof(StorageDeviceDescriptor) == 40);

#pragma pack(push, 1)
struct UsbDeviceDescriptor {
  std::uint8_t bLength, bDescriptorType;
  std::uint16_t bcdUSB;
  std::uint8_t bDeviceClass, bDeviceSubClass, bDeviceProtocol, bMaxPacketSize0;
  std::uint16_t idVendor, idProduct, bcdDevice;
  std::uint8_t iManufacturer, iProduct, iSerialNumber, bNumConfigurations;
};
struct UsbNodeConnectionInformationEx {
  std::uint32_t ConnectionIndex;
  UsbDeviceDescriptor DeviceDescriptor;
  std::uint8_t CurrentConfigurationValue, Speed, DeviceIsHub;
  std::uint16_t DeviceAddress;
  std::uint32_t NumberOfOpenPipes, ConnectionStatus;
};
struct UsbNodeConnectionInformationExV2 {
  std::uint32_t ConnectionIndex, Length, SupportedUsbProtocols, Flags;
};
#pragma pack(pop)
static_assert(sizeof(UsbDeviceDescriptor) == 18);
static_assert(sizeof(UsbNodeConnectionInformationEx) == 35);
static_assert(sizeof(UsbNodeConnectionInformationExV2) == 16);

struct DriveLayoutHeader {
  std::uint32_t PartitionStyle, PartitionCount;
  std::uint8_t Union[40];  // MBR {Signature, CheckSum} or GPT {DiskId, StartingUsableOffset, UsableLength, MaxPartitionCount}
};
static_assert(sizeof(DriveLayoutHeader) == 48);
struct PartitionInformationEx {
  std::uint32_t PartitionStyle, pad0;
  std::int64_t StartingOffset, PartitionLength;
  std::uint32_t PartitionNumber;
  std::uint8_t RewritePartition, IsServicePartition, pad1[2];
  std::uint8_t Union[112];  // MBR {PartitionType, ...} or GPT {PartitionType GUID, PartitionId, Attributes, Name[36]}
};
static_assert(sizeof(PartitionInformationEx) == 144);

template <class T>
Result<T> load(std::span<const std::uint8_t> b, std::size_t at, const char* what) {
  if (b.size() < at + sizeof(T)) {
    return make_error(ErrorCode::Corrupt, fmt::format("{} is cut short ({} bytes)", what, b.size()), what);
  }
  T t;
  std::memcpy(&t, b.data() + at, sizeof(T));
  return t;
}

std::string ascii_at(std::span<const std::uint8_t> b, std::uint32_t offset, std::uint32_t limit) {
  if (offset == 0 || offset >= limit) return {};
  std::string s;
  for (std::uint32_t i = offset; i < limit && b[i] != 0 && s.size() < 256; ++i) s.push_back(static_cast<char>(b[i]));
  while (!s.empty() && s.back() == ' ') s.pop_back();
  while (!s.empty() && s.front() == ' ') s.erase(s.begin());
  return s;
}

std::string bus_name(std::uint32_t t) {
  // STORAGE_BUS_TYPE
  switch (t) {
    case 0x01: return "scsi";
    case 0x03: return "ata";
    case 0x07: return "usb";
    case 0x0B: return "sata";
    case 0x0C: return "sd";
    case 0x0D: return "mmc";
    case 0x0E: return "virtual";
    case 0x11: return "nvme";
    default: return fmt::format("other:{}", t);
  }
}

}  // namespace

Result<StorageDevice> decode_storage_device_descriptor(std::span<const std::uint8_t> b) {
  auto d = load<StorageDeviceDescriptor>(b, 0, "STORAGE_DEVICE_DESCRIPTOR");
  if (!d) return d.error();
  const std::uint32_t limit = static_cast<std::uint32_t>(std::min<std::size_t>(d->Size, b.size()));
  if (limit < 36) return make_error(ErrorCode::Corrupt, "STORAGE_DEVICE_DESCRIPTOR Size is too small", "Size");
  StorageDevice s;
  s.bus = bus_name(d->BusType);
  s.removable = d->RemovableMedia != 0;
  s.command_queueing = d->CommandQueueing != 0;
  s.vendor = ascii_at(b, d->VendorIdOffset, limit);
  s.product = ascii_at(b, d->ProductIdOffset, limit);
  s.serial = ascii_at(b, d->SerialNumberOffset, limit);
  return s;
}

Result<UsbConnection> decode_usb_connection_ex(std::span<const std::uint8_t> b) {
  auto c = load<UsbNodeConnectionInformationEx>(b, 0, "USB_NODE_CONNECTION_INFORMATION_EX");
  if (!c) return c.error();
  static constexpr std::uint32_t kSpeeds[] = {1, 12, 480, 5000};  // USB_DEVICE_SPEED
  if (c->Speed > 3) return make_error(ErrorCode::Corrupt, fmt::format("unknown USB speed value {}", c->Speed), "Speed");
  UsbConnection u;
  u.port = c->ConnectionIndex;
  u.speed_mbps = kSpeeds[c->Speed];
  u.bcd_usb = c->DeviceDescriptor.bcdUSB;
  u.vendor_id = c->DeviceDescriptor.idVendor;
  u.product_id = c->DeviceDescriptor.idProduct;
  u.is_hub = c->DeviceIsHub != 0;
  u.status = c->ConnectionStatus;
  return u;
}

Result<UsbConnectionV2> decode_usb_connection_ex_v2(std::span<const std::uint8_t> b) {
  auto c = load<UsbNodeConnectionInformationExV2>(b, 0, "USB_NODE_CONNECTION_INFORMATION_EX_V2");
  if (!c) return c.error();
  if (c->Length < sizeof(UsbNodeConnectionInformationExV2)) {
    return make_error(ErrorCode::Corrupt, "USB_NODE_CONNECTION_INFORMATION_EX_V2 Length is too small", "Length");
  }
  UsbConnectionV2 v;
  v.port_usb300 = (c->SupportedUsbProtocols & 0x4) != 0;
  v.operating_superspeed = (c->Flags & 0x1) != 0;
  v.superspeed_capable = (c->Flags & 0x2) != 0;
  v.operating_superspeed_plus = (c->Flags & 0x4) != 0;
  v.superspeed_plus_capable = (c->Flags & 0x8) != 0;
  return v;
}

Result<PartitionTable> decode_drive_layout_ex(std::span<const std::uint8_t> b) {
  auto h = load<DriveLayoutHeader>(b, 0, "DRIVE_LAYOUT_INFORMATION_EX");
  if (!h) return h.error();
  PartitionTable t;
  t.scheme = h->PartitionStyle == 0 ? "mbr" : h->PartitionStyle == 1 ? "gpt" : "none";
  const std::uint32_t n = std::min<std::uint32_t>(h->PartitionCount, 128);
  for (std::uint32_t i = 0; i < n; ++i) {
    auto p = load<PartitionInformationEx>(b, sizeof(DriveLayoutHeader) + i * sizeof(PartitionInformationEx), "PARTITION_INFORMATION_EX");
    if (!p) return p.error();
    // MBR layouts always list four slots; unused ones have type 0 / number 0.
    if (p->PartitionLength <= 0 || p->PartitionNumber == 0 || p->StartingOffset < 0) continue;
    PartitionEntry e;
    e.number = p->PartitionNumber;
    e.start_lba = static_cast<std::uint64_t>(p->StartingOffset) / 512;
    e.size_lba = static_cast<std::uint64_t>(p->PartitionLength) / 512;
    e.type = p->PartitionStyle == 0 ? fmt::format("0x{:02x}", p->Union[0]) : "gpt";
    t.partitions.push_back(e);
  }
  return t;
}

void apply_usb_connection(const UsbConnection& c, const UsbConnectionV2* v2, UsbLinkFacts& out) {
  const std::string src = fmt::format("hub port {} connection information", c.port);
  out.port_path = Fact<std::string>::known(fmt::format("port {}", c.port), src);
  std::uint32_t speed = c.speed_mbps;
  // The old call caps at SuperSpeed; V2 says whether it is SuperSpeedPlus.
  if (v2 && v2->operating_superspeed_plus) speed = 10000;
  out.speed_mbps = Fact<std::uint32_t>::known(speed, v2 && v2->operating_superspeed_plus ? src + " (V2 SuperSpeedPlus flag)" : src);
  out.bcd_usb = Fact<std::uint16_t>::known(c.bcd_usb, src + " bcdUSB");
  out.vendor_id = Fact<std::string>::known(fmt::format("{:04x}", c.vendor_id), src);
  out.product_id = Fact<std::string>::known(fmt::format("{:04x}", c.product_id), src);
  if (v2) {
    out.bos_superspeed = Fact<bool>::known(v2->superspeed_capable || v2->operating_superspeed, "connection information V2 flags");
    out.bos_superspeed_plus = Fact<bool>::known(v2->superspeed_plus_capable, "connection information V2 flags");
    out.port_usb3_capable = Fact<bool>::known(v2->port_usb300, "connection information V2 SupportedUsbProtocols");
  } else {
    const std::string why = "IOCTL_USB_GET_NODE_CONNECTION_INFORMATION_EX_V2 unavailable (before Windows 8)";
    out.bos_superspeed = speed >= 5000 ? Fact<bool>::known(true, src) : Fact<bool>::unknown(why);
    out.bos_superspeed_plus = Fact<bool>::unknown(why);
    out.port_usb3_capable = speed >= 5000 ? Fact<bool>::known(true, src) : Fact<bool>::unknown(why);
  }
}

}  // namespace vmstick::windows_decode
