// SPDX-License-Identifier: GPL-3.0-or-later
#include <catch2/catch.hpp>

#include "core/rules/rule.hpp"

using namespace vmstick;

namespace {

std::vector<std::string> ids_for(const FactSet& facts) {
  RuleRegistry rules;
  register_bench_rules(rules);
  std::vector<std::string> ids;
  for (const Finding& f : rules.evaluate(facts, Catalog::builtin())) ids.push_back(f.id);
  std::sort(ids.begin(), ids.end());
  return ids;
}

Fact<BenchFigure> figure(double median, const char* unit) {
  return Fact<BenchFigure>::known(BenchFigure{median, median, median, 3, unit, ""}, "test");
}

// A measured drive: sequential MB/s and random 4K QD1 IOPS.
FactSet measured(double seq, double rread, double rwrite, bool cliff = false, const char* method = "direct") {
  FactSet facts;
  BenchFacts b;
  b.target = "/media/stick";
  b.method = Fact<std::string>::known(method, "test");
  b.seq_read_qd8 = figure(seq, "MB/s");
  b.seq_write_qd8 = figure(seq, "MB/s");
  b.rand_read_qd1 = figure(rread, "IOPS");
  b.rand_write_qd1 = figure(rwrite, "IOPS");
  b.cache_cliff = Fact<BenchCliff>::known(BenchCliff{cliff, 100, 10, 40, 96}, "test");
  facts.bench = b;
  return facts;
}

}  // namespace

TEST_CASE("bench rules: no speed test, no finding") { CHECK(ids_for(FactSet{}).empty()); }

TEST_CASE("bench rules: a cheap USB 2.0 stick") {
  CHECK(ids_for(measured(35, 600, 40)) ==
        std::vector<std::string>{"bench.random_read_slow", "bench.random_write_slow", "bench.sequential_usb2_class"});
}

TEST_CASE("bench rules: a cheap USB 3 stick with a cache cliff") {
  CHECK(ids_for(measured(130, 1010, 141, true)) == std::vector<std::string>{"bench.cache_cliff", "bench.random_below_wtg"});
}

TEST_CASE("bench rules: an SSD-class stick measured through the cache") {
  CHECK(ids_for(measured(400, 5000, 3000, false, "flush_bounded")) ==
        std::vector<std::string>{"bench.fallback_method", "bench.meets_windows_to_go"});
}

TEST_CASE("bench rules: a failed test is unknown, never slow") {
  FactSet facts;
  BenchFacts b;
  b.target = "/media/stick";
  b.method = Fact<std::string>::unknown("the drive is full");
  b.rand_write_qd1 = Fact<BenchFigure>::unknown("the drive is full");
  facts.bench = b;
  RuleRegistry rules;
  register_bench_rules(rules);
  auto findings = rules.evaluate(facts, Catalog::builtin());
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].id == "bench.not_measured");
  CHECK(findings[0].severity == Severity::warning);
  auto text = render(findings[0], Catalog::builtin(), Lang::zh_CN, FixOs::Linux);
  CHECK(text.explanation.find("the drive is full") != std::string::npos);
  CHECK(text.explanation.find("测速没有完成") != std::string::npos);
}
