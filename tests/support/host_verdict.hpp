// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The host rules' verdict on a FactSet, as the list of finding ids (worst
// first): what the host tests of every OS assert on.
#include <string>
#include <vector>

#include "core/rules/rule.hpp"

namespace vmstick::test {

inline std::vector<std::string> host_verdict(const FactSet& facts) {
  RuleRegistry rules;
  register_host_rules(rules);
  std::vector<std::string> out;
  for (const auto& f : rules.evaluate(facts, Catalog::builtin())) out.push_back(f.id);
  return out;
}

inline std::vector<std::string> host_verdict(const HostFacts& host) {
  FactSet facts;
  facts.host = host;
  return host_verdict(facts);
}

}  // namespace vmstick::test
