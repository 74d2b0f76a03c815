// SPDX-License-Identifier: GPL-3.0-or-later
#include <catch2/catch.hpp>

#include "core/engine/check.hpp"
#include "core/report/json_report.hpp"
#include "core/report/text_summary.hpp"
#include "core/version.hpp"

using namespace vmstick;

namespace {
CheckResult sample() {
  CheckResult r;
  r.backend = "linux";
  r.generated_at = "2026-11-23T12:00:00Z";
  r.facts.host.cpu_vendor = Fact<std::string>::known("GenuineIntel", "cpuinfo vendor_id");
  r.facts.host.cpu_model = Fact<std::string>::known("Model \x1b[2J", "cpuinfo model name");
  r.facts.host.hw_virt_available = Fact<bool>::unknown("no flags line");
  r.findings.push_back({"host.virtualization_unknown", Severity::warning, Area::virtualization, "host",
                        {{"virt", "VT-x"}, {"cpu", "Model"}, {"reason", "no flags line"}}});
  return r;
}
}  // namespace

TEST_CASE("JSON report carries schema version, verdict, rendered findings and facts") {
  auto j = report_json(sample(), Catalog::builtin(), Lang::en, FixOs::Linux);
  CHECK(j["schema_version"] == kReportSchemaVersion);
  CHECK(j["tool"]["version"] == kVersion);
  CHECK(j["verdict"] == "warning");
  REQUIRE(j["findings"].size() == 1);
  CHECK(j["findings"][0]["id"] == "host.virtualization_unknown");
  CHECK(j["findings"][0]["evidence"]["reason"] == "no flags line");
  CHECK(j["findings"][0]["title"] == "Could not check for hardware virtualization");
  CHECK(j["facts"]["host"]["cpu_vendor"]["value"] == "GenuineIntel");
  CHECK(j["facts"]["host"]["hw_virt_available"]["value"].is_null());
  CHECK(j["facts"]["host"]["hw_virt_available"]["unknown"] == "no flags line");
}

TEST_CASE("JSON report in Chinese uses the Chinese texts") {
  auto j = report_json(sample(), Catalog::builtin(), Lang::zh_CN, FixOs::Linux);
  CHECK(j["language"] == "zh_CN");
  CHECK(j["findings"][0]["title"] == "无法检查硬件虚拟化");
}

TEST_CASE("text summary shows badge, words, fix and counts, without control characters") {
  std::string text = text_summary(sample(), Catalog::builtin(), Lang::en, FixOs::Linux);
  CHECK(text.find("[WARN]  Could not check for hardware virtualization") != std::string::npos);
  CHECK(text.find("Fix:") != std::string::npos);
  CHECK(text.find("Summary: 0 blocker(s), 1 warning(s), 0 info, 0 ok") != std::string::npos);
  CHECK(text.find('\x1b') == std::string::npos);
}

namespace {
// VirtualBox on Linux 6.12 with kvm_intel holding VT-x: a blocker, a
// hypervisor verdict with a detail, and a capped score.
CheckResult kvm_holds_vt_x() {
  CheckResult r;
  r.backend = "linux";
  r.generated_at = "2026-11-23T12:00:00Z";
  HostFacts& h = r.facts.host;
  h.os = Fact<std::string>::known("linux", "backend");
  h.arch = Fact<std::string>::known("x86_64", "uname");
  h.cpu_vendor = Fact<std::string>::known("GenuineIntel", "cpuinfo vendor_id");
  h.cpu_model = Fact<std::string>::known("Core i7", "cpuinfo model name");
  h.logical_cpus = Fact<std::uint32_t>::known(4, "cpuinfo");
  h.hw_virt_available = Fact<bool>::known(true, "cpuinfo flags");
  h.kvm_enable_virt_at_load = Fact<bool>::known(true, "sysfs");
  h.kvm_vendor_module = Fact<std::string>::known("kvm_intel", "/proc/modules");
  h.installed_hypervisors =
      Fact<std::vector<InstalledHypervisor>>::known({{"VirtualBox", "7.0.20", "dpkg", "/usr/lib/virtualbox", {}}}, "files");
  r.findings.push_back({"host.kvm_holds_virt_virtualbox", Severity::blocker, Area::virtualization, "host",
                        {{"version", "7.0.20"},
                         {"module", "kvm_intel"},
                         {"kernel", "6.12.9"},
                         {"error", "VERR_VMX_IN_VMX_ROOT_MODE"}}});
  return r;
}
}  // namespace

TEST_CASE("text summary words the hypervisors, the prediction and a capped score") {
  const std::string text = text_summary(kvm_holds_vt_x(), Catalog::builtin(), Lang::en, FixOs::Linux);
  INFO(text);
  CHECK(text.find("Host: GenuineIntel Core i7, 4 logical CPUs (linux, x86_64)\n") == 0);
  CHECK(text.find("[FAIL]  ") != std::string::npos);
  CHECK(text.find("VirtualBox 7.0.20: will not run it, KVM holds VT-x/AMD-V, so it cannot start VMs\n"
                  "        kvm_intel is loaded with enable_virt_at_load=1\n") != std::string::npos);
  CHECK(text.find("Expected boot time: No prediction: no drive was checked") != std::string::npos);
  CHECK(text.find("Score: 20/100 (capped by a blocker)\n") != std::string::npos);
  CHECK(text.find("Summary: 1 blocker(s), 0 warning(s), 0 info, 0 ok\n") != std::string::npos);
}

TEST_CASE("text summary in Chinese: every line around the findings is Chinese too") {
  const std::string text = text_summary(kvm_holds_vt_x(), Catalog::builtin(), Lang::zh_CN, FixOs::Linux);
  INFO(text);
  CHECK(text.find("本机：GenuineIntel Core i7，4 个逻辑 CPU（linux，x86_64）\n") == 0);
  CHECK(text.find("解决方法：\n") != std::string::npos);
  CHECK(text.find("VirtualBox 7.0.20：无法运行，KVM 占用了 VT-x/AMD-V，因此无法启动虚拟机\n"
                  "        kvm_intel 已加载，且 enable_virt_at_load=1\n") != std::string::npos);
  CHECK(text.find("预计启动时间：无法预测：未检查任何磁盘") != std::string::npos);
  CHECK(text.find("评分：20/100（存在阻断问题，评分受限）\n") != std::string::npos);
  CHECK(text.find("汇总：阻断 1 项，警告 0 项，提示 0 项，正常 0 项\n") != std::string::npos);
  // No English framing is left: the labels the English summary uses are absent.
  for (const char* english : {"Host:", "Fix:", "Expected boot time", "Score:", "Summary:", "capped", "will not run"}) {
    CHECK(text.find(english) == std::string::npos);
  }
}

TEST_CASE("text summary of a cancelled check says the list is incomplete, in the reader's language") {
  CheckResult r = sample();
  r.cancelled = true;
  CHECK(text_summary(r, Catalog::builtin(), Lang::en, FixOs::Linux).find("The check was cancelled; the list above is incomplete.") !=
        std::string::npos);
  CHECK(text_summary(r, Catalog::builtin(), Lang::zh_CN, FixOs::Linux).find("检查已取消，上面的列表不完整。") !=
        std::string::npos);
}
