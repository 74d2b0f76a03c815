// SPDX-License-Identifier: GPL-3.0-or-later
#include <catch2/catch.hpp>

#include "core/engine/check.hpp"
#include "platform/linux/host_probe.hpp"
#include "support/fixtures.hpp"

using namespace vmstick;

namespace {
struct Probed {
  FactSet facts;
  std::vector<Finding> findings;
};
Probed probe(const std::string& scenario) {
  PathStore paths(test::fixture(scenario));
  CheckRequest request;
  CancelToken cancel;
  ProbeContext ctx{paths, request, cancel, {}};
  ProbeRegistry probes;
  probes.add(std::make_unique<linux_backend::HostProbe>());
  RuleRegistry rules;
  register_builtin_rules(rules);
  CheckResult r = run_check(probes, rules, Catalog::builtin(), ctx, "linux");
  return {r.facts, r.findings};
}
}  // namespace

TEST_CASE("Linux host probe: Intel host with VT-x") {
  auto p = probe("intel-vmx");
  const HostFacts& h = p.facts.host;
  CHECK(h.os.is("linux"));
  CHECK(h.arch.is("x86_64"));
  CHECK(h.cpu_vendor.is("GenuineIntel"));
  CHECK(h.cpu_model.is("Intel(R) Core(TM) i7-8650U CPU @ 1.90GHz"));
  CHECK(h.logical_cpus.is(4u));
  CHECK(h.hw_virt_available.is(true));
  CHECK(h.hw_virt_available.source().find("flag vmx") != std::string::npos);
  CHECK(h.running_in_vm.is(false));
  REQUIRE(p.findings.size() == 1);
  CHECK(p.findings[0].id == "host.virtualization_available");
}

TEST_CASE("Linux host probe: AMD host with AMD-V") {
  auto p = probe("amd-svm");
  CHECK(p.facts.host.cpu_vendor.is("AuthenticAMD"));
  CHECK(p.facts.host.hw_virt_available.is(true));
  REQUIRE(p.findings.size() == 1);
  CHECK(p.findings[0].id == "host.virtualization_available");
}

TEST_CASE("Linux host probe: no VT-x/AMD-V on bare metal") {
  auto p = probe("no-virt-support");
  CHECK(p.facts.host.hw_virt_available.is(false));
  CHECK(p.facts.host.running_in_vm.is(false));
  REQUIRE(p.findings.size() == 1);
  CHECK(p.findings[0].id == "host.virtualization_missing");
  CHECK(p.findings[0].severity == Severity::blocker);
}

TEST_CASE("Linux host probe: KVM guest without nested virtualization") {
  auto p = probe("kvm-guest-no-nested");
  CHECK(p.facts.host.running_in_vm.is(true));
  CHECK(p.facts.host.hw_virt_available.is(false));
  REQUIRE(p.findings.size() == 1);
  CHECK(p.findings[0].id == "host.virtualization_not_nested");
}

TEST_CASE("Linux host probe: missing cpuinfo gives unknown with the reason") {
  auto p = probe("unreadable-cpuinfo");
  CHECK_FALSE(p.facts.host.hw_virt_available.is_known());
  CHECK(p.facts.host.hw_virt_available.reason().find("cpuinfo") != std::string::npos);
  CHECK(p.facts.host.arch.is("x86_64"));
  REQUIRE(p.findings.size() == 1);
  CHECK(p.findings[0].id == "host.virtualization_unknown");
}

TEST_CASE("Linux host probe: garbage cpuinfo gives unknown, not 'unsupported'") {
  auto p = probe("garbage-cpuinfo");
  CHECK_FALSE(p.facts.host.hw_virt_available.is_known());
  CHECK(p.facts.host.cpu_vendor.reason().find("processor") != std::string::npos);
  REQUIRE(p.findings.size() == 1);
  CHECK(p.findings[0].id == "host.virtualization_unknown");
}
