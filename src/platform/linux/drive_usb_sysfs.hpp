// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The USB side of a block device, from the sysfs directories above it.
#include <filesystem>
#include <optional>

#include "core/facts/drive_facts.hpp"
#include "core/path_store.hpp"
#include "core/probes/drive/udev_properties.hpp"

namespace vmstick::linux_backend {

// The sysfs directories a USB mass-storage block device hangs below:
//   .../usb2/2-1            the USB device (idVendor, speed, descriptors)
//   .../usb2/2-1/2-1:1.0    the interface (bInterfaceProtocol, driver)
struct UsbAncestry {
  std::filesystem::path device;
  std::filesystem::path interface;
};

// Walks up from the block device's real sysfs directory (already resolved
// inside the PathStore root) to the first USB device; nullopt when none.
std::optional<UsbAncestry> find_usb_ancestry(const PathStore& paths, const std::filesystem::path& block_dir);

// Fills every UsbLinkFacts member from sysfs (and udev for the card-reader
// marks). Unknown members carry the attribute that was missing.
void read_usb_link(const PathStore& paths, const UsbAncestry& usb, const UdevProperties& udev, UsbLinkFacts& out);

}  // namespace vmstick::linux_backend
