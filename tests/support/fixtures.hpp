// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <filesystem>
#include <string>

// Where the tests find their data and may write. The paths are compiled into
// one file (fixtures.cpp) rather than into every test: a path in a -D flag
// differs per build tree and would stop ccache sharing objects between them.
namespace vmstick::test {

// tests/fixtures/<name> in the source tree.
std::filesystem::path fixture(const std::string& name);

// A fresh, empty folder under the build tree for one test.
std::filesystem::path temp_dir(const std::string& name);

// The `vmstick` program built in this tree.
std::filesystem::path cli_binary();

}  // namespace vmstick::test
