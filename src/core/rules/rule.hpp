// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Rules turn facts into findings. A rule is a pure function of the FactSet:
// it never reads a file or asks the OS (that is a probe's job), so every rule
// can be tested on a hand-built FactSet.
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/facts/fact_set.hpp"
#include "core/findings/catalog.hpp"
#include "core/findings/finding.hpp"

namespace vmstick {

// Collects the findings of one rule; severity and area come from the catalog
// so a rule cannot contradict what the catalog (and thus the docs) says.
class FindingSink {
 public:
  explicit FindingSink(const Catalog& catalog) : catalog_(catalog) {}
  void add(std::string_view id, std::string subject, Evidence evidence = {});
  const std::vector<Finding>& findings() const { return findings_; }
  std::vector<Finding> take() { return std::move(findings_); }

 private:
  const Catalog& catalog_;
  std::vector<Finding> findings_;
};

struct Rule {
  std::string name;                  // "host.virtualization"
  std::vector<std::string> emits;    // every finding id it may emit (checked by tests)
  std::function<void(const FactSet&, FindingSink&)> evaluate;
};

class RuleRegistry {
 public:
  void add(Rule rule) { rules_.push_back(std::move(rule)); }
  const std::vector<Rule>& rules() const { return rules_; }
  // Runs every rule; findings come back worst first, then by area and id, so
  // output is stable from run to run.
  std::vector<Finding> evaluate(const FactSet& facts, const Catalog& catalog) const;

 private:
  std::vector<Rule> rules_;
};

// One function per area, each in its own file under rules/.
void register_host_rules(RuleRegistry& registry);
void register_drive_rules(RuleRegistry& registry);
void register_image_rules(RuleRegistry& registry);
void register_bench_rules(RuleRegistry& registry);
// All of the above: what the CLI and the GUI use.
void register_builtin_rules(RuleRegistry& registry);

}  // namespace vmstick
