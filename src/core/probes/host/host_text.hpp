// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Small parsers for the host probe: each takes the text of one OS file or
// value and is tested on strings (tests/core/host_text_test.cpp).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace vmstick {

// A dotted version ("6.12.9-amd64", "7.0.14r161095", "15.5.5 build-16285975"):
// the leading run of numbers separated by dots; anything after is ignored.
struct Version {
  std::vector<std::uint32_t> parts;
  bool empty() const { return parts.empty(); }
  std::string str() const;
};
std::optional<Version> parse_version(std::string_view text);
// <0, 0, >0 like strcmp; missing parts count as 0 ("6.0" == "6.0.0").
int compare_versions(const Version& a, const Version& b);
// Convenience: compare text to a literal; nullopt when text has no version.
std::optional<int> compare_version_text(std::string_view text, std::string_view reference);

// /proc/meminfo "MemTotal: 16316412 kB" -> bytes.
Result<std::uint64_t> parse_meminfo_total(std::string_view text);

// /proc/modules: the module names (first column), at most 8192 of them.
Result<std::vector<std::string>> parse_proc_modules(std::string_view text);

// A sysfs bool module parameter: "Y"/"N" (also "1"/"0").
Result<bool> parse_module_bool(std::string_view text);

// IA32_FEATURE_CONTROL (MSR 0x3A): false when firmware locked it with VMX
// outside SMX (bit 2) off; true when VMX is allowed or the MSR is unlocked
// (the kernel then enables it itself).
bool vmx_allowed_by_feature_control(std::uint64_t msr);
// AMD VM_CR (MSR 0xC0010114): false when SVMDIS (bit 4) is set.
bool svm_allowed_by_vm_cr(std::uint64_t msr);

}  // namespace vmstick

namespace vmstick {

// One installed package from the dpkg status database.
struct DpkgPackage {
  std::string name;
  std::string version;
};
// Packages whose Status is "install ok installed" and whose name starts with
// one of the prefixes; at most 256 matches are kept.
std::vector<DpkgPackage> parse_dpkg_status(std::string_view text, const std::vector<std::string_view>& prefixes);

// A VMware "key = \"value\"" config (/etc/vmware/config): the value of the
// first key ending in ".version" whose key contains "product" ("product.version",
// "player.product.version"). Empty when absent.
std::string vmware_config_version(std::string_view text);

}  // namespace vmstick
