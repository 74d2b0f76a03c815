// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The BOS descriptor asked of the device itself, for kernels that do not keep
// it in sysfs (bos_descriptors arrived in Linux 6.3; Debian 12 runs 6.1).
// Without the BOS a stick linked at 480 Mb/s cannot be told apart from a
// USB 2-only one: bcdUSB reads 2.10 for both.
#include <cstdint>
#include <vector>

#include "core/result.hpp"

namespace vmstick::linux_backend {

// Sends GET_DESCRIPTOR(BOS) to device `address` on `bus` through usbfs with
// libusb: a read-only control request on endpoint 0, the same one the kernel
// sends at enumeration, which does not disturb the storage interface. Opening
// /dev/bus/usb/BBB/DDD needs write access (root on most systems); without it
// the error says so. Returns the raw descriptor set, at most 4 KiB.
Result<std::vector<std::uint8_t>> read_bos_from_device(unsigned bus, unsigned address);

}  // namespace vmstick::linux_backend
