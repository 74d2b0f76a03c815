// SPDX-License-Identifier: GPL-3.0-or-later
#include <algorithm>
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

namespace {
std::vector<std::string> ids(const Probed& p) {
  std::vector<std::string> out;
  for (const auto& f : p.findings) out.push_back(f.id);
  return out;
}
using Ids = std::vector<std::string>;
}  // namespace

TEST_CASE("Linux host probe: Intel host, CPUID and cpuinfo agree, EPT from vmx flags") {
  auto p = probe("intel-vmx");
  const HostFacts& h = p.facts.host;
  CHECK(h.cpu_virt_supported.is(true));
  CHECK(h.cpu_virt_supported.source().find("leaf 0x1 ECX[5]") != std::string::npos);
  CHECK(h.slat_supported.is(true));
  CHECK(h.slat_supported.source().find("ept") != std::string::npos);
  CHECK(h.hypervisor_vendor.is(""));
  // No kernel version recorded: the firmware state is not guessed.
  CHECK_FALSE(h.virt_enabled_in_firmware.is_known());
  CHECK(ids(p) == Ids{"host.virtualization_available"});
}

TEST_CASE("Linux host probe: AMD host, NPT from CPUID leaf 0x8000000A") {
  auto p = probe("amd-svm");
  const HostFacts& h = p.facts.host;
  CHECK(h.cpu_virt_supported.is(true));
  CHECK(h.cpu_virt_supported.source().find("SVM") != std::string::npos);
  CHECK(h.slat_supported.is(true));
  // Linux keeps the svm flag when firmware disabled AMD-V; without the MSR we cannot tell.
  CHECK_FALSE(h.virt_enabled_in_firmware.is_known());
  CHECK(h.virt_enabled_in_firmware.reason().find("svm flag") != std::string::npos);
  CHECK(ids(p) == Ids{"host.virtualization_available"});
}

TEST_CASE("Linux host probe: VMX in CPUID but cleared from cpuinfo on 6.8 means disabled in firmware") {
  auto p = probe("intel-vmx-disabled-in-firmware");
  const HostFacts& h = p.facts.host;
  CHECK(h.kernel_version.is("6.8.0-45-generic"));
  CHECK(h.cpu_virt_supported.is(true));
  CHECK(h.hw_virt_available.is(false));
  CHECK(h.virt_enabled_in_firmware.is(false));
  CHECK(h.virt_enabled_in_firmware.source().find("removed the vmx flag") != std::string::npos);
  CHECK(h.ram_bytes.is(16303012ull * 1024));
  CHECK(h.kvm_vendor_module.is("none"));
  REQUIRE(ids(p) == Ids{"host.virtualization_disabled_in_firmware"});
  CHECK(p.findings[0].severity == Severity::blocker);
}

TEST_CASE("Linux host probe: kvm_intel on 6.12 with enable_virt_at_load=Y blocks VirtualBox 7.0") {
  auto p = probe("kvm-intel-6.12-virtualbox-installed");
  const HostFacts& h = p.facts.host;
  CHECK(h.kernel_version.is("6.12.9-amd64"));
  CHECK(h.kvm_vendor_module.is("kvm_intel"));
  CHECK(h.kvm_enable_virt_at_load.is(true));
  CHECK(h.vmm_modules_loaded.is({"vboxdrv", "kvm_intel", "kvm"}));
  CHECK(h.dev_kvm_present.is(true));
  CHECK_FALSE(h.dev_kvm_accessible.is_known());
  CHECK(h.virt_enabled_in_firmware.is(true));
  REQUIRE(h.installed_hypervisors.is_known());
  REQUIRE(h.installed_hypervisors.value().size() == 1);
  const auto& vbox = h.installed_hypervisors.value()[0];
  CHECK(vbox.name == "VirtualBox");
  CHECK(vbox.version == "7.0.20");
  CHECK(vbox.version_from.find("vboxdrv/version") != std::string::npos);
  REQUIRE(ids(p) == Ids{"host.kvm_holds_virt_virtualbox", "host.virtualization_available"});
  const auto& ev = p.findings[0].evidence;
  CHECK(std::find(ev.begin(), ev.end(), std::pair<std::string, std::string>{"error", "VERR_VMX_IN_VMX_ROOT_MODE"}) != ev.end());
  CHECK(std::find(ev.begin(), ev.end(), std::pair<std::string, std::string>{"version", "7.0.20"}) != ev.end());
}

TEST_CASE("Linux host probe: this CI machine, a bhyve guest without nested virtualization") {
  auto p = probe("ci-machine-bhyve-guest");
  const HostFacts& h = p.facts.host;
  CHECK(h.cpu_vendor.is("AuthenticAMD"));
  CHECK(h.running_in_vm.is(true));
  CHECK(h.hypervisor_vendor.is("bhyve bhyve"));
  CHECK(h.cpu_virt_supported.is(false));
  CHECK(h.hw_virt_available.is(false));
  CHECK(h.kvm_vendor_module.is("none"));
  CHECK(h.kvm_enable_virt_at_load.is(true));
  CHECK(h.dev_kvm_present.is(false));
  // The machine has no /proc/modules (kernel without loadable modules).
  CHECK_FALSE(h.vmm_modules_loaded.is_known());
  CHECK(h.vmm_modules_loaded.reason().find("modules") != std::string::npos);
  CHECK(h.installed_hypervisors.is(std::vector<InstalledHypervisor>{}));
  CHECK(h.windows_hypervisor_running.reason() == "Windows only");
  REQUIRE(ids(p) == Ids{"host.virtualization_not_nested"});
  const auto& ev = p.findings[0].evidence;
  CHECK(std::find(ev.begin(), ev.end(), std::pair<std::string, std::string>{"hypervisor", "bhyve bhyve"}) != ev.end());
}

TEST_CASE("Linux host probe: a fixture without cpuid.txt says CPUID was not recorded") {
  auto p = probe("no-virt-support");
  CHECK_FALSE(p.facts.host.cpu_virt_supported.is_known());
  CHECK(p.facts.host.cpu_virt_supported.reason().find("not recorded") != std::string::npos);
  CHECK_FALSE(p.facts.host.hypervisor_vendor.is_known());
}

TEST_CASE("Linux host probe: garbage in every host file gives unknown with the reason") {
  auto p = probe("garbage-host-values");
  const HostFacts& h = p.facts.host;
  // Control bytes are made printable, never passed through.
  REQUIRE(h.kernel_version.is_known());
  CHECK(h.kernel_version.value().find('\x1b') == std::string::npos);
  CHECK_FALSE(h.ram_bytes.is_known());
  CHECK(h.ram_bytes.reason().find("MemTotal") != std::string::npos);
  CHECK_FALSE(h.vmm_modules_loaded.is_known());
  CHECK(h.vmm_modules_loaded.reason().find("module entry") != std::string::npos);
  CHECK_FALSE(h.kvm_enable_virt_at_load.is_known());
  CHECK(h.kvm_enable_virt_at_load.reason().find("expected Y or N") != std::string::npos);
  CHECK_FALSE(h.cpu_virt_supported.is_known());
  CHECK(h.cpu_virt_supported.reason().find("recorded CPUID") != std::string::npos);
  REQUIRE(h.installed_hypervisors.is_known());
  REQUIRE(h.installed_hypervisors.value().size() == 1);
  CHECK(h.installed_hypervisors.value()[0].version.empty());
  // VT-x itself is still read from cpuinfo; the unknown enable_virt_at_load
  // does not turn into a KVM-vs-VirtualBox verdict.
  REQUIRE(ids(p) == Ids{"host.virtualization_available"});
}

TEST_CASE("Linux host probe: arm64 with /dev/kvm is available, never 'missing' for lack of vmx/svm") {
  auto p = probe("arm64-linux-kvm");
  CHECK(p.facts.host.arch.is("aarch64"));
  CHECK(p.facts.host.hw_virt_available.is(true));
  CHECK(p.facts.host.hw_virt_available.source().find("/dev/kvm") != std::string::npos);
  CHECK(ids(p) == Ids{"host.virtualization_available"});
}
