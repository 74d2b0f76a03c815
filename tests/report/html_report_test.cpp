// SPDX-License-Identifier: GPL-3.0-or-later
#include <catch2/catch.hpp>

#include "core/engine/check.hpp"
#include "core/facts/applicability.hpp"
#include "core/report/html_report.hpp"
#include "core/report/json_report.hpp"
#include "core/report/redact.hpp"
#include "core/report/report_resources.hpp"
#include "core/score/hypervisor_verdict.hpp"

#include <optional>
#include <set>

using namespace vmstick;

namespace {

const std::string kHostile = "<script>alert(1)</script>\"'&\x1b[2J\xe2\x80\xae RTL";

CheckResult hostile_result() {
  CheckResult r;
  r.backend = "linux";
  r.generated_at = "2026-11-23T12:00:00Z";
  r.facts.host.cpu_model = Fact<std::string>::known(kHostile, "cpuinfo");
  r.facts.host.cpu_vendor = Fact<std::string>::known("GenuineIntel", "cpuinfo");
  r.facts.host.hw_virt_available = Fact<bool>::known(false, "flags");
  DriveFacts d;
  d.id = "/dev/sdb";
  d.model = Fact<std::string>::known("<img src=x onerror=alert(2)>", "sysfs");
  r.facts.drives.push_back(d);
  r.facts.target_drive = 0;
  r.findings.push_back({"host.virtualization_missing", Severity::blocker, Area::virtualization, "host",
                        {{"cpu", kHostile}, {"virt", "VT-x"}}});
  return r;
}

std::size_t count(const std::string& hay, const std::string& needle) {
  std::size_t n = 0;
  for (auto pos = hay.find(needle); pos != std::string::npos; pos = hay.find(needle, pos + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("HTML report escapes every hostile value and carries a strict CSP") {
  auto json = report_json(hostile_result(), Catalog::builtin(), Lang::en, FixOs::Linux);
  auto html = render_html_report(json, Lang::en);
  REQUIRE(html.ok());
  CHECK(html->find("Content-Security-Policy") != std::string::npos);
  CHECK(html->find("default-src 'none'") != std::string::npos);
  CHECK(count(*html, "<script") == 0);
  CHECK(count(*html, "<img") == 0);
  CHECK(html->find("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;") != std::string::npos);
  CHECK(html->find("&lt;img src=x onerror=alert(2)&gt;") != std::string::npos);
  CHECK(html->find('\x1b') == std::string::npos);
  CHECK(html->find("\xe2\x80\xae") == std::string::npos);  // the RTL override cannot flip the page
  CHECK(html->find("http://") == std::string::npos);  // nothing fetched from anywhere
  CHECK(html->find("https://") == std::string::npos);
}

TEST_CASE("HTML report leads with verdict and score, then findings, then facts") {
  auto json = report_json(hostile_result(), Catalog::builtin(), Lang::en, FixOs::Linux);
  auto html = render_html_report(json, Lang::en);
  REQUIRE(html.ok());
  auto verdict = html->find("The VM cannot run well here until the blockers below are fixed.");
  auto findings = html->find("Hardware virtualization (VT-x/AMD-V) is not available");
  auto facts = html->find("What vmstick found");
  REQUIRE(verdict != std::string::npos);
  REQUIRE(findings != std::string::npos);
  REQUIRE(facts != std::string::npos);
  CHECK(verdict < findings);
  CHECK(findings < facts);
  CHECK(html->find("A blocker caps the score at 20.") != std::string::npos);
  CHECK(html->find("Target drive: /dev/sdb") != std::string::npos);
  CHECK(html->find("@page") != std::string::npos);  // print layout
}

TEST_CASE("HTML report in Simplified Chinese") {
  auto json = report_json(hostile_result(), Catalog::builtin(), Lang::zh_CN, FixOs::Linux);
  auto html = render_html_report(json, Lang::zh_CN);
  REQUIRE(html.ok());
  CHECK(html->find("<html lang=\"zh-CN\">") != std::string::npos);
  CHECK(html->find("vmstick 检查报告") != std::string::npos);
  CHECK(html->find("硬件虚拟化（VT-x/AMD-V）不可用") != std::string::npos);
  CHECK(html->find("在解决下列阻断问题之前") != std::string::npos);
}

TEST_CASE("redaction removes serials, home-path user names and host names from JSON and HTML") {
  CheckResult r = hostile_result();
  r.facts.drives[0].model = Fact<std::string>::known("Cruzer on alice-laptop", "sysfs");
  r.findings.push_back({"host.virtualization_unknown", Severity::warning, Area::virtualization, "host",
                        {{"reason", "cannot read /home/alice/vm/disk.vdi or C:\\Users\\Alice\\vm.vdi"}, {"virt", "x"}}});
  auto json = report_json(r, Catalog::builtin(), Lang::en, FixOs::Linux);
  json["facts"]["drives"][0]["serial"] = {{"value", "4C530001230417115304"}, {"source", "sysfs"}};
  redact_report(json, RedactionContext{{"alice"}, {"alice-laptop"}});
  auto html = render_html_report(json, Lang::en);
  REQUIRE(html.ok());
  const std::string text = json.dump();
  for (std::string secret : {"4C530001230417115304", "alice", "Alice", "alice-laptop"}) {
    INFO(secret);
    CHECK(text.find(secret) == std::string::npos);
    CHECK(html->find(secret) == std::string::npos);
  }
  CHECK(json["redacted"] == true);
  CHECK(json["facts"]["drives"][0]["serial"]["value"] == kRedacted);
  CHECK(text.find("/home/<user>/vm/disk.vdi") != std::string::npos);
  CHECK(text.find("C:\\\\Users\\\\<user>\\\\vm.vdi") != std::string::npos);
  CHECK(html->find("Serial numbers, user names and host names were removed") != std::string::npos);
}

TEST_CASE("redact_text leaves text without personal data alone") {
  RedactionContext ctx{{"bob"}, {"box"}};
  CHECK(redact_text("/dev/sdb1 on /media/usb", ctx) == "/dev/sdb1 on /media/usb");
  CHECK(redact_text("/home/bob", ctx) == "/home/<user>");
  CHECK(redact_text("x", RedactionContext{{"x"}, {}}) == "x");  // one-letter names are not replaced
}

TEST_CASE("JSON report carries the score breakdown and prediction") {
  auto json = report_json(hostile_result(), Catalog::builtin(), Lang::en, FixOs::Linux);
  CHECK(json["score"]["total"] == 20);
  CHECK(json["score"]["capped_by_blocker"] == true);
  REQUIRE(json["score"]["areas"].size() == 6);
  CHECK(json["score"]["areas"][0]["area"] == "virtualization");
  CHECK(json["score"]["areas"][0]["score"] == 0);
  CHECK(json["prediction"]["available"] == false);
  CHECK_FALSE(json["prediction"]["reason"].get<std::string>().empty());
}

TEST_CASE("HTML report leaves out facts that belong to another OS, keeps other unknowns") {
  CheckResult r = hostile_result();
  r.facts.host.vbs_status = Fact<std::string>::unknown(std::string(kWindowsOnly));
  r.facts.host.hv_framework_supported = Fact<bool>::unknown(std::string(kMacOsOnly));
  r.facts.host.kernel_version = Fact<std::string>::unknown("file does not exist (/proc/sys/kernel/osrelease)");
  const auto json = report_json(r, Catalog::builtin(), Lang::en, FixOs::Linux);
  // The JSON keeps them: it is the complete record.
  CHECK(json["facts"]["host"]["vbs_status"]["unknown"] == "Windows only");
  auto html = render_html_report(json, Lang::en);
  REQUIRE(html.ok());
  CHECK(html->find("Windows only") == std::string::npos);
  CHECK(html->find("macOS only") == std::string::npos);
  CHECK(html->find("file does not exist (/proc/sys/kernel/osrelease)") != std::string::npos);
}

TEST_CASE("hypervisor details are worded in the reader's language, the JSON keeps the English sentence") {
  CheckResult r = hostile_result();
  r.facts.host.hw_virt_available = Fact<bool>::known(false, "cpuinfo flags");
  r.facts.host.windows_hypervisor_running = Fact<bool>::known(false, "CPUID");
  r.facts.host.installed_hypervisors =
      Fact<std::vector<InstalledHypervisor>>::known({{"VirtualBox", "7.0.14", "", "", {}}}, "test");
  auto en = report_json(r, Catalog::builtin(), Lang::en, FixOs::Linux);
  REQUIRE(en["hypervisors"].size() == 1);
  CHECK(en["hypervisors"][0]["detail"] == "VT-x/AMD-V is not usable (cpuinfo flags)");
  CHECK(en["hypervisors"][0]["detail_key"] == "no_hw_virt");
  CHECK(en["hypervisors"][0]["detail_args"]["source"] == "cpuinfo flags");

  auto zh = report_json(r, Catalog::builtin(), Lang::zh_CN, FixOs::Linux);
  CHECK(zh["hypervisors"][0]["detail"] == "VT-x/AMD-V is not usable (cpuinfo flags)");
  auto html = render_html_report(zh, Lang::zh_CN);
  REQUIRE(html.ok());
  CHECK(html->find("VT-x/AMD-V 不可用（cpuinfo flags）") != std::string::npos);
  CHECK(html->find("is not usable") == std::string::npos);

  // A report from a version with a key this one does not know still shows
  // the sentence it carries.
  zh["hypervisors"][0]["detail_key"] = "from_the_future";
  auto old = render_html_report(zh, Lang::zh_CN);
  REQUIRE(old.ok());
  CHECK(old->find("VT-x/AMD-V is not usable (cpuinfo flags)") != std::string::npos);
}

TEST_CASE("every hypervisor detail has a sentence in both languages with all its placeholders filled") {
  // One host per detail the verdict can give.
  auto base = [] {
    FactSet f;
    f.host.os = Fact<std::string>::known("linux", "t");
    f.host.arch = Fact<std::string>::known("x86_64", "t");
    f.host.hw_virt_available = Fact<bool>::known(true, "t");
    f.host.windows_hypervisor_running = Fact<bool>::known(false, "t");
    f.host.dev_kvm_accessible = Fact<bool>::known(true, "t");
    f.host.installed_hypervisors = Fact<std::vector<InstalledHypervisor>>::known(
        {{"VirtualBox", "7.0", "", "", {}}, {"QEMU", "8.0", "", "", {}}}, "t");
    return f;
  };
  std::vector<FactSet> hosts;
  hosts.push_back(base());
  hosts.back().image = ImageFacts{};
  hosts.back().image->guest_arch = Fact<std::string>::known("aarch64", "t");
  hosts.push_back(base());
  hosts.back().host.hw_virt_available = Fact<bool>::known(false, "cpuinfo");
  hosts.push_back(base());
  hosts.back().host.windows_hypervisor_running = Fact<bool>::known(true, "CPUID");
  hosts.push_back(base());
  hosts.back().host.kvm_enable_virt_at_load = Fact<bool>::known(true, "t");
  hosts.back().host.kvm_vendor_module = Fact<std::string>::known("kvm_intel", "t");
  hosts.push_back(base());
  hosts.back().host.dev_kvm_accessible = Fact<bool>::known(false, "t");
  hosts.push_back(base());
  hosts.back().host.dev_kvm_accessible = Fact<bool>::unknown("no /dev");
  hosts.push_back(base());
  hosts.back().host.hw_virt_available = Fact<bool>::unknown("cpuinfo unreadable");
  Prediction slow;
  slow.feel = Feel::painful;
  slow.boot_seconds = 300;

  std::set<std::string> keys;
  for (const auto& f : hosts) {
    for (const auto& prediction : {std::optional<Prediction>{}, std::optional<Prediction>{slow}}) {
      for (const auto& v : hypervisor_verdicts(f, prediction)) {
        if (v.detail_key.empty()) continue;
        keys.insert(v.detail_key);
        for (Lang lang : {Lang::en, Lang::zh_CN}) {
          const std::string s = hypervisor_detail(v.detail_key, v.detail_args, lang);
          INFO(v.detail_key << " " << static_cast<int>(lang) << ": " << s);
          CHECK(!s.empty());
          CHECK(s.find("{{") == std::string::npos);
        }
      }
    }
  }
  CHECK(keys == std::set<std::string>{"emulated_arch", "no_hw_virt", "hyperv_running", "kvm_holds", "no_kvm_access",
                                      "unknown_fact", "slow_drive"});
}

TEST_CASE("HTML report shows each speed-test figure, the latency and the cliff as one worded row") {
  CheckResult r = hostile_result();
  BenchFacts b;
  b.target = "/media/stick";
  b.rand_write_qd1 = Fact<BenchFigure>::known({141, 120, 160, 3, "IOPS", "cheap_usb3_stick"}, "speed test");
  b.seq_read_qd8 = Fact<BenchFigure>::known({35.25, 34, 36.5, 3, "MB/s", "usb2_stick"}, "speed test");
  b.rand_write_latency = Fact<BenchLatency>::known({1.5, 40.25, 120, 512}, "speed test");
  b.cache_cliff = Fact<BenchCliff>::known({false, 60, 0, 0, 96}, "speed test");
  r.facts.bench = b;
  const auto json = report_json(r, Catalog::builtin(), Lang::en, FixOs::Linux);
  auto en = render_html_report(json, Lang::en);
  REQUIRE(en.ok());
  CHECK(en->find("141 IOPS  (runs 120–160, cheap USB 3 stick class)") != std::string::npos);
  CHECK(en->find("35.2 MB/s  (runs 34.0–36.5, USB 2.0 stick class)") != std::string::npos);
  CHECK(en->find("p50 1.50 ms, p99 40.25 ms, max 120.00 ms (512 requests)") != std::string::npos);
  CHECK(en->find("no cache cliff within 96 MiB (60.0 MB/s)") != std::string::npos);
  // Not split into one row per field.
  CHECK(en->find("› Median") == std::string::npos);
  CHECK(en->find("› P99 ms") == std::string::npos);
  auto zh = render_html_report(json, Lang::zh_CN);
  REQUIRE(zh.ok());
  CHECK(zh->find("141 IOPS  （各轮 120–160，普通 USB 3 U 盘水平）") != std::string::npos);
  CHECK(zh->find("96 MiB 内没有缓存断崖（60.0 MB/s）") != std::string::npos);
}
