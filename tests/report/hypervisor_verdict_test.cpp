// SPDX-License-Identifier: GPL-3.0-or-later
#include <catch2/catch.hpp>

#include "core/score/hypervisor_verdict.hpp"

using namespace vmstick;

namespace {
FactSet host_with(std::vector<InstalledHypervisor> installed) {
  FactSet f;
  f.host.os = Fact<std::string>::known("windows", "test");
  f.host.arch = Fact<std::string>::known("x86_64", "test");
  f.host.hw_virt_available = Fact<bool>::known(true, "test");
  f.host.windows_hypervisor_running = Fact<bool>::known(false, "test");
  f.host.installed_hypervisors = Fact<std::vector<InstalledHypervisor>>::known(std::move(installed), "test");
  return f;
}
InstalledHypervisor hv(std::string name, std::string version) { return {std::move(name), std::move(version), "", "", {}}; }
}  // namespace

TEST_CASE("hypervisor verdict: clean host runs everything at full speed") {
  auto v = hypervisor_verdicts(host_with({hv("VirtualBox", "7.0.14"), hv("VMware Workstation", "17.5.0")}), std::nullopt);
  REQUIRE(v.size() == 2);
  CHECK(v[0].outlook == HypervisorOutlook::runs);
  CHECK(v[0].reason == "full_speed");
  CHECK(v[1].outlook == HypervisorOutlook::runs);
}

TEST_CASE("hypervisor verdict: Hyper-V running, VirtualBox 7 slow, VirtualBox 5.2 and VMware 15.0 fail") {
  FactSet f = host_with({hv("VirtualBox", "7.0.14"), hv("VirtualBox", "5.2.44"), hv("VMware Workstation", "15.0.4"),
                         hv("VMware Workstation", "16.2.5"), hv("Hyper-V", "10.0")});
  f.host.windows_hypervisor_running = Fact<bool>::known(true, "CPUID leaf 0x40000000 Microsoft Hv");
  auto v = hypervisor_verdicts(f, std::nullopt);
  REQUIRE(v.size() == 5);
  CHECK(v[0].outlook == HypervisorOutlook::runs_slowly);
  CHECK(v[0].reason == "via_hyperv");
  CHECK(v[1].outlook == HypervisorOutlook::fails);
  CHECK(v[1].reason == "hyperv_blocks");
  CHECK(v[2].outlook == HypervisorOutlook::fails);
  CHECK(v[3].outlook == HypervisorOutlook::runs_slowly);
  CHECK(v[4].outlook == HypervisorOutlook::runs);
}

TEST_CASE("hypervisor verdict: KVM holding VT-x on Linux 6.12 stops VirtualBox, not QEMU") {
  FactSet f = host_with({hv("VirtualBox", "7.1.4"), hv("QEMU", "9.1.0")});
  f.host.os = Fact<std::string>::known("linux", "test");
  f.host.windows_hypervisor_running = Fact<bool>::unknown("not Windows");
  f.host.kvm_enable_virt_at_load = Fact<bool>::known(true, "/sys/module/kvm/parameters/enable_virt_at_load");
  f.host.kvm_vendor_module = Fact<std::string>::known("kvm_intel", "/sys/module/kvm_intel");
  f.host.dev_kvm_accessible = Fact<bool>::known(true, "/dev/kvm");
  auto v = hypervisor_verdicts(f, std::nullopt);
  REQUIRE(v.size() == 2);
  CHECK(v[0].outlook == HypervisorOutlook::fails);
  CHECK(v[0].reason == "kvm_holds");
  CHECK(v[1].outlook == HypervisorOutlook::runs);
}

TEST_CASE("hypervisor verdict: no VT-x fails VirtualBox and slows QEMU, unknown stays unknown") {
  FactSet f = host_with({hv("VirtualBox", "7.0"), hv("QEMU", "8.0")});
  f.host.hw_virt_available = Fact<bool>::known(false, "cpuinfo flags");
  auto v = hypervisor_verdicts(f, std::nullopt);
  CHECK(v[0].outlook == HypervisorOutlook::fails);
  CHECK(v[1].outlook == HypervisorOutlook::runs_slowly);

  FactSet u = host_with({hv("VirtualBox", "7.0")});
  u.host.hw_virt_available = Fact<bool>::unknown("cpuinfo unreadable");
  u.host.windows_hypervisor_running = Fact<bool>::unknown("not checked");
  auto w = hypervisor_verdicts(u, std::nullopt);
  CHECK(w[0].outlook == HypervisorOutlook::unknown);
  CHECK(w[0].detail_key == "unknown_fact");
  CHECK(w[0].detail_args == Evidence{{"reason", "cpuinfo unreadable"}});
}

TEST_CASE("hypervisor verdict: a slow drive turns 'runs' into 'runs, slowly', arch mismatch is emulation") {
  FactSet f = host_with({hv("VirtualBox", "7.0")});
  Prediction slow;
  slow.feel = Feel::slow;
  slow.boot_seconds = 120;
  auto v = hypervisor_verdicts(f, slow);
  CHECK(v[0].outlook == HypervisorOutlook::runs_slowly);
  CHECK(v[0].reason == "slow_drive");

  FactSet arm = host_with({hv("UTM", "4.4"), hv("VirtualBox", "7.1")});
  arm.host.arch = Fact<std::string>::known("arm64", "test");
  arm.image = ImageFacts{};
  arm.image->guest_arch = Fact<std::string>::known("x86_64", "vbox");
  auto a = hypervisor_verdicts(arm, std::nullopt);
  CHECK(a[0].outlook == HypervisorOutlook::runs_slowly);
  CHECK(a[0].reason == "emulated_arch");
  CHECK(a[1].outlook == HypervisorOutlook::fails);
}
