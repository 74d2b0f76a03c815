// SPDX-License-Identifier: GPL-3.0-or-later
#include <catch2/catch.hpp>

#include "core/probes/host/host_text.hpp"

using namespace vmstick;

TEST_CASE("versions compare numerically and ignore suffixes") {
  CHECK(compare_version_text("7.0.14r161095", "6.0") == std::optional<int>(1));
  CHECK(compare_version_text("5.2.44", "6.0") == std::optional<int>(-1));
  CHECK(compare_version_text("15.5.5 build-16285975", "15.5.5") == std::optional<int>(0));
  CHECK(compare_version_text("6.12.9-amd64", "6.12") == std::optional<int>(1));
  CHECK(compare_version_text("6.9", "6.12") == std::optional<int>(-1));
  CHECK_FALSE(compare_version_text("", "6.0").has_value());
  CHECK_FALSE(compare_version_text("garbage", "6.0").has_value());
  CHECK_FALSE(parse_version("99999999999.1").has_value());
  CHECK(parse_version("7.0.20 r163906 (0x00330004)")->str() == "7.0.20");
}

TEST_CASE("meminfo total, and junk in it") {
  CHECK(parse_meminfo_total("MemTotal:       24683620 kB\nMemFree: 1 kB\n").value() == 24683620ull * 1024);
  CHECK_FALSE(parse_meminfo_total("MemTotal: lots kB").ok());
  CHECK_FALSE(parse_meminfo_total("MemTotal: 99999999999999999999 kB").ok());
  CHECK_FALSE(parse_meminfo_total("MemTotal: 1000 MB").ok());
  CHECK_FALSE(parse_meminfo_total("").ok());
}

TEST_CASE("module list from /proc/modules: names, and garbage rejected") {
  auto m = parse_proc_modules("kvm_intel 413696 0 - Live 0x0\nkvm 1396736 1 kvm_intel, Live 0x0\n");
  REQUIRE(m.ok());
  CHECK(*m == std::vector<std::string>{"kvm_intel", "kvm"});
  CHECK(parse_proc_modules("").value().empty());
  CHECK_FALSE(parse_proc_modules("this is not a module list\n").ok());
}

TEST_CASE("module bool parameters") {
  CHECK(parse_module_bool("Y\n").value());
  CHECK_FALSE(parse_module_bool("N").value());
  CHECK(parse_module_bool("maybe").error().code == ErrorCode::Corrupt);
}

TEST_CASE("firmware MSR decoding") {
  CHECK_FALSE(vmx_allowed_by_feature_control(0x1));  // locked, VMX off
  CHECK(vmx_allowed_by_feature_control(0x5));        // locked, VMX outside SMX on
  CHECK(vmx_allowed_by_feature_control(0x0));        // unlocked: the OS may enable it
  CHECK(svm_allowed_by_vm_cr(0x0));
  CHECK_FALSE(svm_allowed_by_vm_cr(0x18));           // SVMDIS and LOCK
}

TEST_CASE("dpkg status and VMware config versions") {
  const char* status =
      "Package: virtualbox-7.0\nStatus: install ok installed\nVersion: 7.0.14-161095~Debian~bookworm\n\n"
      "Package: virtualbox-6.1\nStatus: deinstall ok config-files\nVersion: 6.1.50\n\n"
      "Package: qemu-system-x86\nStatus: install ok installed\nVersion: 1:7.2+dfsg-7\n";
  auto pk = parse_dpkg_status(status, {"virtualbox"});
  REQUIRE(pk.size() == 1);
  CHECK(pk[0].name == "virtualbox-7.0");
  CHECK(vmware_config_version("product.name = \"VMware Workstation\"\nproduct.version = \"17.5.1\"\n") == "17.5.1");
  CHECK(vmware_config_version("product.version = \"junk\"\n").empty());
}
