// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Facts that follow from other facts the same way on every OS: partition
// alignment from the start offset, limits and native writers from the
// filesystem type, text cleanup of labels.
#include <string>
#include <string_view>

#include "core/facts/drive_facts.hpp"

namespace vmstick {

// Sets aligned_1mib/aligned_4kib from start_bytes, and max_file_bytes,
// journaling and native_writers from fs_type/fs_version (unknown, with the
// reason, when those are unknown or the filesystem is not in the table).
void derive_volume_facts(VolumeFacts& v);

// Every UsbLinkFacts member unknown with one reason ("not a USB device").
void mark_usb_link_unknown(UsbLinkFacts& u, const std::string& why);

// A label or model string as shown to people: control characters replaced,
// at most 128 bytes. HTML is left as text; the HTML report escapes it.
std::string clean_label(std::string_view raw);

// "/dev/sdb1" style names the OS uses; the prefix lives here so probe code
// that only *names* a device does not spell the device directory.
std::string os_device_name(std::string_view kernel_name);

}  // namespace vmstick
