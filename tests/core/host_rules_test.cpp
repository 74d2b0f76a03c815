// SPDX-License-Identifier: GPL-3.0-or-later
#include <catch2/catch.hpp>

#include "core/rules/rule.hpp"

using namespace vmstick;

namespace {
std::vector<Finding> evaluate(const FactSet& facts) {
  RuleRegistry rules;
  register_host_rules(rules);
  return rules.evaluate(facts, Catalog::builtin());
}
std::string evidence(const Finding& f, const std::string& key) {
  for (const auto& [k, v] : f.evidence) {
    if (k == key) return v;
  }
  return "<missing>";
}
}  // namespace

TEST_CASE("hardware virtualization present") {
  FactSet facts;
  facts.host.cpu_vendor = Fact<std::string>::known("GenuineIntel", "test");
  facts.host.hw_virt_available = Fact<bool>::known(true, "flag vmx");
  auto findings = evaluate(facts);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].id == "host.virtualization_available");
  CHECK(findings[0].severity == Severity::ok);
  CHECK(evidence(findings[0], "virt") == "VT-x");
}

TEST_CASE("hardware virtualization missing on bare metal is a blocker") {
  FactSet facts;
  facts.host.cpu_vendor = Fact<std::string>::known("AuthenticAMD", "test");
  facts.host.hw_virt_available = Fact<bool>::known(false, "flags (no vmx or svm)");
  facts.host.running_in_vm = Fact<bool>::known(false, "flag hypervisor");
  auto findings = evaluate(facts);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].id == "host.virtualization_missing");
  CHECK(findings[0].severity == Severity::blocker);
  CHECK(evidence(findings[0], "virt") == "AMD-V");
}

TEST_CASE("missing virtualization inside a VM is explained as nesting") {
  FactSet facts;
  facts.host.hw_virt_available = Fact<bool>::known(false, "flags");
  facts.host.running_in_vm = Fact<bool>::known(true, "flag hypervisor");
  auto findings = evaluate(facts);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].id == "host.virtualization_not_nested");
}

TEST_CASE("unknown virtualization is reported as unknown, never as missing") {
  FactSet facts;
  facts.host.hw_virt_available = Fact<bool>::unknown("cannot read /proc/cpuinfo");
  auto findings = evaluate(facts);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].id == "host.virtualization_unknown");
  CHECK(findings[0].severity == Severity::warning);
  CHECK(evidence(findings[0], "reason") == "cannot read /proc/cpuinfo");
}
