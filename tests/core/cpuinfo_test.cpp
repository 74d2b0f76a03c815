// SPDX-License-Identifier: GPL-3.0-or-later
#include <catch2/catch.hpp>

#include "core/path_store.hpp"
#include "core/probes/host/cpuinfo.hpp"
#include "support/fixtures.hpp"

using namespace vmstick;

namespace {
Cpuinfo parse_fixture(const std::string& name) {
  PathStore paths(test::fixture(name));
  auto text = paths.read_text(paths.proc("cpuinfo"));
  REQUIRE(text.ok());
  auto info = parse_cpuinfo(*text);
  REQUIRE(info.ok());
  return *info;
}
bool has(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}
}  // namespace

TEST_CASE("cpuinfo of an Intel host with VT-x") {
  Cpuinfo info = parse_fixture("intel-vmx");
  CHECK(info.vendor_id == "GenuineIntel");
  CHECK(info.model_name == "Intel(R) Core(TM) i7-8650U CPU @ 1.90GHz");
  CHECK(info.processors == 4);
  CHECK(info.has_flags_line);
  CHECK(has(info.flags, "vmx"));
  CHECK_FALSE(has(info.flags, "svm"));
  CHECK(info.flags.front() == "fpu");
  CHECK(info.flags.back() == "arch_capabilities");
}

TEST_CASE("cpuinfo of an AMD host with AMD-V") {
  Cpuinfo info = parse_fixture("amd-svm");
  CHECK(info.vendor_id == "AuthenticAMD");
  CHECK(has(info.flags, "svm"));
  CHECK_FALSE(has(info.flags, "hypervisor"));
}

TEST_CASE("cpuinfo of a KVM guest") {
  Cpuinfo info = parse_fixture("kvm-guest-no-nested");
  CHECK(info.processors == 2);
  CHECK(has(info.flags, "hypervisor"));
  CHECK_FALSE(has(info.flags, "svm"));
}

TEST_CASE("cpuinfo that is empty, truncated or junk is corrupt, not 'no flags'") {
  CHECK(parse_cpuinfo("").error().code == ErrorCode::Corrupt);
  CHECK(parse_cpuinfo("\x01\x02\x03").error().code == ErrorCode::Corrupt);
  CHECK(parse_cpuinfo("flags : vmx\n").error().code == ErrorCode::Corrupt);
  // Truncated after the processor line: parses, but the flags are unknown.
  auto cut = parse_cpuinfo("processor\t: 0\nvendor_id\t: GenuineIntel\n");
  REQUIRE(cut.ok());
  CHECK_FALSE(cut->has_flags_line);
  CHECK(cut->flags.empty());
}

TEST_CASE("cpuinfo of an arm64 host uses Features and has no vendor_id") {
  auto info = parse_cpuinfo(
      "processor\t: 0\nBogoMIPS\t: 48.00\nFeatures\t: fp asimd evtstrm aes pmull sha1 sha2 crc32 atomics\n"
      "CPU implementer\t: 0x41\n\nprocessor\t: 1\nFeatures\t: fp asimd\n");
  REQUIRE(info.ok());
  CHECK(info->processors == 2);
  CHECK(info->vendor_id.empty());
  CHECK(info->flags.size() == 9);  // first processor's list only
}
