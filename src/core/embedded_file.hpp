// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <cstddef>
#include <span>
#include <string_view>

namespace vmstick {

// A data file compiled into the binary by vmstick_embed() (src/cmake).
struct EmbeddedFile {
  const char* name;
  const char* data;
  std::size_t size;
  [[nodiscard]] std::string_view text() const { return {data, size}; }
};

}  // namespace vmstick
