// SPDX-License-Identifier: GPL-3.0-or-later
#include <catch2/catch.hpp>
#include <fstream>

#include "core/rules/rule.hpp"
#include "platform/windows/decode/host_snapshot.hpp"
#include "support/fixtures.hpp"
#include "support/host_verdict.hpp"

using namespace vmstick;

namespace {
HostFacts decode_fixture(const std::string& scenario) {
  std::ifstream in(test::fixture(scenario) / "host.json");
  REQUIRE(in.good());
  return windows_decode::decode_host_snapshot(nlohmann::json::parse(in));
}
using Ids = std::vector<std::string>;
}  // namespace

TEST_CASE("Windows: Hyper-V on with VirtualBox 7.0 installed") {
  HostFacts h = decode_fixture("windows-hyperv-virtualbox-7.0");
  CHECK(h.os.is("windows"));
  CHECK(h.arch.is("x86_64"));
  CHECK(h.kernel_version.is("10.0.22631"));
  CHECK(h.logical_cpus.is(8u));
  CHECK(h.hypervisor_vendor.is("Microsoft Hv"));
  CHECK(h.windows_hypervisor_running.is(true));
  CHECK(h.running_in_vm.is(false));  // the root partition is the host, not a guest
  // Win32_Processor says "false" while Hyper-V runs; that must not read as "disabled".
  CHECK(h.virt_enabled_in_firmware.is(true));
  CHECK(h.hw_virt_available.is(true));
  CHECK(h.hypervisor_features_enabled.is({"Microsoft-Hyper-V-All", "VirtualMachinePlatform"}));
  CHECK(h.hypervisor_launch_type.is("auto"));
  REQUIRE(h.installed_hypervisors.is_known());
  REQUIRE(h.installed_hypervisors.value().size() == 2);
  CHECK(h.installed_hypervisors.value()[0].name == "VirtualBox");
  CHECK(h.installed_hypervisors.value()[0].version == "7.0.14");
  CHECK(h.installed_hypervisors.value()[1].name == "Hyper-V");
  CHECK(test::host_verdict(h) == Ids{"host.hyperv_virtualbox_slow"});
}

TEST_CASE("Windows: VBS with Memory Integrity and old VMware") {
  HostFacts h = decode_fixture("windows-vbs-hvci");
  CHECK(h.cpu_vendor.is("AuthenticAMD"));
  CHECK(h.windows_hypervisor_running.is(true));
  CHECK(h.vbs_status.is("running"));
  CHECK(h.vbs_services_running.is({"memory_integrity"}));
  CHECK(h.hypervisor_features_enabled.is(std::vector<std::string>{}));
  CHECK_FALSE(h.hypervisor_launch_type.is_known());
  CHECK(h.hypervisor_launch_type.reason().find("administrator") != std::string::npos);
  auto ids = test::host_verdict(h);
  CHECK(ids == Ids{"host.hyperv_vmware_fails"});
}

TEST_CASE("Windows: clean host, VT-x free, VirtualBox and QEMU installed") {
  HostFacts h = decode_fixture("windows-clean-host");
  CHECK(h.windows_hypervisor_running.is(false));
  CHECK(h.running_in_vm.is(false));
  CHECK(h.cpu_virt_supported.is(true));
  CHECK(h.virt_enabled_in_firmware.is(true));
  CHECK(h.slat_supported.is(true));
  CHECK(h.hw_virt_available.is(true));
  CHECK(h.hypervisor_launch_type.is("off"));
  REQUIRE(h.installed_hypervisors.is_known());
  REQUIRE(h.installed_hypervisors.value().size() == 2);
  CHECK(h.installed_hypervisors.value()[1].name == "QEMU");
  CHECK(h.installed_hypervisors.value()[1].accelerators == std::vector<std::string>{"tcg"});
  CHECK(test::host_verdict(h) == Ids{"host.virtualization_available"});
}

TEST_CASE("Windows: VT-x switched off in firmware on a host without Hyper-V") {
  std::ifstream in(test::fixture("windows-clean-host") / "host.json");
  auto j = nlohmann::json::parse(in);
  j["win32_processor"]["VirtualizationFirmwareEnabled"] = false;
  j["pf_virt_firmware_enabled"] = false;
  HostFacts h = windows_decode::decode_host_snapshot(j);
  CHECK(h.cpu_virt_supported.is(true));
  CHECK(h.virt_enabled_in_firmware.is(false));
  CHECK(h.hw_virt_available.is(false));
  CHECK(test::host_verdict(h) == Ids{"host.virtualization_disabled_in_firmware"});
}

TEST_CASE("Windows: garbage, wrong types and failed queries give unknown with the reason") {
  HostFacts h = windows_decode::decode_host_snapshot(nlohmann::json::parse(R"({
    "native_arch": "x64", "cpuid": "junk",
    "win32_processor": {"Name": 42, "NumberOfLogicalProcessors": -3},
    "win32_computersystem": {"error": "WMI: access denied"},
    "win32_deviceguard": {"VirtualizationBasedSecurityStatus": 77, "SecurityServicesRunning": "x"},
    "optional_features": [], "uninstall": {"error": "RegOpenKeyEx failed: 5"}})"));
  CHECK_FALSE(h.arch.is_known());
  CHECK_FALSE(h.cpu_model.is_known());
  CHECK(h.cpu_model.reason().find("wrong type") != std::string::npos);
  CHECK_FALSE(h.logical_cpus.is_known());
  CHECK_FALSE(h.windows_hypervisor_running.is_known());
  CHECK_FALSE(h.hw_virt_available.is_known());
  CHECK_FALSE(h.vbs_status.is_known());
  CHECK_FALSE(h.installed_hypervisors.is_known());
  CHECK(h.installed_hypervisors.reason().find("RegOpenKeyEx") != std::string::npos);
  CHECK(test::host_verdict(h) == Ids{"host.virtualization_unknown"});
  // Not even an object.
  HostFacts none = windows_decode::decode_host_snapshot(nlohmann::json::parse("[1,2,3]"));
  CHECK_FALSE(none.hw_virt_available.is_known());
}
