// SPDX-License-Identifier: GPL-3.0-or-later
#include "support/fixtures.hpp"

namespace vmstick::test {

std::filesystem::path fixture(const std::string& name) { return std::filesystem::path(VMSTICK_FIXTURES) / name; }

std::filesystem::path temp_dir(const std::string& name) {
  auto dir = std::filesystem::path(VMSTICK_TEST_TMP) / name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

std::filesystem::path cli_binary() { return VMSTICK_CLI; }

}  // namespace vmstick::test
