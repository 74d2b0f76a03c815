// SPDX-License-Identifier: GPL-3.0-or-later
#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>

#include "core/rules/rule.hpp"
#include "core/text.hpp"
#include "platform/macos/decode/host_sysctl.hpp"
#include "support/fixtures.hpp"
#include "support/host_verdict.hpp"

using namespace vmstick;
using namespace vmstick::macos_decode;

namespace {
std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p);
  REQUIRE(in.good());
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}
// applications.txt: "<bundle>\t<version>" per line, as the fixture recorder writes it.
std::vector<AppBundle> apps(const std::string& scenario) {
  std::vector<AppBundle> out;
  const std::string text = slurp(test::fixture(scenario) / "applications.txt");
  for (auto line : split_lines(text)) {
    auto tab = line.find('\t');
    if (tab != std::string_view::npos) out.push_back({std::string(line.substr(0, tab)), std::string(line.substr(tab + 1))});
  }
  return out;
}
HostFacts decode_fixture(const std::string& scenario) {
  return decode_host(parse_sysctl_text(slurp(test::fixture(scenario) / "sysctl.txt")), apps(scenario));
}
std::vector<std::string> verdict(const FactSet& facts) { return test::host_verdict(facts); }
using Ids = std::vector<std::string>;
}  // namespace

TEST_CASE("macOS: Intel Mac with VT-x and VirtualBox") {
  HostFacts h = decode_fixture("macos-intel-mac");
  CHECK(h.os.is("macos"));
  CHECK(h.arch.is("x86_64"));
  CHECK(h.kernel_version.is("22.6.0"));
  CHECK(h.cpu_vendor.is("GenuineIntel"));
  CHECK(h.logical_cpus.is(12u));
  CHECK(h.ram_bytes.is(34359738368ull));
  CHECK(h.cpu_virt_supported.is(true));
  CHECK(h.hv_framework_supported.is(true));
  CHECK(h.hw_virt_available.is(true));
  CHECK(h.running_in_vm.is(false));
  REQUIRE(h.installed_hypervisors.is_known());
  REQUIRE(h.installed_hypervisors.value().size() == 1);
  CHECK(h.installed_hypervisors.value()[0].name == "VirtualBox");
  CHECK(h.installed_hypervisors.value()[0].version == "7.0.14");
  FactSet facts;
  facts.host = h;
  CHECK(verdict(facts) == Ids{"host.virtualization_available"});
}

TEST_CASE("macOS: Apple Silicon, with an x86-64 image it is an architecture blocker") {
  HostFacts h = decode_fixture("macos-apple-silicon");
  CHECK(h.arch.is("arm64"));
  CHECK(h.cpu_vendor.is("Apple"));
  CHECK(h.cpu_model.is("Apple M2"));
  CHECK(h.hw_virt_available.is(true));
  REQUIRE(h.installed_hypervisors.is_known());
  REQUIRE(h.installed_hypervisors.value().size() == 2);
  CHECK(h.installed_hypervisors.value()[0].name == "UTM");
  CHECK(h.installed_hypervisors.value()[0].accelerators == std::vector<std::string>{"hvf", "tcg"});
  CHECK(h.installed_hypervisors.value()[1].name == "Parallels Desktop");
  FactSet facts;
  facts.host = h;
  CHECK(verdict(facts) == Ids{"host.virtualization_available"});
  facts.image = ImageFacts{};
  facts.image->guest_arch = Fact<std::string>::known("x86_64", "test");
  CHECK(verdict(facts) == Ids{"host.arch_mismatch", "host.virtualization_available"});
}

TEST_CASE("macOS: kern.hv_support 0 on an Intel Mac without VMX means missing") {
  auto t = parse_sysctl_text(slurp(test::fixture("macos-intel-mac") / "sysctl.txt"));
  t["kern.hv_support"] = "0";
  t["machdep.cpu.features"] = "FPU VME SSE SSE2";
  FactSet facts;
  facts.host = decode_host(t, {});
  CHECK(facts.host.cpu_virt_supported.is(false));
  CHECK(verdict(facts) == Ids{"host.virtualization_missing"});
}

TEST_CASE("macOS: missing and garbage sysctl values are unknown") {
  auto t = parse_sysctl_text("kern.hv_support: maybe\nhw.logicalcpu: -1\n\x01\x02 garbage without separator\n");
  HostFacts h = decode_host(t, {{"UTM.app", ""}});
  CHECK_FALSE(h.hw_virt_available.is_known());
  CHECK(h.hw_virt_available.reason().find("unexpected value") != std::string::npos);
  CHECK_FALSE(h.logical_cpus.is_known());
  CHECK_FALSE(h.arch.is_known());
  REQUIRE(h.installed_hypervisors.is_known());
  CHECK(h.installed_hypervisors.value()[0].version.empty());
  FactSet facts;
  facts.host = h;
  CHECK(verdict(facts) == Ids{"host.virtualization_unknown"});
}
