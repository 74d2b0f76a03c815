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
// As reports show it: phrases the rule wrote come out in English.
std::string evidence(const Finding& f, const std::string& key) {
  for (const auto& [k, v] : render(f, Catalog::builtin(), Lang::en, FixOs::Any).evidence) {
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

namespace {
std::vector<std::string> ids(const std::vector<Finding>& findings) {
  std::vector<std::string> out;
  for (const auto& f : findings) out.push_back(f.id);
  return out;
}
using Ids = std::vector<std::string>;

FactSet windows_with_hyperv(std::vector<InstalledHypervisor> installed) {
  FactSet facts;
  HostFacts& h = facts.host;
  h.cpu_vendor = Fact<std::string>::known("GenuineIntel", "test");
  h.hw_virt_available = Fact<bool>::known(true, "test");
  h.windows_hypervisor_running = Fact<bool>::known(true, "test");
  h.hypervisor_features_enabled = Fact<std::vector<std::string>>::known({"VirtualMachinePlatform"}, "test");
  h.vbs_services_running = Fact<std::vector<std::string>>::known({"memory_integrity"}, "test");
  h.hypervisor_launch_type = Fact<std::string>::known("auto", "test");
  h.installed_hypervisors = Fact<std::vector<InstalledHypervisor>>::known(std::move(installed), "test");
  return facts;
}
}  // namespace

TEST_CASE("VT-x present but disabled in firmware is its own blocker") {
  FactSet facts;
  facts.host.cpu_vendor = Fact<std::string>::known("GenuineIntel", "test");
  facts.host.hw_virt_available = Fact<bool>::known(false, "cpuinfo");
  facts.host.running_in_vm = Fact<bool>::known(false, "cpuinfo");
  facts.host.cpu_virt_supported = Fact<bool>::known(true, "CPUID");
  facts.host.virt_enabled_in_firmware = Fact<bool>::known(false, "kernel cleared vmx");
  auto findings = evaluate(facts);
  REQUIRE(ids(findings) == Ids{"host.virtualization_disabled_in_firmware"});
  CHECK(evidence(findings[0], "firmware_source") == "kernel cleared vmx");
}

TEST_CASE("firmware state unknown keeps the generic 'missing' verdict, not 'disabled'") {
  FactSet facts;
  facts.host.hw_virt_available = Fact<bool>::known(false, "cpuinfo");
  facts.host.running_in_vm = Fact<bool>::known(false, "cpuinfo");
  facts.host.cpu_virt_supported = Fact<bool>::known(true, "CPUID");
  facts.host.virt_enabled_in_firmware = Fact<bool>::unknown("no MSR");
  CHECK(ids(evaluate(facts)) == Ids{"host.virtualization_missing"});
}

TEST_CASE("no SLAT is a warning only when virtualization itself works") {
  FactSet facts;
  facts.host.cpu_vendor = Fact<std::string>::known("AuthenticAMD", "test");
  facts.host.hw_virt_available = Fact<bool>::known(true, "flag svm");
  facts.host.slat_supported = Fact<bool>::known(false, "no npt");
  auto findings = evaluate(facts);
  REQUIRE(ids(findings) == Ids{"host.slat_missing", "host.virtualization_available"});
  CHECK(evidence(findings[0], "slat") == "NPT (RVI)");
  facts.host.slat_supported = Fact<bool>::unknown("not recorded");
  CHECK(ids(evaluate(facts)) == Ids{"host.virtualization_available"});
}

TEST_CASE("Hyper-V on with VirtualBox 7.0: slow, with the holders named") {
  auto findings = evaluate(windows_with_hyperv({{"VirtualBox", "7.0.14", "registry", "HKLM", {}}}));
  REQUIRE(ids(findings) == Ids{"host.hyperv_virtualbox_slow"});
  CHECK(findings[0].severity == Severity::warning);
  CHECK(evidence(findings[0], "holders") == "Virtual Machine Platform (WSL2), Memory Integrity (HVCI)");
  CHECK(evidence(findings[0], "version") == "7.0.14");
  CHECK(evidence(findings[0], "launch_type") == "auto");
}

TEST_CASE("Hyper-V on with VirtualBox 5.2 or VMware 15.1: they fail") {
  auto findings = evaluate(windows_with_hyperv(
      {{"VirtualBox", "5.2.44", "registry", "HKLM", {}}, {"VMware Workstation", "15.1.0", "registry", "HKLM", {}}}));
  CHECK(ids(findings) == Ids{"host.hyperv_virtualbox_fails", "host.hyperv_vmware_fails"});
}

TEST_CASE("Hyper-V on with VMware 17 and nothing else: informational") {
  auto findings = evaluate(windows_with_hyperv({{"VMware Workstation", "17.5.1", "registry", "HKLM", {}}}));
  REQUIRE(ids(findings) == Ids{"host.hyperv_holds_virt"});
  CHECK(findings[0].severity == Severity::info);
}

TEST_CASE("Hyper-V state unknown emits nothing about Hyper-V") {
  auto facts = windows_with_hyperv({{"VirtualBox", "7.0.14", "registry", "HKLM", {}}});
  facts.host.windows_hypervisor_running = Fact<bool>::unknown("WMI failed");
  CHECK(ids(evaluate(facts)) == Ids{"host.virtualization_available"});
}

TEST_CASE("KVM vs VirtualBox is keyed on enable_virt_at_load and the VirtualBox version") {
  FactSet facts;
  HostFacts& h = facts.host;
  h.hw_virt_available = Fact<bool>::known(true, "flag vmx");
  h.kernel_version = Fact<std::string>::known("6.12.1", "test");
  h.kvm_vendor_module = Fact<std::string>::known("kvm_amd", "test");
  h.kvm_enable_virt_at_load = Fact<bool>::known(true, "test");
  h.installed_hypervisors = Fact<std::vector<InstalledHypervisor>>::known({{"VirtualBox", "", "none", "/usr/bin/VBoxManage", {}}}, "test");
  auto findings = evaluate(facts);
  REQUIRE(ids(findings) == Ids{"host.kvm_holds_virt_virtualbox", "host.virtualization_available"});
  CHECK(evidence(findings[0], "error") == "VERR_SVM_IN_USE");
  CHECK(evidence(findings[0], "version") == "unknown");

  h.kvm_enable_virt_at_load = Fact<bool>::known(false, "kernel before 6.12");
  CHECK(ids(evaluate(facts)) == Ids{"host.virtualization_available"});
  h.kvm_enable_virt_at_load = Fact<bool>::unknown("unreadable");
  CHECK(ids(evaluate(facts)) == Ids{"host.virtualization_available"});
  h.kvm_enable_virt_at_load = Fact<bool>::known(true, "test");
  h.installed_hypervisors = Fact<std::vector<InstalledHypervisor>>::known({{"VirtualBox", "7.2.10", "dpkg", "x", {}}}, "test");
  CHECK(ids(evaluate(facts)) == Ids{"host.virtualization_available"});
  h.kvm_vendor_module = Fact<std::string>::known("none", "test");
  h.installed_hypervisors = Fact<std::vector<InstalledHypervisor>>::known({{"VirtualBox", "7.0.2", "dpkg", "x", {}}}, "test");
  CHECK(ids(evaluate(facts)) == Ids{"host.virtualization_available"});
}

TEST_CASE("an x86-64 image on an arm64 host is a blocker, same family is fine") {
  FactSet facts;
  facts.host.hw_virt_available = Fact<bool>::known(true, "kern.hv_support");
  facts.host.arch = Fact<std::string>::known("arm64", "test");
  facts.image = ImageFacts{};
  facts.image->guest_arch = Fact<std::string>::known("x86_64", "test");
  auto findings = evaluate(facts);
  REQUIRE(ids(findings) == Ids{"host.arch_mismatch", "host.virtualization_available"});
  CHECK(evidence(findings[0], "guest_arch") == "x86_64");
  facts.host.arch = Fact<std::string>::known("x86_64", "test");
  facts.image->guest_arch = Fact<std::string>::known("i386", "test");
  CHECK(ids(evaluate(facts)) == Ids{"host.virtualization_available"});
  facts.image->guest_arch = Fact<std::string>::unknown("not read");
  CHECK(ids(evaluate(facts)) == Ids{"host.virtualization_available"});
}

TEST_CASE("a /dev/kvm the user cannot open is a warning") {
  FactSet facts;
  facts.host.hw_virt_available = Fact<bool>::known(true, "flag vmx");
  facts.host.dev_kvm_present = Fact<bool>::known(true, "/dev/kvm");
  facts.host.dev_kvm_accessible = Fact<bool>::known(false, "/dev/kvm not writable by this user");
  CHECK(ids(evaluate(facts)) == Ids{"host.dev_kvm_no_access", "host.virtualization_available"});
  facts.host.dev_kvm_accessible = Fact<bool>::unknown("replay");
  CHECK(ids(evaluate(facts)) == Ids{"host.virtualization_available"});
}
