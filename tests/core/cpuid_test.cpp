// SPDX-License-Identifier: GPL-3.0-or-later
#include <catch2/catch.hpp>

#include "core/probes/host/cpuid.hpp"

using namespace vmstick;

namespace {
CpuidFacts decode_text(const char* text) {
  auto table = parse_cpuid_table(text, "test");
  REQUIRE(table.ok());
  return decode_cpuid(*table);
}
}  // namespace

TEST_CASE("CPUID: Intel with VMX, no hypervisor") {
  auto f = decode_text(R"(CPU 0:
   0x00000000 0x00: eax=0x00000016 ebx=0x756e6547 ecx=0x6c65746e edx=0x49656e69
   0x00000001 0x00: eax=0x000806ea ebx=0x00100800 ecx=0x7ffafbbf edx=0xbfebfbff
   0x80000000 0x00: eax=0x80000008 ebx=0x00000000 ecx=0x00000000 edx=0x00000000
   0x80000001 0x00: eax=0x00000000 ebx=0x00000000 ecx=0x00000121 edx=0x2c100800
CPU 1:
   0x00000001 0x00: eax=0x000806ea ebx=0x00100800 ecx=0x00000000 edx=0xbfebfbff
)");
  CHECK(f.vendor == "GenuineIntel");
  CHECK(f.vmx == std::optional<bool>(true));
  CHECK(f.svm == std::optional<bool>(false));
  CHECK(f.hypervisor == std::optional<bool>(false));
  CHECK_FALSE(f.hv_vendor.has_value());
  CHECK_FALSE(f.npt.has_value());  // leaf 0x8000000A only exists with SVM
  CHECK(f.long_mode == std::optional<bool>(true));
}

TEST_CASE("CPUID: Hyper-V root partition is told apart from a Hyper-V guest") {
  const char* root = R"(
   0x00000000 0x00: eax=0x00000016 ebx=0x756e6547 ecx=0x6c65746e edx=0x49656e69
   0x00000001 0x00: eax=0x000806ea ebx=0x00100800 ecx=0xfffafbbf edx=0xbfebfbff
   0x40000000 0x00: eax=0x4000000b ebx=0x7263694d ecx=0x666f736f edx=0x76482074
   0x40000003 0x00: eax=0x00002e7f ebx=0x002bb9ff ecx=0x00000002 edx=0x0cbef7f6
)";
  auto f = decode_text(root);
  CHECK(f.hypervisor == std::optional<bool>(true));
  CHECK(f.hv_vendor == std::optional<std::string>("Microsoft Hv"));
  CHECK(f.hyperv_root == std::optional<bool>(true));
  std::string guest = root;
  guest.replace(guest.find("ebx=0x002bb9ff"), 14, "ebx=0x002bb9fe");
  CHECK(decode_text(guest.c_str()).hyperv_root == std::optional<bool>(false));
}

TEST_CASE("CPUID: AMD with SVM and NPT, and the hypervisor signature of a KVM guest") {
  auto f = decode_text(R"(
   0x00000000 0x00: eax=0x00000010 ebx=0x68747541 ecx=0x444d4163 edx=0x69746e65
   0x00000001 0x00: eax=0x00a50f00 ebx=0x00080800 ecx=0xfed8320b edx=0x178bfbff
   0x40000000 0x00: eax=0x40000001 ebx=0x4b4d564b ecx=0x564b4d56 edx=0x0000004d
   0x80000000 0x00: eax=0x80000020 ebx=0x68747541 ecx=0x444d4163 edx=0x69746e65
   0x80000001 0x00: eax=0x00a50f00 ebx=0x20000000 ecx=0x75c237ff edx=0x2fd3fbff
   0x8000000a 0x00: eax=0x00000001 ebx=0x00008000 ecx=0x00000000 edx=0x119bbcff
)");
  CHECK(f.vendor == "AuthenticAMD");
  CHECK(f.svm == std::optional<bool>(true));
  CHECK(f.vmx == std::optional<bool>(false));
  CHECK(f.npt == std::optional<bool>(true));
  CHECK(f.hv_vendor == std::optional<std::string>("KVMKVMKVM"));
  CHECK_FALSE(f.hyperv_root.has_value());
}

TEST_CASE("CPUID: leaves beyond the reported maximum are not trusted") {
  auto f = decode_text(R"(
   0x00000000 0x00: eax=0x00000000 ebx=0x756e6547 ecx=0x6c65746e edx=0x49656e69
   0x00000001 0x00: eax=0x000806ea ebx=0x00100800 ecx=0x7ffafbbf edx=0xbfebfbff
)");
  CHECK(f.vendor == "GenuineIntel");
  CHECK_FALSE(f.vmx.has_value());
  CHECK_FALSE(f.svm.has_value());
}

TEST_CASE("CPUID table: garbage, truncated lines and control bytes") {
  CHECK(parse_cpuid_table("", "empty").error().code == ErrorCode::Corrupt);
  CHECK_FALSE(parse_cpuid_table("\x7f" "ELF\x01\x02 junk", "bin").ok());
  CHECK_FALSE(parse_cpuid_table("   0x00000001 0x00: eax=0x1 ebx=0x2 ecx=0x3", "truncated").ok());
  CHECK_FALSE(parse_cpuid_table("   0x00000001 0x00: eax=0x1 ebx=0x2 ecx=0x3 edx=0x1ffffffff", "overflow").ok());
  auto err = parse_cpuid_table("nonsense", "where.txt");
  REQUIRE_FALSE(err.ok());
  CHECK(err.error().context == "where.txt");
  // A hostile hypervisor signature with control bytes comes out printable.
  CpuidRegs r{0, 0x1b5b3141, 0x0a0d0000, 0};
  auto sig = cpuid_signature(r);
  CHECK(sig.find('\x1b') == std::string::npos);
  CHECK(sig.find('\n') == std::string::npos);
}
