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
