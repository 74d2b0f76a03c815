// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/probes/drive/udev_properties.hpp"

#include "core/text.hpp"

namespace vmstick {

UdevProperties parse_udev_properties(std::string_view text) {
  constexpr std::size_t kMaxKeys = 4096;
  UdevProperties out;
  for (auto line : split_lines(text)) {
    if (out.size() >= kMaxKeys) break;
    if (line.size() > 2 && line[1] == ':') {
      if (line[0] != 'E') continue;  // S: symlinks, I: init time, G: tags...
      line.remove_prefix(2);
    }
    auto eq = line.find('=');
    if (eq == std::string_view::npos || eq == 0) continue;
    out.insert_or_assign(std::string(line.substr(0, eq)), std::string(line.substr(eq + 1)));
  }
  return out;
}

std::string udev_unescape(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\' && i + 3 < s.size() && s[i + 1] == 'x') {
      if (auto v = parse_number<unsigned>(s.substr(i + 2, 2), 16)) {
        out.push_back(static_cast<char>(*v));
        i += 3;
        continue;
      }
    }
    out.push_back(s[i]);
  }
  return out;
}

std::optional<std::string> udev_get(const UdevProperties& props, std::string_view key) {
  auto it = props.find(key);
  if (it == props.end() || it->second.empty()) return std::nullopt;
  return it->second;
}

}  // namespace vmstick
