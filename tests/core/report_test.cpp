// SPDX-License-Identifier: GPL-3.0-or-later
#include <catch2/catch.hpp>

#include <algorithm>

#include "core/bench/bench_facts_from.hpp"
#include "core/engine/check.hpp"
#include "core/report/json_report.hpp"
#include "core/report/report_resources.hpp"
#include "core/report/text_summary.hpp"
#include "core/report/verdict_words.hpp"
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
  CHECK(text.find("This computer: GenuineIntel Core i7, 4 logical CPUs (linux, x86_64)\n") == 0);
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
  for (const char* english : {"This computer", "Fix:", "Expected boot time", "Score:", "Summary:", "capped", "will not run"}) {
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

TEST_CASE("the boot-time prediction names its basis in the reader's language") {
  bench::BenchResult b;
  b.target = "/media/stick";
  for (const char* id : {"seq_read_qd8", "seq_write_qd8", "rand_read_qd1", "rand_write_qd1"}) {
    const bool seq = std::string_view(id).substr(0, 3) == "seq";
    b.figures.push_back({id, id, seq ? "MB/s" : "IOPS", {seq ? 120.0 : 2500.0, 0, 0, 3}, bench::SpeedClass::WindowsToGo});
  }
  CheckResult r = sample();
  r.facts.bench = bench::to_bench_facts(b);
  const auto j = report_json(r, Catalog::builtin(), Lang::zh_CN, FixOs::Linux);
  CHECK(j["prediction"]["storage"]["basis_code"] == "measured");
  CHECK(j["prediction"]["storage"]["basis"] == "the speed test's figures for this drive");  // JSON keeps English
  const std::string zh = text_summary(r, Catalog::builtin(), Lang::zh_CN, FixOs::Linux);
  INFO(zh);
  CHECK(zh.find("预计启动时间：启动一个 Windows 客户机约需") != std::string::npos);
  CHECK(zh.find("依据：该磁盘的速度测试实测数据。") != std::string::npos);
  const std::string en = text_summary(r, Catalog::builtin(), Lang::en, FixOs::Linux);
  CHECK(en.find("to boot a Windows guest") != std::string::npos);
  CHECK(en.find("from the speed test's figures for this drive.") != std::string::npos);
}

TEST_CASE("a report from another version: unknown or missing codes fall back to its English sentences") {
  nlohmann::json p = {{"available", true},
                      {"boot_seconds", 31.4},
                      {"feel", "usable"},
                      {"storage", {{"basis", "figures from a future probe"}, {"basis_code", "future_code"}}},
                      {"guest", {{"profile", "haiku"}}}};
  CHECK(prediction_words(p, Lang::zh_CN) == "启动一个 haiku 客户机约需 31 秒（可用），依据：figures from a future probe。");
  p["storage"].erase("basis_code");
  CHECK(prediction_words(p, Lang::en) == "About 31 s to boot a haiku guest (usable), from figures from a future probe.");
  const nlohmann::json none = {{"available", false}, {"reason_code", "future"}, {"reason", "the moon is full"}};
  CHECK(prediction_words(none, Lang::zh_CN) == "无法预测：the moon is full");
  // Wrong types and missing parts give words, not an exception.
  CHECK_FALSE(prediction_words({{"available", true}, {"boot_seconds", "soon"}, {"storage", 5}}, Lang::en).empty());
  CHECK_FALSE(prediction_words(nlohmann::json::array(), Lang::en).empty());
  const HypervisorWords w = hypervisor_words({{"outlook", "fails"}, {"reason", "kvm_holds"}, {"detail", "old words"},
                                              {"detail_key", "future"}, {"detail_args", 3}},
                                             Lang::zh_CN);
  CHECK(w.outlook == "无法运行");
  CHECK(w.reason == "KVM 占用了 VT-x/AMD-V，因此无法启动虚拟机");
  CHECK(w.detail == "old words");
}

TEST_CASE("progress steps are worded in the reader's language, an unknown id as it is") {
  std::vector<std::string> ids = {"host", "drive", "image", "bench", "rules", "sustained_write", "done"};
  for (const auto& p : bench::default_plan().phases) ids.push_back(p.id);
  for (const auto& id : ids) {
    INFO(id);
    const std::string en = progress_text(id, Lang::en);
    const std::string zh = progress_text(id, Lang::zh_CN);
    CHECK(en != id);
    CHECK(zh != en);
    // Chinese text: at least one CJK character (a three-byte UTF-8 sequence).
    CHECK(std::any_of(zh.begin(), zh.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xF0) == 0xE0; }));
  }
  CHECK(progress_text("rand_read_qd32", Lang::en) == "Speed test: Random 4K read, QD32");
  CHECK(progress_text("rand_read_qd32", Lang::zh_CN) == "速度测试：4K 随机读取（队列深度 32）");
  CHECK(progress_text("rules", Lang::zh_CN) == "正在汇总检查结果");
  CHECK(progress_text("a_future_step", Lang::zh_CN) == "a_future_step");
}
