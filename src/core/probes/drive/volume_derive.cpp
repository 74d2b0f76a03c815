// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/probes/drive/volume_derive.hpp"

#include "core/probes/drive/fs_capabilities.hpp"
#include "core/probes/drive/partition_table.hpp"
#include "core/text.hpp"

namespace vmstick {

void derive_volume_facts(VolumeFacts& v) {
  if (const auto* start = v.start_bytes.get()) {
    const std::string src = "partition start " + std::to_string(*start) + " bytes";
    v.aligned_1mib = Fact<bool>::known(is_aligned(*start, 1u << 20), src);
    v.aligned_4kib = Fact<bool>::known(is_aligned(*start, 4096), src);
  } else {
    v.aligned_1mib = Fact<bool>::unknown("partition start unknown: " + v.start_bytes.reason());
    v.aligned_4kib = v.aligned_1mib;
  }
  const auto* type = v.fs_type.get();
  if (!type) {
    const std::string why = "filesystem type unknown: " + v.fs_type.reason();
    v.max_file_bytes = Fact<std::uint64_t>::unknown(why);
    v.journaling = Fact<bool>::unknown(why);
    v.native_writers = Fact<std::vector<std::string>>::unknown(why);
    return;
  }
  const std::string version = v.fs_version.is_known() ? v.fs_version.value() : std::string();
  auto caps = fs_capabilities(*type, version);
  if (!caps) {
    const std::string why = "vmstick has no capability entry for filesystem \"" + *type + "\"";
    v.max_file_bytes = Fact<std::uint64_t>::unknown(why);
    v.journaling = Fact<bool>::unknown(why);
    v.native_writers = Fact<std::vector<std::string>>::unknown(why);
    return;
  }
  const std::string src = "limits of " + *type + (version.empty() ? std::string() : " " + version);
  v.max_file_bytes = Fact<std::uint64_t>::known(caps->max_file_bytes, src);
  v.journaling = Fact<bool>::known(caps->journaling, src);
  v.native_writers = Fact<std::vector<std::string>>::known(caps->native_writers, "built-in drivers of each OS for " + *type);
}

void mark_usb_link_unknown(UsbLinkFacts& u, const std::string& why) {
  u.port_path = Fact<std::string>::unknown(why);
  u.hub_tiers = Fact<std::uint32_t>::unknown(why);
  u.speed_mbps = Fact<std::uint32_t>::unknown(why);
  u.bcd_usb = Fact<std::uint16_t>::unknown(why);
  u.bos_superspeed = Fact<bool>::unknown(why);
  u.bos_superspeed_plus = Fact<bool>::unknown(why);
  u.port_usb3_capable = Fact<bool>::unknown(why);
  u.max_power_ma = Fact<std::uint32_t>::unknown(why);
  u.port_budget_ma = Fact<std::uint32_t>::unknown(why);
  u.bus_powered_hub = Fact<bool>::unknown(why);
  u.vendor_id = Fact<std::string>::unknown(why);
  u.product_id = Fact<std::string>::unknown(why);
  u.transport = Fact<std::string>::unknown(why);
  u.driver = Fact<std::string>::unknown(why);
  u.uas_offered = Fact<bool>::unknown(why);
  u.card_reader = Fact<bool>::unknown(why);
  u.bridge = Fact<std::string>::unknown(why);
}

std::string clean_label(std::string_view raw) {
  std::string s = printable(raw);
  if (s.size() > 128) {
    s.resize(128);
    // Do not leave half a UTF-8 sequence at the cut.
    while (!s.empty() && (static_cast<unsigned char>(s.back()) & 0xC0) == 0x80) s.pop_back();
    if (!s.empty() && static_cast<unsigned char>(s.back()) >= 0xC0) s.pop_back();
  }
  return s;
}

std::string os_device_name(std::string_view kernel_name) { return "/dev/" + std::string(kernel_name); }

}  // namespace vmstick
