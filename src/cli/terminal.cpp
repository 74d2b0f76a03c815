// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/terminal.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>

namespace vmstick::cli {

void draw_progress(std::string_view step, double fraction) {
  constexpr int kWidth = 30;
  std::string line;
  if (fraction < 0) {
    line = fmt::format("\r{:<40.40}", step);
  } else {
    const int filled = static_cast<int>(std::clamp(fraction, 0.0, 1.0) * kWidth);
    line = fmt::format("\r{:<40.40} [{}{}] {:3.0f}%", step, std::string(static_cast<std::size_t>(filled), '#'),
                       std::string(static_cast<std::size_t>(kWidth - filled), ' '), fraction * 100);
  }
  std::fputs(line.c_str(), stderr);
  std::fflush(stderr);
}

void finish_progress() {
  // Clears the progress line so the result starts on a clean line.
  std::fputs(fmt::format("\r{:<80}\r", "").c_str(), stderr);
  std::fflush(stderr);
}

}  // namespace vmstick::cli
