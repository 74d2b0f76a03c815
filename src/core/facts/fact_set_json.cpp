// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/facts/fact_json.hpp"

namespace vmstick {

nlohmann::json to_json(const FactSet& facts) {
  nlohmann::json drives = nlohmann::json::array();
  for (const auto& d : facts.drives) drives.push_back(to_json(d));
  nlohmann::json j = {{"host", to_json(facts.host)}, {"drives", drives}};
  j["target_drive"] = facts.target() ? nlohmann::json(facts.target()->id) : nlohmann::json(nullptr);
  j["image"] = facts.image ? to_json(*facts.image) : nlohmann::json(nullptr);
  j["bench"] = facts.bench ? to_json(*facts.bench) : nlohmann::json(nullptr);
  j["run_on"] = facts.run_on;
  return j;
}

}  // namespace vmstick
