// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Parser for Linux /proc/cpuinfo. Takes the text, not a path: reading the
// file is the probe's one thin step, so the parser is tested on any string.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace vmstick {

struct Cpuinfo {
  std::string vendor_id;              // "GenuineIntel"; empty when the kernel prints none (arm64)
  std::string model_name;             // first processor's "model name"
  std::vector<std::string> flags;     // first processor's "flags" (x86) or "Features" (arm)
  bool has_flags_line{false};         // false: flags unknown, not empty
  // Linux >= 5.8 on Intel: "vmx flags" lists the VMX features the kernel
  // enabled (ept, unrestricted_guest, ...). Empty when the line is absent.
  std::vector<std::string> vmx_flags;
  bool has_vmx_flags_line{false};
  std::uint32_t processors{0};        // number of "processor" entries
};

// Corrupt when the text has no processor entry at all (truncated, garbage, or
// not cpuinfo). Lines it does not understand are ignored: the kernel adds
// fields over time.
Result<Cpuinfo> parse_cpuinfo(std::string_view text);

}  // namespace vmstick
