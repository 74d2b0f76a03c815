// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/probes/drive/mountinfo.hpp"

#include "core/text.hpp"

namespace vmstick {
namespace {

constexpr std::size_t kMaxMounts = 100000;

// The kernel escapes space, tab, newline and backslash as \ooo.
std::string unescape_octal(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\' && i + 3 < s.size()) {
      auto v = parse_number<unsigned>(s.substr(i + 1, 3), 8);
      if (v && *v < 256) {
        out.push_back(static_cast<char>(*v));
        i += 3;
        continue;
      }
    }
    out.push_back(s[i]);
  }
  return out;
}

std::optional<MountEntry> parse_line(std::string_view line) {
  auto w = split_words(line);
  // id parent maj:min root mount-point options [optional...] - fstype source super
  if (w.size() < 10) return std::nullopt;
  std::size_t sep = 6;
  while (sep < w.size() && w[sep] != "-") ++sep;
  if (sep + 3 >= w.size()) return std::nullopt;
  MountEntry e;
  auto colon = w[2].find(':');
  if (colon == std::string::npos) return std::nullopt;
  auto maj = parse_number<std::uint32_t>(std::string_view(w[2]).substr(0, colon));
  auto min = parse_number<std::uint32_t>(std::string_view(w[2]).substr(colon + 1));
  if (!maj || !min) return std::nullopt;
  e.major = *maj;
  e.minor = *min;
  e.root = unescape_octal(w[3]);
  e.mount_point = unescape_octal(w[4]);
  e.mount_options = w[5];
  e.fs_type = w[sep + 1];
  e.source = unescape_octal(w[sep + 2]);
  e.super_options = w[sep + 3];
  return e;
}

}  // namespace

Result<std::vector<MountEntry>> parse_mountinfo(std::string_view text) {
  std::vector<MountEntry> out;
  for (auto line : split_lines(text)) {
    if (out.size() >= kMaxMounts) break;
    if (auto e = parse_line(line)) out.push_back(std::move(*e));
  }
  if (out.empty()) return make_error(ErrorCode::Corrupt, "mountinfo holds no parsable mount line", "mountinfo");
  return out;
}

std::optional<MountEntry> mount_for_path(const std::vector<MountEntry>& mounts, std::string_view path) {
  const MountEntry* best = nullptr;
  std::size_t best_len = 0;
  for (const auto& m : mounts) {
    std::string_view mp = m.mount_point;
    bool prefix = false;
    if (mp == "/") {
      prefix = !path.empty() && path.front() == '/';
    } else if (path.substr(0, mp.size()) == mp) {
      prefix = path.size() == mp.size() || path[mp.size()] == '/';
    }
    if (prefix && mp.size() >= best_len) {
      best = &m;
      best_len = mp.size();
    }
  }
  if (!best) return std::nullopt;
  return *best;
}

bool has_mount_option(std::string_view options, std::string_view option) {
  while (!options.empty()) {
    auto comma = options.find(',');
    auto item = options.substr(0, comma);
    if (item == option) return true;
    if (comma == std::string_view::npos) break;
    options.remove_prefix(comma + 1);
  }
  return false;
}

}  // namespace vmstick
