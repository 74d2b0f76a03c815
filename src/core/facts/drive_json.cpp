// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/facts/fact_json.hpp"

namespace vmstick {
namespace {

nlohmann::json usb_json(const UsbLinkFacts& u) {
  return {
      {"port_path", fact_json(u.port_path)},
      {"hub_tiers", fact_json(u.hub_tiers)},
      {"speed_mbps", fact_json(u.speed_mbps)},
      {"bcd_usb", fact_json(u.bcd_usb)},
      {"bos_superspeed", fact_json(u.bos_superspeed)},
      {"bos_superspeed_plus", fact_json(u.bos_superspeed_plus)},
      {"port_usb3_capable", fact_json(u.port_usb3_capable)},
      {"max_power_ma", fact_json(u.max_power_ma)},
      {"port_budget_ma", fact_json(u.port_budget_ma)},
      {"bus_powered_hub", fact_json(u.bus_powered_hub)},
      {"vendor_id", fact_json(u.vendor_id)},
      {"product_id", fact_json(u.product_id)},
      {"transport", fact_json(u.transport)},
      {"uas_offered", fact_json(u.uas_offered)},
      {"driver", fact_json(u.driver)},
      {"card_reader", fact_json(u.card_reader)},
      {"bridge", fact_json(u.bridge)},
  };
}

nlohmann::json volume_json(const VolumeFacts& v) {
  return {
      {"id", v.id},
      {"device", fact_json(v.device)},
      {"number", fact_json(v.number)},
      {"start_bytes", fact_json(v.start_bytes)},
      {"size_bytes", fact_json(v.size_bytes)},
      {"aligned_1mib", fact_json(v.aligned_1mib)},
      {"aligned_4kib", fact_json(v.aligned_4kib)},
      {"fs_type", fact_json(v.fs_type)},
      {"fs_version", fact_json(v.fs_version)},
      {"label", fact_json(v.label)},
      {"uuid", fact_json(v.uuid)},
      {"cluster_bytes", fact_json(v.cluster_bytes)},
      {"mount_point", fact_json(v.mount_point)},
      {"mount_options", fact_json(v.mount_options)},
      {"mounted_sync", fact_json(v.mounted_sync)},
      {"total_bytes", fact_json(v.total_bytes)},
      {"free_bytes", fact_json(v.free_bytes)},
      {"read_only", fact_json(v.read_only)},
      {"journaling", fact_json(v.journaling)},
      {"max_file_bytes", fact_json(v.max_file_bytes)},
      {"native_writers", fact_json(v.native_writers)},
  };
}

}  // namespace

nlohmann::json to_json(const DriveFacts& d) {
  nlohmann::json volumes = nlohmann::json::array();
  for (const auto& v : d.volumes) volumes.push_back(volume_json(v));
  return {
      {"id", d.id},
      {"device", fact_json(d.device)},
      {"vendor", fact_json(d.vendor)},
      {"model", fact_json(d.model)},
      {"capacity_bytes", fact_json(d.capacity_bytes)},
      {"removable", fact_json(d.removable)},
      {"serial", fact_json(d.serial)},
      {"rotational", fact_json(d.rotational)},
      {"logical_sector_bytes", fact_json(d.logical_sector_bytes)},
      {"physical_sector_bytes", fact_json(d.physical_sector_bytes)},
      {"optimal_io_bytes", fact_json(d.optimal_io_bytes)},
      {"bus", fact_json(d.bus)},
      {"write_protected", fact_json(d.write_protected)},
      {"usb", usb_json(d.usb)},
      {"partition_table", fact_json(d.partition_table)},
      {"volumes", volumes},
      {"target_volume", d.target() ? nlohmann::json(d.target()->id) : nlohmann::json(nullptr)},
      {"requested_path", d.requested_path.empty() ? nlohmann::json(nullptr) : nlohmann::json(d.requested_path)},
  };
}

}  // namespace vmstick
