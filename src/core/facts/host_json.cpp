// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/facts/fact_json.hpp"

namespace vmstick {

nlohmann::json to_json(const HostFacts& h) {
  return {
      {"os", fact_json(h.os)},
      {"arch", fact_json(h.arch)},
      {"cpu_vendor", fact_json(h.cpu_vendor)},
      {"cpu_model", fact_json(h.cpu_model)},
      {"cpu_flags", fact_json(h.cpu_flags)},
      {"logical_cpus", fact_json(h.logical_cpus)},
      {"hw_virt_available", fact_json(h.hw_virt_available)},
      {"running_in_vm", fact_json(h.running_in_vm)},
  };
}

}  // namespace vmstick
