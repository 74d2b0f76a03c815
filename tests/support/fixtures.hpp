// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <filesystem>
#include <string>

namespace vmstick::test {

inline std::filesystem::path fixture(const std::string& name) { return std::filesystem::path(VMSTICK_FIXTURES) / name; }

// A fresh, empty folder under the build tree for one test.
inline std::filesystem::path temp_dir(const std::string& name) {
  auto dir = std::filesystem::path(VMSTICK_TEST_TMP) / name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

}  // namespace vmstick::test
