// SPDX-License-Identifier: GPL-3.0-or-later
#include "support/shell.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdio>

#include "support/fixtures.hpp"

namespace vmstick::test {

CmdResult sh(const std::string& cmd, bool merge_stderr) {
  FILE* pipe = popen((merge_stderr ? cmd + " 2>&1" : cmd).c_str(), "r");
  REQUIRE(pipe != nullptr);
  std::string out;
  char buf[4096];
  while (std::size_t n = std::fread(buf, 1, sizeof buf, pipe)) out.append(buf, n);
  const int status = pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

void must(const std::string& cmd) {
  auto r = sh(cmd);
  INFO(cmd << "\n" << r.out);
  REQUIRE(r.rc == 0);
}

std::string q(const std::filesystem::path& p) { return "'" + p.string() + "'"; }

std::string vmstick_cmd(const std::string& args, const std::string& tag) {
  const auto home = temp_dir(tag + "_home_" + std::to_string(getpid()));
  return "HOME=" + q(home) + " XDG_STATE_HOME= LANG=C LC_ALL= " + q(cli_binary()) + " " + args;
}

}  // namespace vmstick::test
