// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Running programs from a test the way a user's shell would: qemu-img,
// findmnt, and the `vmstick` command itself.
#include <filesystem>
#include <string>

namespace vmstick::test {

struct CmdResult {
  int rc;           // exit status; -1 when killed by a signal
  std::string out;  // stdout, with stderr when merged
};

// Runs cmd with sh; stderr joins stdout unless merge_stderr is false.
CmdResult sh(const std::string& cmd, bool merge_stderr = true);

// Runs cmd and fails the test unless it exits 0.
void must(const std::string& cmd);

// A path single-quoted for sh.
std::string q(const std::filesystem::path& p);

// The shell command that runs `vmstick args` with HOME in a temp folder named
// after tag (so no test touches the user's log folder) and a C locale.
std::string vmstick_cmd(const std::string& args, const std::string& tag = "cli");

}  // namespace vmstick::test
