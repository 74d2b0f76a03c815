// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/facts/fact_json.hpp"

namespace vmstick {

namespace {

// The facts of one disk file and its chain, shared by the boot disk and every
// other disk a config attaches.
nlohmann::json disk_json(const ImageFacts& i) {
  return {
      {"path", i.path},
      {"format", fact_json(i.format)},
      {"virtual_size_bytes", fact_json(i.virtual_size_bytes)},
      {"disk_path", i.disk_path},
      {"variant", fact_json(i.variant)},
      {"allocation", fact_json(i.allocation)},
      {"allocated_bytes", fact_json(i.allocated_bytes)},
      {"total_file_bytes", fact_json(i.total_file_bytes)},
      {"largest_file_bytes", fact_json(i.largest_file_bytes)},
      {"largest_file_reach_bytes", fact_json(i.largest_file_reach_bytes)},
      {"file_count", fact_json(i.file_count)},
      {"files", fact_json(i.files)},
      {"block_size_bytes", fact_json(i.block_size_bytes)},
      {"parent_chain", fact_json(i.parent_chain)},
      {"chain_state", fact_json(i.chain_state)},
      {"chain_detail", i.chain_detail},
      {"encrypted", fact_json(i.encrypted)},
      {"encryption", fact_json(i.encryption)},
      {"compressed", fact_json(i.compressed)},
      {"needs_repair", fact_json(i.needs_repair)},
      {"repair_reason", i.repair_reason},
      {"notes", i.notes},
  };
}

}  // namespace

nlohmann::json to_json(const ImageFacts& i) {
  nlohmann::json j = disk_json(i);
  j.update(nlohmann::json{
      {"config_kind", fact_json(i.config_kind)},
      {"config_path", i.config_path},
      {"vm_name", fact_json(i.vm_name)},
      {"guest_os", fact_json(i.guest_os)},
      {"ram_bytes", fact_json(i.ram_bytes)},
      {"vcpus", fact_json(i.vcpus)},
      {"firmware", fact_json(i.firmware)},
      {"secure_boot", fact_json(i.secure_boot)},
      {"tpm", fact_json(i.tpm)},
      {"disk_controller", fact_json(i.disk_controller)},
      {"guest_arch", fact_json(i.guest_arch)},
      {"disks", fact_json(i.disks)},
  });
  nlohmann::json others = nlohmann::json::array();
  for (const auto& d : i.other_disks) {
    nlohmann::json o = disk_json(d);
    o["disk_controller"] = fact_json(d.disk_controller);
    others.push_back(std::move(o));
  }
  j["other_disks"] = std::move(others);
  return j;
}

}  // namespace vmstick
