// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/facts/fact_json.hpp"

namespace vmstick {

nlohmann::json to_json(const DriveFacts& d) {
  return {
      {"id", d.id},
      {"device", fact_json(d.device)},
      {"vendor", fact_json(d.vendor)},
      {"model", fact_json(d.model)},
      {"capacity_bytes", fact_json(d.capacity_bytes)},
      {"removable", fact_json(d.removable)},
  };
}

}  // namespace vmstick
