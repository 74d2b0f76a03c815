// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Small string helpers for the text the OS hands us (procfs, sysfs, configs).
#include <charconv>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vmstick {

std::string_view trim(std::string_view s);
// Splits on \n, dropping a trailing \r from each line.
std::vector<std::string_view> split_lines(std::string_view s);
// Splits on runs of blanks (space, tab).
std::vector<std::string> split_words(std::string_view s);

// Whole-string decimal parse; nullopt on any junk or overflow.
template <class T>
std::optional<T> parse_number(std::string_view s, int base = 10) {
  s = trim(s);
  T value{};
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value, base);
  if (ec != std::errc{} || end != s.data() + s.size() || s.empty()) return std::nullopt;
  return value;
}

// Replaces control characters, bidirectional overrides and invalid UTF-8 so a
// hostile label or model string cannot break or reorder a terminal, a log
// line, a report or a JSON consumer.
std::string printable(std::string_view s);

}  // namespace vmstick
