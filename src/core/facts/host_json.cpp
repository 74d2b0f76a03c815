// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/facts/fact_json.hpp"

namespace vmstick {

void to_json(nlohmann::json& j, const InstalledHypervisor& h) {
  j = {{"name", h.name},         {"version", h.version.empty() ? nlohmann::json(nullptr) : nlohmann::json(h.version)},
       {"version_from", h.version_from}, {"location", h.location},
       {"accelerators", h.accelerators}};
}

nlohmann::json to_json(const HostFacts& h) {
  return {
      {"os", fact_json(h.os)},
      {"arch", fact_json(h.arch)},
      {"kernel_version", fact_json(h.kernel_version)},
      {"cpu_vendor", fact_json(h.cpu_vendor)},
      {"cpu_model", fact_json(h.cpu_model)},
      {"cpu_flags", fact_json(h.cpu_flags)},
      {"logical_cpus", fact_json(h.logical_cpus)},
      {"ram_bytes", fact_json(h.ram_bytes)},
      {"cpu_virt_supported", fact_json(h.cpu_virt_supported)},
      {"virt_enabled_in_firmware", fact_json(h.virt_enabled_in_firmware)},
      {"hw_virt_available", fact_json(h.hw_virt_available)},
      {"slat_supported", fact_json(h.slat_supported)},
      {"running_in_vm", fact_json(h.running_in_vm)},
      {"hypervisor_vendor", fact_json(h.hypervisor_vendor)},
      {"vmm_modules_loaded", fact_json(h.vmm_modules_loaded)},
      {"kvm_vendor_module", fact_json(h.kvm_vendor_module)},
      {"kvm_enable_virt_at_load", fact_json(h.kvm_enable_virt_at_load)},
      {"dev_kvm_present", fact_json(h.dev_kvm_present)},
      {"dev_kvm_accessible", fact_json(h.dev_kvm_accessible)},
      {"windows_hypervisor_running", fact_json(h.windows_hypervisor_running)},
      {"vbs_status", fact_json(h.vbs_status)},
      {"vbs_services_running", fact_json(h.vbs_services_running)},
      {"hypervisor_features_enabled", fact_json(h.hypervisor_features_enabled)},
      {"hypervisor_launch_type", fact_json(h.hypervisor_launch_type)},
      {"hv_framework_supported", fact_json(h.hv_framework_supported)},
      {"installed_hypervisors", fact_json(h.installed_hypervisors)},
  };
}

}  // namespace vmstick
