// SPDX-License-Identifier: GPL-3.0-or-later
// macOS drive probe: every whole-disk IOMedia, then up the IOService plane to
// the mass-storage driver (its class says UAS or Bulk-Only) and the
// IOUSBHostDevice (speed, bcdUSB, power, location). Properties are turned
// into JSON and handed to the decoders in decode/, which are tested on Linux.
#include "platform/macos/drive_probe.hpp"

#include <CoreFoundation/CoreFoundation.h>
#include <IOKit/IOKitLib.h>
#include <IOKit/storage/IOMedia.h>

#include <string>

#include "core/probes/drive/volume_derive.hpp"
#include "platform/macos/decode/drive_iokit_decode.hpp"

namespace vmstick::macos_backend {
namespace {

std::string cf_string(CFStringRef s) {
  char buf[1024];
  if (s && CFStringGetCString(s, buf, sizeof buf, kCFStringEncodingUTF8)) return buf;
  return {};
}

nlohmann::json cf_to_json(CFTypeRef v) {
  if (!v) return nullptr;
  const CFTypeID t = CFGetTypeID(v);
  if (t == CFStringGetTypeID()) return cf_string(static_cast<CFStringRef>(v));
  if (t == CFBooleanGetTypeID()) return CFBooleanGetValue(static_cast<CFBooleanRef>(v)) != 0;
  if (t == CFNumberGetTypeID()) {
    long long n = 0;
    if (CFNumberGetValue(static_cast<CFNumberRef>(v), kCFNumberLongLongType, &n)) return n;
    return nullptr;
  }
  return nullptr;  // data, arrays and nested dictionaries are not needed
}

nlohmann::json properties(io_registry_entry_t entry) {
  nlohmann::json j = nlohmann::json::object();
  CFMutableDictionaryRef dict = nullptr;
  if (IORegistryEntryCreateCFProperties(entry, &dict, kCFAllocatorDefault, 0) != KERN_SUCCESS || !dict) return j;
  const CFIndex n = CFDictionaryGetCount(dict);
  if (n > 0 && n < 4096) {
    std::vector<const void*> keys(static_cast<std::size_t>(n)), values(static_cast<std::size_t>(n));
    CFDictionaryGetKeysAndValues(dict, keys.data(), values.data());
    for (CFIndex i = 0; i < n; ++i) {
      if (CFGetTypeID(keys[i]) != CFStringGetTypeID()) continue;
      auto value = cf_to_json(values[i]);
      if (!value.is_null()) j[cf_string(static_cast<CFStringRef>(keys[i]))] = value;
    }
  }
  CFRelease(dict);
  return j;
}

void read_usb_parents(io_registry_entry_t media, DriveFacts& d) {
  mark_usb_link_unknown(d.usb, "not a USB device (no IOUSBHostDevice above the disk)");
  io_registry_entry_t cur = media;
  IOObjectRetain(cur);
  for (int depth = 0; depth < 32; ++depth) {
    io_registry_entry_t parent = 0;
    if (IORegistryEntryGetParentEntry(cur, kIOServicePlane, &parent) != KERN_SUCCESS) break;
    IOObjectRelease(cur);
    cur = parent;
    io_name_t cls;
    if (IOObjectGetClass(cur, cls) != KERN_SUCCESS) continue;
    const std::string c(cls);
    if (c == "IOUSBMassStorageUASDriver" || c == "IOUSBMassStorageDriver" || c == "IOUSBMassStorageInterfaceNub") {
      macos_decode::decode_mass_storage_driver(c, d.usb);
    }
    if (IOObjectConformsTo(cur, "IOUSBHostDevice")) {
      macos_decode::decode_usb_host_device(properties(cur), d.usb);
      d.bus = Fact<std::string>::known("usb", "IOUSBHostDevice above the disk");
      break;
    }
  }
  IOObjectRelease(cur);
}

class MacDriveProbe final : public Probe {
 public:
  std::string_view name() const override { return "drive"; }
  void run(const ProbeContext& ctx, FactSet& facts) const override {
    facts.run_on = ctx.request.run_on;
    CFMutableDictionaryRef match = IOServiceMatching(kIOMediaClass);
    CFDictionarySetValue(match, CFSTR(kIOMediaWholeKey), kCFBooleanTrue);
    io_iterator_t it = 0;
    if (IOServiceGetMatchingServices(kIOMainPortDefault, match, &it) != KERN_SUCCESS) return;
    while (io_object_t media = IOIteratorNext(it)) {
      if (ctx.cancel.cancelled()) {
        IOObjectRelease(media);
        break;
      }
      DriveFacts d;
      macos_decode::decode_iomedia_disk(properties(media), d);
      read_usb_parents(media, d);
      if (ctx.request.drive && (d.id == *ctx.request.drive || d.device.is(*ctx.request.drive))) {
        facts.target_drive = facts.drives.size();
      }
      facts.drives.push_back(std::move(d));
      IOObjectRelease(media);
    }
    IOObjectRelease(it);
  }
};

}  // namespace

void register_drive_probe(ProbeRegistry& registry) { registry.add(std::make_unique<MacDriveProbe>()); }

}  // namespace vmstick::macos_backend
