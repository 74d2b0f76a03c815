// SPDX-License-Identifier: GPL-3.0-or-later
// Runs the real `vmstick` binary the way a user or a helpdesk script does.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "support/fixtures.hpp"
#include "support/shell.hpp"

namespace {

struct Run {
  int exit_code;
  std::string out;  // stdout and stderr together
};

Run run(const std::string& args) {
  auto r = vmstick::test::sh(vmstick::test::vmstick_cmd(args, "cli"));
  return {r.rc, r.out};
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

namespace {
// The first processor's value of a /proc/cpuinfo field, read here
// independently of vmstick's parser.
std::string live_cpuinfo_field(const std::string& key) {
  std::ifstream in("/proc/cpuinfo");
  std::string line;
  while (std::getline(in, line)) {
    auto colon = line.find(':');
    if (colon == std::string::npos) continue;
    std::string k = line.substr(0, colon);
    while (!k.empty() && (k.back() == ' ' || k.back() == '\t')) k.pop_back();
    if (k == key) return line.substr(line.find_first_not_of(' ', colon + 1));
  }
  return {};
}
}  // namespace

TEST_CASE("vmstick host --json agrees with this machine's /proc/cpuinfo, /dev/kvm and /proc/modules") {
  auto r = run("host --json -q");
  INFO(r.out);
  REQUIRE((r.exit_code == 0 || r.exit_code == 1 || r.exit_code == 2));
  auto j = nlohmann::json::parse(r.out.substr(r.out.find('{')));
  const auto& h = j["host"];
  CHECK(h["os"]["value"] == "linux");
  CHECK(h["cpu_vendor"]["value"] == live_cpuinfo_field("vendor_id"));
  const std::string flags = " " + live_cpuinfo_field("flags") + " ";
  const bool vmx_or_svm = flags.find(" vmx ") != std::string::npos || flags.find(" svm ") != std::string::npos;
  CHECK(h["hw_virt_available"]["value"] == vmx_or_svm);
  CHECK(h["running_in_vm"]["value"] == (flags.find(" hypervisor ") != std::string::npos));
  CHECK(h["dev_kvm_present"]["value"] == std::filesystem::exists("/dev/kvm"));
  if (std::filesystem::exists("/proc/modules")) {
    CHECK(h["vmm_modules_loaded"]["value"].is_array());
  } else {
    CHECK(h["vmm_modules_loaded"]["value"].is_null());
    CHECK(h["vmm_modules_loaded"]["unknown"].get<std::string>().find("/proc/modules") != std::string::npos);
  }
  CHECK(j["findings"].is_array());
  CHECK(j["findings"].size() >= 1);
}

TEST_CASE("vmstick --lang zh_CN host prints the facts table in Chinese, reasons kept as evidence") {
  auto r = run("--lang zh_CN host --root '" + vmstick::test::fixture("garbage-host-values").string() + "'");
  INFO(r.out);
  CHECK(r.out.find("本机\n") == 0);
  CHECK(r.out.find("  架构") != std::string::npos);
  CHECK(r.out.find("未知（") != std::string::npos);  // a fact the junk made unknown, with its reason
  for (const char* english : {"Host\n", "Operating system", "unknown (", " yes\n", " no\n", "version from"}) {
    CHECK(r.out.find(english) == std::string::npos);
  }
}

TEST_CASE("vmstick host --root prints facts and the KVM-vs-VirtualBox blocker") {
  auto r = run("host --root '" + vmstick::test::fixture("kvm-intel-6.12-virtualbox-installed").string() + "'");
  INFO(r.out);
  CHECK(r.exit_code == 2);
  CHECK(r.out.find("  KVM takes VT-x at load             yes\n") != std::string::npos);
  CHECK(r.out.find("VirtualBox 7.0.20") != std::string::npos);
  CHECK(r.out.find("KVM holds VT-x/AMD-V, so VirtualBox 7.0.20 cannot start VMs") != std::string::npos);
  CHECK(r.out.find("enable_virt_at_load=0") != std::string::npos);
  CHECK(r.out.find("Expected boot time") == std::string::npos);  // no drive here to predict from
}
