// SPDX-License-Identifier: GPL-3.0-or-later
// `vmstick bench` as a user runs it, and the safety cases that need a
// process of their own: SIGTERM, SIGKILL, a read-only or full filesystem
// (mounted in a private mount namespace by unshare, as root or not).
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "support/fixtures.hpp"
#include "support/shell.hpp"

namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

struct Run {
  int exit_code;
  std::string out;
};

Run shell(const std::string& cmd) {
  auto r = vmstick::test::sh(cmd);
  return {r.rc, r.out};
}

std::string home() { return vmstick::test::temp_dir("bench_cli_home_" + std::to_string(getpid())).string(); }

std::string cli(const std::string& args) { return vmstick::test::vmstick_cmd(args, "bench_cli"); }

// Runs script inside a private user+mount namespace with a fresh mount point $M.
Run in_namespace(const std::string& name, const std::string& script) {
  auto mnt = vmstick::test::temp_dir(name + "_" + std::to_string(getpid()));
  return shell("unshare --user --map-root-user --mount sh -c 'M=" + mnt.string() + "; " + script + "'");
}

pid_t spawn_cli(const std::vector<std::string>& args) {
  const std::string h = home();
  pid_t pid = fork();
  if (pid == 0) {
    setenv("HOME", h.c_str(), 1);
    const std::string program = vmstick::test::cli_binary().string();
    std::vector<char*> argv{const_cast<char*>(program.c_str())};
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    int devnull = open("/dev/null", O_WRONLY);
    dup2(devnull, 1);
    dup2(devnull, 2);
    execv(program.c_str(), argv.data());
    _exit(127);
  }
  return pid;
}

// Waits until the child's test file exists (it is writing), up to 20 s.
bool wait_for_test_file(const fs::path& dir, pid_t pid) {
  const fs::path f = dir / (".vmstick-speedtest-" + std::to_string(pid)) / "testfile.bin";
  for (int i = 0; i < 2000; ++i) {
    std::error_code ec;
    if (fs::exists(f, ec) && fs::file_size(f, ec) > 0) return true;
    std::this_thread::sleep_for(10ms);
  }
  return false;
}

// Sends sig to a running child and reaps it; returns how long it took to exit.
struct Stopped {
  std::chrono::steady_clock::duration took;
  int status;
};
Stopped stop_child(pid_t pid, int sig) {
  const auto sent = std::chrono::steady_clock::now();
  kill(pid, sig);
  int status = 0;
  waitpid(pid, &status, 0);
  return {std::chrono::steady_clock::now() - sent, status};
}

}  // namespace

TEST_CASE("vmstick bench prints every figure and writes JSON") {
  auto dir = vmstick::test::temp_dir("bench_cli_ok_" + std::to_string(getpid()));
  fs::create_directory(dir / "stick");
  auto json = dir / "bench.json";
  auto r = shell(cli("bench '" + (dir / "stick").string() + "' --size 8 --json '" + json.string() + "'"));
  INFO(r.out);
  CHECK(r.exit_code <= 1);  // a warning finding is possible on a slow disk
  CHECK(r.out.find("Speed test of") != std::string::npos);
  CHECK(r.out.find("Random 4K write, QD32") != std::string::npos);
  CHECK(r.out.find("The temp file was removed.") != std::string::npos);
  // stderr is a pipe here: no progress bar (it redraws its line with \r).
  CHECK(r.out.find('\r') == std::string::npos);
  std::ifstream in(json);
  auto j = nlohmann::json::parse(in);
  CHECK(j["bench"]["method"]["value"] == "direct");
  CHECK(j["bench"]["rand_write_qd1"]["value"]["unit"] == "IOPS");
  CHECK(j["bench"]["bytes_written"]["value"].get<std::uint64_t>() >= 8u << 20);
  CHECK(j["plan"]["phases"].size() == 8);
  CHECK(fs::is_empty(dir / "stick"));
}

TEST_CASE("vmstick --lang zh_CN bench prints the result in Chinese") {
  auto dir = vmstick::test::temp_dir("bench_cli_zh_" + std::to_string(getpid()));
  fs::create_directory(dir / "stick");
  auto r = shell(cli("--lang zh_CN bench '" + (dir / "stick").string() + "' --size 8 --only rand_write_qd1"));
  INFO(r.out);
  CHECK(r.exit_code <= 1);
  CHECK(r.out.find("的速度测试（直接 I/O") != std::string::npos);
  CHECK(r.out.find("4K 随机写入（队列深度 1）") != std::string::npos);
  CHECK(r.out.find("临时文件已删除。") != std::string::npos);
  CHECK(r.out.find("汇总：") != std::string::npos);
  for (const char* english : {"Speed test of", "Written:", "Sustained write", "Summary:", "Host:"}) {
    CHECK(r.out.find(english) == std::string::npos);
  }
  CHECK(fs::is_empty(dir / "stick"));
}

TEST_CASE("vmstick bench --only measures the named figures and says the others were not measured") {
  auto dir = vmstick::test::temp_dir("bench_cli_only_" + std::to_string(getpid()));
  fs::create_directory(dir / "stick");
  auto json = dir / "bench.json";
  auto r = shell(cli("bench '" + (dir / "stick").string() + "' --size 8 --only rand_read_qd1,seq_write_qd1 --json '" +
                     json.string() + "'"));
  INFO(r.out);
  CHECK(r.exit_code <= 1);
  CHECK(r.out.find("Random 4K read, QD1") != std::string::npos);
  CHECK(r.out.find("Random 4K write, QD32") == std::string::npos);
  std::ifstream in(json);
  auto j = nlohmann::json::parse(in);
  CHECK(j["plan"]["phases"].size() == 2);
  CHECK(j["bench"]["rand_read_qd1"]["value"]["unit"] == "IOPS");
  CHECK(j["bench"]["rand_write_qd32"]["value"].is_null());
  CHECK(j["bench"]["rand_write_qd32"]["unknown"] == "not part of this test plan");
  CHECK(fs::is_empty(dir / "stick"));

  auto bad = shell(cli("bench '" + (dir / "stick").string() + "' --only rand_read_qd64"));
  CHECK(bad.exit_code != 0);
  CHECK(bad.out.find("rand_read_qd64") != std::string::npos);
  CHECK(fs::is_empty(dir / "stick"));
}

TEST_CASE("vmstick bench on a missing folder is a usage error") {
  auto r = shell(cli("bench /nonexistent/vmstick-bench-target"));
  CHECK(r.exit_code == 3);
  CHECK(r.out.find("does not exist") != std::string::npos);
}

TEST_CASE("SIGTERM cancels vmstick bench within a second and removes its files") {
  auto dir = vmstick::test::temp_dir("bench_cli_sigterm_" + std::to_string(getpid()));
  pid_t pid = spawn_cli({"bench", dir.string(), "--size", "103"});
  REQUIRE(pid > 0);
  REQUIRE(wait_for_test_file(dir, pid));
  const Stopped stopped = stop_child(pid, SIGTERM);
  CHECK(stopped.took < 1s);
  REQUIRE(WIFEXITED(stopped.status));
  CHECK(WEXITSTATUS(stopped.status) == 3);
  CHECK(fs::is_empty(dir));
}

TEST_CASE("after SIGKILL the next run removes the litter") {
  auto dir = vmstick::test::temp_dir("bench_cli_sigkill_" + std::to_string(getpid()));
  pid_t pid = spawn_cli({"bench", dir.string(), "--size", "103"});
  REQUIRE(pid > 0);
  REQUIRE(wait_for_test_file(dir, pid));
  kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  const fs::path litter = dir / (".vmstick-speedtest-" + std::to_string(pid));
  REQUIRE(fs::exists(litter / "testfile.bin"));
  CHECK(fs::exists(litter / "owner.pid"));
  auto r = shell(cli("bench '" + dir.string() + "' --size 8"));
  INFO(r.out);
  CHECK(r.exit_code <= 1);
  CHECK(fs::is_empty(dir));
}

TEST_CASE("a read-only filesystem gives a clear error and no write") {
  auto r = in_namespace("bench_cli_ro", "mount -t tmpfs -o size=200m none $M && mount -o remount,ro $M && " +
                                            cli("bench $M --size 8") + "; echo rc=$?; ls -A $M | wc -l");
  INFO(r.out);
  CHECK(r.out.find("Read-only file system") != std::string::npos);
  CHECK(r.out.find("rc=3") != std::string::npos);
  CHECK(r.out.find("rc=3\n0\n") != std::string::npos);
}

TEST_CASE("too little free space is refused before writing") {
  auto r = in_namespace("bench_cli_small", "mount -t tmpfs -o size=40m none $M && " + cli("bench $M --size 8") +
                                               "; echo rc=$?; ls -A $M | wc -l");
  INFO(r.out);
  CHECK(r.out.find("Not enough free space for the speed test: it needs 72 MiB, the drive has 40 MiB free.") !=
        std::string::npos);
  CHECK(r.out.find("rc=3\n0\n") != std::string::npos);
}

TEST_CASE("a filesystem filled just before the test file is made fails at the reservation, before any write") {
  auto r = in_namespace("bench_cli_enospc_reserve", "mount -t tmpfs -o size=64m none $M && '" +
                                                        std::string(VMSTICK_BENCH_HELPER) +
                                                        "' fill-before-reserve $M; echo rc=$?; ls -A $M");
  INFO(r.out);
  CHECK(r.out.find("error io: Not enough free space to reserve the speed test's file") != std::string::npos);
  CHECK(r.out.find("No space left on device") != std::string::npos);
  CHECK(r.out.find("0.0 MiB had been written.") != std::string::npos);
  CHECK(r.out.find("rc=1\nfiller\n") != std::string::npos);
}

// As on a filesystem that cannot reserve the file's blocks up front.
TEST_CASE("a filesystem that fills up mid-run gives ENOSPC and leaves only the other file") {
  auto r = in_namespace("bench_cli_enospc", "mount -t tmpfs -o size=64m none $M && '" + std::string(VMSTICK_BENCH_HELPER) +
                                                "' fill-at-start $M; echo rc=$?; ls -A $M");
  INFO(r.out);
  CHECK(r.out.find("error io: Sustained write") != std::string::npos);
  CHECK(r.out.find("No space left on device") != std::string::npos);
  CHECK(r.out.find("rc=1\nfiller\n") != std::string::npos);
}

TEST_CASE("a filesystem refusing O_DIRECT (ramfs) is measured flush-bounded") {
  auto r = in_namespace("bench_cli_ramfs", "mount -t ramfs none $M && '" + std::string(VMSTICK_BENCH_HELPER) +
                                               "' run $M; echo rc=$?; ls -A $M | wc -l");
  INFO(r.out);
  CHECK(r.out.find("ok flush_bounded") != std::string::npos);
  CHECK(r.out.find("rc=0\n0\n") != std::string::npos);
}

TEST_CASE("vmstick check --drive DIR --bench runs the speed test as a probe") {
  auto dir = vmstick::test::temp_dir("bench_cli_check_" + std::to_string(getpid()));
  fs::create_directory(dir / "stick");
  auto json = dir / "report.json";
  auto r = shell(cli("check --drive '" + (dir / "stick").string() + "' --bench --json '" + json.string() + "'"));
  INFO(r.out);
  std::ifstream in(json);
  REQUIRE(in.good());
  auto j = nlohmann::json::parse(in);
  CHECK(j["facts"]["bench"]["method"]["value"] == "direct");
  CHECK(j["facts"]["bench"]["seq_read_qd8"]["value"]["runs"] == 3);
  CHECK(fs::is_empty(dir / "stick"));
}

TEST_CASE("vmstick check --drive DIR without --bench writes nothing") {
  auto dir = vmstick::test::temp_dir("bench_cli_noconsent_" + std::to_string(getpid()));
  auto json = dir.parent_path() / ("bench_cli_noconsent_" + std::to_string(getpid()) + ".json");
  auto r = shell(cli("check --drive '" + dir.string() + "' --json '" + json.string() + "'"));
  INFO(r.out);
  std::ifstream in(json);
  REQUIRE(in.good());
  auto j = nlohmann::json::parse(in);
  CHECK(j["facts"]["bench"].is_null());
  CHECK(fs::is_empty(dir));
}

TEST_CASE("on a terminal vmstick bench draws a progress bar on stderr") {
  auto dir = vmstick::test::temp_dir("bench_cli_tty_" + std::to_string(getpid()));
  // script(1) gives the command a pseudo-terminal; stdout goes to /dev/null,
  // so everything captured came through stderr.
  auto r = shell("script -qec \"" + cli("bench '" + dir.string() + "' --size 8") + " >/dev/null\" /dev/null");
  INFO(r.out);
  CHECK(r.out.find("\rSpeed test: sustained write") != std::string::npos);
  CHECK(r.out.find(" [#") != std::string::npos);
  CHECK(r.out.find("%") != std::string::npos);
  CHECK(r.out.find("\rSpeed test: Random 4K write, QD32") != std::string::npos);
  CHECK(fs::is_empty(dir));
}

TEST_CASE("Ctrl+C during vmstick check --bench stops the speed test and the report says cancelled") {
  auto dir = vmstick::test::temp_dir("bench_cli_check_int_" + std::to_string(getpid()));
  fs::create_directory(dir / "stick");
  const fs::path json = dir / "report.json";
  pid_t pid = spawn_cli({"check", "--drive", (dir / "stick").string(), "--bench", "--json", json.string()});
  REQUIRE(pid > 0);
  REQUIRE(wait_for_test_file(dir / "stick", pid));
  const Stopped stopped = stop_child(pid, SIGINT);
  CHECK(stopped.took < 1s);
  REQUIRE(WIFEXITED(stopped.status));
  CHECK(WEXITSTATUS(stopped.status) == 3);
  CHECK(fs::is_empty(dir / "stick"));
  std::ifstream in(json);
  REQUIRE(in.good());
  const auto j = nlohmann::json::parse(in);
  CHECK(j["cancelled"] == true);
}
