// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// JSON form of facts, shared by the JSON report and the GUI's detail views.
// A known fact is {"value": ..., "source": "..."}; an unknown one is
// {"value": null, "unknown": "why"} so scripts can tell "false" from "unknown".
#include <nlohmann/json.hpp>

#include "core/fact.hpp"
#include "core/facts/fact_set.hpp"

namespace vmstick {

template <class T>
nlohmann::json fact_json(const Fact<T>& f) {
  if (f.is_known()) return {{"value", f.value()}, {"source", f.source()}};
  return {{"value", nullptr}, {"unknown", f.reason()}};
}

nlohmann::json to_json(const HostFacts& h);
nlohmann::json to_json(const DriveFacts& d);
nlohmann::json to_json(const ImageFacts& i);
nlohmann::json to_json(const BenchFacts& b);
nlohmann::json to_json(const FactSet& facts);

}  // namespace vmstick
