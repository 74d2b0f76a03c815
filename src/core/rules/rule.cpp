// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/rules/rule.hpp"

#include <algorithm>

#include "core/log/log.hpp"

namespace vmstick {

void FindingSink::add(std::string_view id, std::string subject, Evidence evidence) {
  Finding f;
  f.id = std::string(id);
  f.subject = std::move(subject);
  f.evidence = std::move(evidence);
  if (const CatalogEntry* entry = catalog_.find(id)) {
    f.severity = entry->severity;
    f.area = entry->area;
  } else {
    log::get("rules")->error("rule emitted finding '{}' which the catalog does not define", id);
  }
  for (const auto& [key, value] : f.evidence) {
    for (const auto& phrase_id : phrase_ids(value)) {
      if (!catalog_.phrase(phrase_id)) {
        log::get("rules")->error("finding '{}' evidence '{}' names phrase '{}' which the catalog does not define", id, key,
                                 phrase_id);
      }
    }
  }
  findings_.push_back(std::move(f));
}

std::vector<Finding> RuleRegistry::evaluate(const FactSet& facts, const Catalog& catalog) const {
  std::vector<Finding> all;
  for (const auto& rule : rules_) {
    FindingSink sink(catalog);
    rule.evaluate(facts, sink);
    for (auto& f : sink.take()) all.push_back(std::move(f));
  }
  std::stable_sort(all.begin(), all.end(), [](const Finding& a, const Finding& b) {
    if (a.severity != b.severity) return a.severity > b.severity;
    if (a.area != b.area) return a.area < b.area;
    return a.id < b.id;
  });
  return all;
}

void register_builtin_rules(RuleRegistry& registry) {
  register_host_rules(registry);
  register_drive_rules(registry);
  register_image_rules(registry);
  register_bench_rules(registry);
}

}  // namespace vmstick
