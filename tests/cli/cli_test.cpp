// SPDX-License-Identifier: GPL-3.0-or-later
// Runs the real `vmstick` binary the way a user or a helpdesk script does.
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "support/fixtures.hpp"

namespace {

struct Run {
  int exit_code;
  std::string out;  // stdout and stderr together
};

Run run(const std::string& args) {
  // HOME points into the build tree so tests never touch the user's log folder.
  std::string cmd = "HOME='" + vmstick::test::temp_dir("cli_home_" + std::to_string(getpid())).string() + "' XDG_STATE_HOME= LANG=C LC_ALL= '" +
                    std::string(VMSTICK_CLI) + "' " + args + " 2>&1";
  FILE* pipe = popen(cmd.c_str(), "r");
  REQUIRE(pipe != nullptr);
  std::string out;
  char buf[4096];
  while (std::size_t n = std::fread(buf, 1, sizeof buf, pipe)) out.append(buf, n);
  int status = pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

nlohmann::json read_json(const std::filesystem::path& p) {
  std::ifstream in(p);
  REQUIRE(in.good());
  return nlohmann::json::parse(in);
}

}  // namespace

TEST_CASE("vmstick check --root replays a recorded Intel host and writes JSON") {
  auto out = vmstick::test::temp_dir("cli_intel") / "report.json";
  auto r = run("check --root '" + vmstick::test::fixture("intel-vmx").string() + "' --json '" + out.string() + "'");
  INFO(r.out);
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("[ OK ]  Hardware virtualization (VT-x) is available") != std::string::npos);
  CHECK(r.out.find("JSON report written to") != std::string::npos);
  auto j = read_json(out);
  CHECK(j["facts"]["host"]["cpu_vendor"]["value"] == "GenuineIntel");
  CHECK(j["facts"]["host"]["logical_cpus"]["value"] == 4);
  CHECK(j["findings"][0]["id"] == "host.virtualization_available");
  CHECK(j["verdict"] == "ok");
}

TEST_CASE("vmstick check exits 2 on a blocker and prints the fix") {
  auto r = run("check --root '" + vmstick::test::fixture("no-virt-support").string() + "'");
  INFO(r.out);
  CHECK(r.exit_code == 2);
  CHECK(r.out.find("[FAIL]") != std::string::npos);
  CHECK(r.out.find("firmware setup") != std::string::npos);
}

TEST_CASE("vmstick check on an unreadable machine says unknown and exits 1") {
  auto r = run("check --root '" + vmstick::test::fixture("unreadable-cpuinfo").string() + "'");
  INFO(r.out);
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("Could not check for hardware virtualization") != std::string::npos);
}

TEST_CASE("vmstick check --lang zh_CN prints Chinese") {
  auto r = run("check --lang zh_CN --root '" + vmstick::test::fixture("amd-svm").string() + "'");
  INFO(r.out);
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("硬件虚拟化（AMD-V）可用") != std::string::npos);
}

TEST_CASE("unknown options print usage and exit 3") {
  auto r = run("check --no-such-option");
  INFO(r.out);
  CHECK(r.exit_code == 3);
  CHECK(r.out.find("--no-such-option") != std::string::npos);
  auto none = run("");
  CHECK(none.exit_code == 3);
}

TEST_CASE("the version flag prints the version and exits 0") {
  auto r = run("--version");
  CHECK(r.exit_code == 0);
  CHECK(r.out.rfind("vmstick ", 0) == 0);
}

TEST_CASE("a JSON path in a missing folder is a clear error with exit 3") {
  auto r = run("check --root '" + vmstick::test::fixture("intel-vmx").string() + "' --json /nonexistent-dir/x.json");
  INFO(r.out);
  CHECK(r.exit_code == 3);
  CHECK(r.out.find("/nonexistent-dir") != std::string::npos);
}
