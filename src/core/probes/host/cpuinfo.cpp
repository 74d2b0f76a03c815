// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/probes/host/cpuinfo.hpp"

#include "core/text.hpp"

namespace vmstick {

Result<Cpuinfo> parse_cpuinfo(std::string_view text) {
  Cpuinfo info;
  bool in_first = true;  // fields of processor 0 only; others repeat them
  for (std::string_view line : split_lines(text)) {
    auto colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    std::string_view key = trim(line.substr(0, colon));
    std::string_view value = trim(line.substr(colon + 1));
    if (key == "processor") {
      if (info.processors > 0) in_first = false;
      ++info.processors;
      continue;
    }
    if (!in_first) continue;
    if (key == "vendor_id") {
      info.vendor_id = std::string(value);
    } else if (key == "model name") {
      info.model_name = std::string(value);
    } else if (key == "flags" || key == "Features") {
      info.has_flags_line = true;
      info.flags = split_words(value);
    } else if (key == "vmx flags") {
      info.has_vmx_flags_line = true;
      info.vmx_flags = split_words(value);
    }
  }
  if (info.processors == 0) {
    return make_error(ErrorCode::Corrupt, "no 'processor' entry found; the file is empty, truncated or not cpuinfo");
  }
  return info;
}

}  // namespace vmstick
