// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/probes/host/host_text.hpp"

#include <algorithm>

#include "core/text.hpp"

namespace vmstick {

std::string Version::str() const {
  std::string s;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i) s += '.';
    s += std::to_string(parts[i]);
  }
  return s;
}

std::optional<Version> parse_version(std::string_view text) {
  text = trim(text);
  Version v;
  std::size_t i = 0;
  while (i < text.size() && v.parts.size() < 8) {
    std::size_t j = i;
    while (j < text.size() && text[j] >= '0' && text[j] <= '9') ++j;
    if (j == i || j - i > 9) break;  // no digits, or a number too long to be a version part
    v.parts.push_back(*parse_number<std::uint32_t>(text.substr(i, j - i)));
    if (j >= text.size() || text[j] != '.') break;
    i = j + 1;
  }
  if (v.parts.empty()) return std::nullopt;
  return v;
}

int compare_versions(const Version& a, const Version& b) {
  const std::size_t n = std::max(a.parts.size(), b.parts.size());
  for (std::size_t i = 0; i < n; ++i) {
    std::uint32_t x = i < a.parts.size() ? a.parts[i] : 0;
    std::uint32_t y = i < b.parts.size() ? b.parts[i] : 0;
    if (x != y) return x < y ? -1 : 1;
  }
  return 0;
}

std::optional<int> compare_version_text(std::string_view text, std::string_view reference) {
  auto a = parse_version(text);
  auto b = parse_version(reference);
  if (!a || !b) return std::nullopt;
  return compare_versions(*a, *b);
}

Result<std::uint64_t> parse_meminfo_total(std::string_view text) {
  for (std::string_view line : split_lines(text)) {
    if (line.substr(0, 9) != "MemTotal:") continue;
    auto words = split_words(line.substr(9));
    if (words.size() != 2 || words[1] != "kB") break;
    auto kib = parse_number<std::uint64_t>(words[0]);
    // Over 2^44 KiB (16 PiB) is no real machine: corrupt, and would overflow.
    if (!kib || *kib > (std::uint64_t{1} << 44)) break;
    return *kib * 1024u;
  }
  return make_error(ErrorCode::Corrupt, "no valid 'MemTotal: <n> kB' line");
}

Result<std::vector<std::string>> parse_proc_modules(std::string_view text) {
  std::vector<std::string> names;
  for (std::string_view line : split_lines(text)) {
    auto words = split_words(line);
    if (words.empty()) continue;
    // "name size refcount deps state address": a line with fewer is junk.
    if (words.size() < 3 || !parse_number<std::uint64_t>(words[1])) {
      return make_error(ErrorCode::Corrupt, "line does not look like a module entry: '" + printable(line.substr(0, 80)) + "'");
    }
    if (names.size() >= 8192) return make_error(ErrorCode::Corrupt, "more than 8192 modules listed");
    names.push_back(printable(words[0]));
  }
  return names;
}

Result<bool> parse_module_bool(std::string_view text) {
  text = trim(text);
  if (text == "Y" || text == "y" || text == "1") return true;
  if (text == "N" || text == "n" || text == "0") return false;
  return make_error(ErrorCode::Corrupt, "expected Y or N, found '" + printable(text.substr(0, 20)) + "'");
}

bool vmx_allowed_by_feature_control(std::uint64_t msr) {
  const bool locked = (msr & 1u) != 0;
  const bool vmx_outside_smx = (msr & 4u) != 0;
  return !locked || vmx_outside_smx;
}

bool svm_allowed_by_vm_cr(std::uint64_t msr) { return (msr & (1u << 4)) == 0; }

}  // namespace vmstick

namespace vmstick {

std::vector<DpkgPackage> parse_dpkg_status(std::string_view text, const std::vector<std::string_view>& prefixes) {
  std::vector<DpkgPackage> out;
  DpkgPackage cur;
  bool installed = false;
  auto flush = [&] {
    if (installed && !cur.name.empty() && out.size() < 256) {
      for (auto p : prefixes) {
        if (cur.name.compare(0, p.size(), p) == 0) {
          out.push_back(cur);
          break;
        }
      }
    }
    cur = {};
    installed = false;
  };
  for (std::string_view line : split_lines(text)) {
    if (trim(line).empty()) {
      flush();
      continue;
    }
    if (line.substr(0, 8) == "Package:") cur.name = printable(trim(line.substr(8)));
    else if (line.substr(0, 8) == "Version:") cur.version = printable(trim(line.substr(8)));
    else if (line.substr(0, 7) == "Status:") installed = trim(line.substr(7)) == "install ok installed";
  }
  flush();
  return out;
}

std::string vmware_config_version(std::string_view text) {
  for (std::string_view line : split_lines(text)) {
    auto eq = line.find('=');
    if (eq == std::string_view::npos) continue;
    std::string_view key = trim(line.substr(0, eq));
    std::string_view value = trim(line.substr(eq + 1));
    if (key.find("product") == std::string_view::npos || key.size() < 8 ||
        key.substr(key.size() - 8) != ".version") {
      continue;
    }
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
    if (parse_version(value)) return printable(value.substr(0, 40));
  }
  return {};
}

}  // namespace vmstick
