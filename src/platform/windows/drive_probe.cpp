// SPDX-License-Identifier: GPL-3.0-or-later
// Windows drive probe: \\.\PhysicalDriveN with IOCTL_STORAGE_QUERY_PROPERTY,
// IOCTL_DISK_GET_LENGTH_INFO and IOCTL_DISK_GET_DRIVE_LAYOUT_EX; the USB
// parent through CfgMgr and the hub's connection-information IOCTLs. Every
// handle is opened without write access. Decoding lives in decode/.
#include "platform/windows/drive_probe.hpp"

#include <windows.h>
#include <cfgmgr32.h>
#include <initguid.h>
#include <devpkey.h>
#include <setupapi.h>
#include <usbioctl.h>
#include <usbiodef.h>
#include <winioctl.h>

#include <fmt/format.h>

#include <memory>
#include <string>
#include <vector>

#include "core/probes/drive/volume_derive.hpp"
#include "core/probes/image/formats.hpp"
#include "platform/windows/decode/drive_ioctl_decode.hpp"
#include "platform/windows/decode/volume_info.hpp"

namespace vmstick::windows_backend {
namespace {

struct Handle {
  HANDLE h{INVALID_HANDLE_VALUE};
  ~Handle() { if (h != INVALID_HANDLE_VALUE) CloseHandle(h); }
  bool ok() const { return h != INVALID_HANDLE_VALUE; }
};

std::string last_error(const char* what) { return fmt::format("{} failed (Windows error {})", what, GetLastError()); }

// Calls an IOCTL that fills a variable-size buffer, growing it up to 1 MiB.
Result<std::vector<std::uint8_t>> ioctl_bytes(HANDLE h, DWORD code, const void* in, DWORD in_size, const char* what) {
  std::vector<std::uint8_t> out(4096);
  for (;;) {
    DWORD got = 0;
    if (DeviceIoControl(h, code, const_cast<void*>(in), in_size, out.data(), static_cast<DWORD>(out.size()), &got, nullptr)) {
      out.resize(got);
      return out;
    }
    const DWORD e = GetLastError();
    if ((e == ERROR_INSUFFICIENT_BUFFER || e == ERROR_MORE_DATA) && out.size() < (1u << 20)) {
      out.resize(out.size() * 4);
      continue;
    }
    return make_error(e == ERROR_ACCESS_DENIED ? ErrorCode::PermissionDenied : ErrorCode::Io, last_error(what), what);
  }
}

std::wstring wide(const std::string& s) { return std::wstring(s.begin(), s.end()); }
std::string narrow(const wchar_t* w) {
  std::string s;
  for (; w && *w && s.size() < 1024; ++w) s.push_back(*w < 128 ? static_cast<char>(*w) : '?');
  return s;
}

// Windows strings are UTF-16; labels in Chinese must survive intact.
std::string utf8(const wchar_t* w) {
  std::size_t n = 0;
  while (w && w[n] && n < 32768) ++n;
  return image::utf16_to_utf8(std::span(reinterpret_cast<const std::uint8_t*>(w), n * sizeof(wchar_t)), false);
}

// One record per mounted volume. Handles are opened without access rights:
// the extents IOCTL needs none, and nothing here reads or writes data.
windows_decode::VolumeRecord read_volume(const wchar_t* volume_name) {
  windows_decode::VolumeRecord r;
  r.name = utf8(volume_name);
  // The path names come as a list of strings ending with an empty one.
  std::vector<wchar_t> names(1024);
  DWORD need = 0;
  if (!GetVolumePathNamesForVolumeNameW(volume_name, names.data(), static_cast<DWORD>(names.size()), &need) &&
      GetLastError() == ERROR_MORE_DATA && need < 65536) {
    names.assign(need, L'\0');
    if (!GetVolumePathNamesForVolumeNameW(volume_name, names.data(), need, &need)) names.assign(1, L'\0');
  }
  for (const wchar_t* p = names.data(); *p; p += std::wcslen(p) + 1) r.paths.push_back(utf8(p));

  // CreateFileW wants the volume name without its trailing backslash.
  std::wstring device(volume_name);
  if (!device.empty() && device.back() == L'\\') device.pop_back();
  Handle h;
  h.h = CreateFileW(device.c_str(), 0, FILE_SHARE_READ | FILE_SHARE_WRITE, nullptr, OPEN_EXISTING, 0, nullptr);
  if (!h.ok()) {
    r.extents_error = last_error("opening the volume");
  } else if (auto bytes = ioctl_bytes(h.h, IOCTL_VOLUME_GET_VOLUME_DISK_EXTENTS, nullptr, 0, "IOCTL_VOLUME_GET_VOLUME_DISK_EXTENTS")) {
    const auto* ext = reinterpret_cast<const VOLUME_DISK_EXTENTS*>(bytes->data());
    if (bytes->size() >= sizeof(VOLUME_DISK_EXTENTS) && ext->NumberOfDiskExtents == 1) {
      r.disk_number = ext->Extents[0].DiskNumber;
      r.offset = static_cast<std::uint64_t>(ext->Extents[0].StartingOffset.QuadPart);
      r.length = static_cast<std::uint64_t>(ext->Extents[0].ExtentLength.QuadPart);
    } else {
      r.extents_error = "the volume spans several disk extents";
    }
  } else {
    r.extents_error = bytes.error().describe();
  }

  const wchar_t* root = names[0] ? names.data() : volume_name;
  wchar_t label[MAX_PATH + 1] = {};
  wchar_t fs[MAX_PATH + 1] = {};
  DWORD serial = 0, max_component = 0, flags = 0;
  if (GetVolumeInformationW(root, label, MAX_PATH + 1, &serial, &max_component, &flags, fs, MAX_PATH + 1)) {
    r.fs_name = utf8(fs);
    r.label = utf8(label);
    r.serial = serial;
    r.fs_flags = flags;
  } else {
    r.info_error = last_error("GetVolumeInformationW");
  }
  ULARGE_INTEGER free_to_caller{}, total{};
  if (GetDiskFreeSpaceExW(root, &free_to_caller, &total, nullptr)) {
    r.free_bytes = free_to_caller.QuadPart;
    r.total_bytes = total.QuadPart;
  } else {
    r.space_error = last_error("GetDiskFreeSpaceExW");
  }
  DWORD sectors_per_cluster = 0, bytes_per_sector = 0, free_clusters = 0, clusters = 0;
  if (GetDiskFreeSpaceW(root, &sectors_per_cluster, &bytes_per_sector, &free_clusters, &clusters)) {
    r.cluster_bytes = sectors_per_cluster * bytes_per_sector;
  }
  return r;
}

std::vector<windows_decode::VolumeRecord> read_volumes() {
  std::vector<windows_decode::VolumeRecord> out;
  wchar_t name[MAX_PATH + 1] = {};
  HANDLE find = FindFirstVolumeW(name, MAX_PATH + 1);
  if (find == INVALID_HANDLE_VALUE) return out;
  do {
    out.push_back(read_volume(name));
  } while (out.size() < 256 && FindNextVolumeW(find, name, MAX_PATH + 1));
  FindVolumeClose(find);
  return out;
}

// Walks the device tree from the disk up to its USB device; returns the hub's
// instance id and the port number (CM_DRP_ADDRESS of the USB device).
struct UsbParent {
  std::wstring hub_instance;
  ULONG port{0};
  std::string service;  // driver of the mass-storage function: UASPStor / USBSTOR
};

Result<UsbParent> usb_parent_of(DEVINST disk) {
  DEVINST cur = disk;
  std::string service;
  for (int depth = 0; depth < 8; ++depth) {
    DEVINST parent = 0;
    if (CM_Get_Parent(&parent, cur, 0) != CR_SUCCESS) break;
    wchar_t id[MAX_DEVICE_ID_LEN] = {};
    if (CM_Get_Device_IDW(parent, id, MAX_DEVICE_ID_LEN, 0) != CR_SUCCESS) break;
    wchar_t svc[128] = {};
    ULONG len = sizeof svc;
    if (service.empty() && CM_Get_DevNode_Registry_PropertyW(cur, CM_DRP_SERVICE, nullptr, svc, &len, 0) == CR_SUCCESS) {
      service = narrow(svc);
    }
    const std::wstring pid(id);
    if (pid.rfind(L"USB\\", 0) == 0 && pid.find(L"&MI_") == std::wstring::npos) {
      UsbParent up;
      ULONG address = 0;
      len = sizeof address;
      if (CM_Get_DevNode_Registry_PropertyW(parent, CM_DRP_ADDRESS, nullptr, &address, &len, 0) != CR_SUCCESS) {
        return make_error(ErrorCode::NotFound, "the USB device has no port address", narrow(id));
      }
      DEVINST hub = 0;
      if (CM_Get_Parent(&hub, parent, 0) != CR_SUCCESS) return make_error(ErrorCode::NotFound, "no hub above the USB device", narrow(id));
      wchar_t hub_id[MAX_DEVICE_ID_LEN] = {};
      CM_Get_Device_IDW(hub, hub_id, MAX_DEVICE_ID_LEN, 0);
      up.hub_instance = hub_id;
      up.port = address;
      up.service = service;
      return up;
    }
    cur = parent;
  }
  return make_error(ErrorCode::NotFound, "not a USB device", "device tree");
}

void read_usb(const UsbParent& up, DriveFacts& d) {
  ULONG size = 0;
  if (CM_Get_Device_Interface_List_SizeW(&size, const_cast<GUID*>(&GUID_DEVINTERFACE_USB_HUB), const_cast<wchar_t*>(up.hub_instance.c_str()),
                                         CM_GET_DEVICE_INTERFACE_LIST_PRESENT) != CR_SUCCESS || size < 2) {
    mark_usb_link_unknown(d.usb, "cannot find the hub's device interface");
    return;
  }
  std::vector<wchar_t> list(size);
  CM_Get_Device_Interface_ListW(const_cast<GUID*>(&GUID_DEVINTERFACE_USB_HUB), const_cast<wchar_t*>(up.hub_instance.c_str()), list.data(), size,
                                CM_GET_DEVICE_INTERFACE_LIST_PRESENT);
  Handle hub;
  hub.h = CreateFileW(list.data(), GENERIC_WRITE, FILE_SHARE_WRITE, nullptr, OPEN_EXISTING, 0, nullptr);
  if (!hub.ok()) {
    mark_usb_link_unknown(d.usb, last_error("opening the USB hub"));
    return;
  }
  std::vector<std::uint8_t> in(sizeof(USB_NODE_CONNECTION_INFORMATION_EX), 0);
  reinterpret_cast<USB_NODE_CONNECTION_INFORMATION_EX*>(in.data())->ConnectionIndex = up.port;
  auto ex = ioctl_bytes(hub.h, IOCTL_USB_GET_NODE_CONNECTION_INFORMATION_EX, in.data(), static_cast<DWORD>(in.size()),
                        "IOCTL_USB_GET_NODE_CONNECTION_INFORMATION_EX");
  if (!ex) {
    mark_usb_link_unknown(d.usb, ex.error().describe());
    return;
  }
  auto conn = windows_decode::decode_usb_connection_ex(*ex);
  if (!conn) {
    mark_usb_link_unknown(d.usb, conn.error().describe());
    return;
  }
  USB_NODE_CONNECTION_INFORMATION_EX_V2 v2in{};
  v2in.ConnectionIndex = up.port;
  v2in.Length = sizeof v2in;
  v2in.SupportedUsbProtocols.Usb300 = 1;
  auto v2 = ioctl_bytes(hub.h, IOCTL_USB_GET_NODE_CONNECTION_INFORMATION_EX_V2, &v2in, sizeof v2in,
                        "IOCTL_USB_GET_NODE_CONNECTION_INFORMATION_EX_V2");
  std::optional<windows_decode::UsbConnectionV2> decoded_v2;
  if (v2) {
    if (auto dv = windows_decode::decode_usb_connection_ex_v2(*v2)) decoded_v2 = *dv;
  }
  windows_decode::apply_usb_connection(*conn, decoded_v2 ? &*decoded_v2 : nullptr, d.usb);
  d.usb.uas_offered = Fact<bool>::unknown(
      "vmstick does not read the configuration descriptor on Windows; the bound driver (UASPStor or USBSTOR) says which transport is in use");
  if (!up.service.empty()) {
    d.usb.driver = Fact<std::string>::known(up.service, "device service name");
    if (up.service == "UASPStor") d.usb.transport = Fact<std::string>::known("uas", "driver UASPStor");
    else if (up.service == "USBSTOR") d.usb.transport = Fact<std::string>::known("bot", "driver USBSTOR");
  }
}

// The device-tree node of the disk with this storage device number.
std::optional<DEVINST> disk_devinst(DWORD device_number) {
  HDEVINFO set = SetupDiGetClassDevsW(&GUID_DEVINTERFACE_DISK, nullptr, nullptr, DIGCF_PRESENT | DIGCF_DEVICEINTERFACE);
  if (set == INVALID_HANDLE_VALUE) return std::nullopt;
  std::optional<DEVINST> found;
  SP_DEVICE_INTERFACE_DATA itf{};
  itf.cbSize = sizeof itf;
  for (DWORD i = 0; !found && SetupDiEnumDeviceInterfaces(set, nullptr, &GUID_DEVINTERFACE_DISK, i, &itf); ++i) {
    DWORD need = 0;
    SetupDiGetDeviceInterfaceDetailW(set, &itf, nullptr, 0, &need, nullptr);
    if (need == 0 || need > 65536) continue;
    std::vector<std::uint8_t> buf(need);
    auto* detail = reinterpret_cast<SP_DEVICE_INTERFACE_DETAIL_DATA_W*>(buf.data());
    detail->cbSize = sizeof(SP_DEVICE_INTERFACE_DETAIL_DATA_W);
    SP_DEVINFO_DATA info{};
    info.cbSize = sizeof info;
    if (!SetupDiGetDeviceInterfaceDetailW(set, &itf, detail, need, nullptr, &info)) continue;
    Handle h;
    h.h = CreateFileW(detail->DevicePath, 0, FILE_SHARE_READ | FILE_SHARE_WRITE, nullptr, OPEN_EXISTING, 0, nullptr);
    STORAGE_DEVICE_NUMBER num{};
    DWORD got = 0;
    if (h.ok() && DeviceIoControl(h.h, IOCTL_STORAGE_GET_DEVICE_NUMBER, nullptr, 0, &num, sizeof num, &got, nullptr) &&
        num.DeviceNumber == device_number) {
      found = info.DevInst;
    }
  }
  SetupDiDestroyDeviceInfoList(set);
  return found;
}

void read_drive(int n, std::span<const windows_decode::VolumeRecord> volumes, FactSet& facts) {
  const std::string path = fmt::format("\\\\.\\PhysicalDrive{}", n);
  Handle h;
  // No access rights: enough for the query IOCTLs, cannot read or write data.
  h.h = CreateFileW(wide(path).c_str(), 0, FILE_SHARE_READ | FILE_SHARE_WRITE, nullptr, OPEN_EXISTING, 0, nullptr);
  if (!h.ok()) return;
  DriveFacts d;
  d.id = path;
  d.device = Fact<std::string>::known(path, "CreateFile");
  STORAGE_PROPERTY_QUERY q{};
  q.PropertyId = StorageDeviceProperty;
  q.QueryType = PropertyStandardQuery;
  if (auto bytes = ioctl_bytes(h.h, IOCTL_STORAGE_QUERY_PROPERTY, &q, sizeof q, "IOCTL_STORAGE_QUERY_PROPERTY")) {
    if (auto sd = windows_decode::decode_storage_device_descriptor(*bytes)) {
      d.vendor = Fact<std::string>::known(clean_label(sd->vendor), "STORAGE_DEVICE_DESCRIPTOR");
      d.model = Fact<std::string>::known(clean_label(sd->product), "STORAGE_DEVICE_DESCRIPTOR");
      d.serial = sd->serial.empty() ? Fact<std::string>::unknown("no serial number reported") : Fact<std::string>::known(clean_label(sd->serial), "STORAGE_DEVICE_DESCRIPTOR");
      d.removable = Fact<bool>::known(sd->removable, "STORAGE_DEVICE_DESCRIPTOR RemovableMedia");
      d.bus = Fact<std::string>::known(sd->bus, "STORAGE_DEVICE_DESCRIPTOR BusType");
    }
  }
  GET_LENGTH_INFORMATION len{};
  DWORD got = 0;
  if (DeviceIoControl(h.h, IOCTL_DISK_GET_LENGTH_INFO, nullptr, 0, &len, sizeof len, &got, nullptr)) {
    d.capacity_bytes = Fact<std::uint64_t>::known(static_cast<std::uint64_t>(len.Length.QuadPart), "IOCTL_DISK_GET_LENGTH_INFO");
  } else {
    d.capacity_bytes = Fact<std::uint64_t>::unknown(last_error("IOCTL_DISK_GET_LENGTH_INFO"));
  }
  if (auto layout = ioctl_bytes(h.h, IOCTL_DISK_GET_DRIVE_LAYOUT_EX, nullptr, 0, "IOCTL_DISK_GET_DRIVE_LAYOUT_EX")) {
    if (auto t = windows_decode::decode_drive_layout_ex(*layout)) {
      d.partition_table = Fact<std::string>::known(t->scheme, "IOCTL_DISK_GET_DRIVE_LAYOUT_EX");
      for (const auto& p : t->partitions) {
        VolumeFacts v;
        v.id = fmt::format("{}#{}", path, p.number);
        v.number = Fact<std::uint32_t>::known(p.number, "drive layout");
        v.start_bytes = Fact<std::uint64_t>::known(p.start_lba * 512, "drive layout");
        v.size_bytes = Fact<std::uint64_t>::known(p.size_lba * 512, "drive layout");
        d.volumes.push_back(std::move(v));
      }
      windows_decode::attach_volume_records(static_cast<std::uint32_t>(n), volumes, d.volumes);
    }
  } else {
    d.partition_table = Fact<std::string>::unknown(layout.error());
  }
  mark_usb_link_unknown(d.usb, "not a USB device");
  STORAGE_DEVICE_NUMBER num{};
  if (d.bus.is("usb") && DeviceIoControl(h.h, IOCTL_STORAGE_GET_DEVICE_NUMBER, nullptr, 0, &num, sizeof num, &got, nullptr)) {
    if (auto inst = disk_devinst(num.DeviceNumber)) {
      if (auto up = usb_parent_of(*inst)) read_usb(*up, d);
      else mark_usb_link_unknown(d.usb, up.error().describe());
    }
  }
  facts.drives.push_back(std::move(d));
}

// The drive the user named: \\.\PhysicalDriveN itself, or any path (E:\,
// E:\VMs\win11.vhdx) through the volume that holds it.
void pick_target(const std::string& wanted, std::span<const windows_decode::VolumeRecord> volumes, FactSet& facts) {
  for (std::size_t i = 0; i < facts.drives.size(); ++i) {
    if (facts.drives[i].id == wanted) {
      facts.target_drive = i;
      return;
    }
  }
  const windows_decode::VolumeRecord* vol = windows_decode::volume_holding(wanted, volumes);
  if (!vol || !vol->disk_number) return;
  const std::string disk = fmt::format("\\\\.\\PhysicalDrive{}", *vol->disk_number);
  for (std::size_t i = 0; i < facts.drives.size(); ++i) {
    if (facts.drives[i].id != disk) continue;
    facts.target_drive = i;
    for (std::size_t j = 0; j < facts.drives[i].volumes.size(); ++j) {
      const VolumeFacts& v = facts.drives[i].volumes[j];
      if (v.start_bytes.is(vol->offset)) facts.drives[i].target_volume = j;
    }
  }
}

class WindowsDriveProbe final : public Probe {
 public:
  std::string_view name() const override { return "drive"; }
  void run(const ProbeContext& ctx, FactSet& facts) const override {
    facts.run_on = ctx.request.run_on;
    const auto volumes = read_volumes();
    for (int n = 0; n < 64 && !ctx.cancel.cancelled(); ++n) read_drive(n, volumes, facts);
    if (ctx.request.drive) pick_target(*ctx.request.drive, volumes, facts);
  }
};

}  // namespace

void register_drive_probe(ProbeRegistry& registry) { registry.add(std::make_unique<WindowsDriveProbe>()); }

}  // namespace vmstick::windows_backend
