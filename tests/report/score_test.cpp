// SPDX-License-Identifier: GPL-3.0-or-later
#include <catch2/catch.hpp>

#include "core/score/prediction.hpp"
#include "core/score/score.hpp"
#include "core/score/verdict.hpp"

using namespace vmstick;

namespace {
Finding finding(std::string id, Severity s, Area a) { return Finding{std::move(id), s, a, "host", {}}; }
const AreaScore& area(const Score& score, Area a) {
  for (const auto& x : score.areas) {
    if (x.area == a) return x;
  }
  FAIL("area missing");
  return score.areas.front();
}
const std::vector<Area> kAll{Area::virtualization, Area::hypervisor_conflicts, Area::usb_link,
                             Area::filesystem_layout, Area::storage_speed, Area::image_fit};
}  // namespace

TEST_CASE("score: nothing wrong is 100") {
  Score s = compute_score({finding("host.virtualization_available", Severity::ok, Area::virtualization)}, kAll,
                          Catalog::builtin());
  CHECK(s.total == 100);
  CHECK_FALSE(s.capped_by_blocker);
  CHECK(area(s, Area::virtualization).score == 100);
  CHECK(area(s, Area::virtualization).contributions.empty());
}

TEST_CASE("score: one warning costs its area 35 points and the total its weighted share") {
  Score s = compute_score({finding("x.warn", Severity::warning, Area::usb_link)}, kAll, Catalog::builtin());
  CHECK(area(s, Area::usb_link).score == 65);
  // usb_link weighs 15 of 100: 35 × 0.15 = 5.25 → 94.75 → 95.
  CHECK(s.total == 95);
  REQUIRE(area(s, Area::usb_link).contributions.size() == 1);
  CHECK(area(s, Area::usb_link).contributions[0].area_points == 35);
  CHECK(area(s, Area::usb_link).contributions[0].total_points == Approx(5.25));
}

TEST_CASE("score: a blocker empties its area and caps the total") {
  Score s = compute_score({finding("host.virtualization_missing", Severity::blocker, Area::virtualization)}, kAll,
                          Catalog::builtin());
  CHECK(area(s, Area::virtualization).score == 0);
  CHECK(s.capped_by_blocker);
  CHECK(s.total == kBlockerCap);  // 75 before the cap
}

TEST_CASE("score: an area never goes below zero and later findings there cost nothing more") {
  Score s = compute_score({finding("a", Severity::warning, Area::image_fit), finding("b", Severity::warning, Area::image_fit),
                           finding("c", Severity::warning, Area::image_fit)},
                          kAll, Catalog::builtin());
  const auto& a = area(s, Area::image_fit);
  CHECK(a.score == 0);
  REQUIRE(a.contributions.size() == 3);
  CHECK(a.contributions[2].area_points == 30);  // only what was left
  CHECK(s.total == 90);
}

TEST_CASE("score: only assessed areas count, unassessed ones are marked") {
  Score s = compute_score({finding("x.warn", Severity::warning, Area::virtualization)},
                          {Area::virtualization, Area::hypervisor_conflicts}, Catalog::builtin());
  CHECK_FALSE(area(s, Area::usb_link).assessed);
  // virtualization 25, conflicts 15 → 65 × 25/40 + 100 × 15/40 = 78.125
  CHECK(s.total == 78);
}

TEST_CASE("score: a finding in an unlisted area makes that area assessed") {
  Score s = compute_score({finding("d", Severity::info, Area::usb_link)}, {Area::virtualization}, Catalog::builtin());
  CHECK(area(s, Area::usb_link).assessed);
  CHECK(area(s, Area::usb_link).score == 95);
}

TEST_CASE("prediction: a cheap USB 3 Bulk-Only stick boots Windows in about a minute") {
  auto storage = typical_storage(5000.0, false);
  REQUIRE(storage);
  Prediction p = predict_boot(*storage, guest_profile_for("Windows10_64"));
  // reads: 20000×0.84×0.95 = 15960 ops / 1010 IOPS = 15.80 s + 420/130 = 3.23 s
  // writes: 3200 ops / 141 IOPS = 22.70 s + 24/97 = 0.25 s; base 10 s
  CHECK(p.read_seconds == Approx(19.03).epsilon(0.01));
  CHECK(p.write_seconds == Approx(22.94).epsilon(0.01));
  CHECK(p.boot_seconds == Approx(51.97).epsilon(0.01));
  CHECK(p.feel == Feel::usable);
  CHECK_FALSE(p.storage.measured);
}

TEST_CASE("prediction: a USB 2 stick is slow, a UAS SSD is fast") {
  auto usb2 = typical_storage(480.0, false);
  auto uas = typical_storage(10000.0, true);
  REQUIRE(usb2);
  REQUIRE(uas);
  CHECK(predict_boot(*usb2, guest_profile_for("")).feel == Feel::slow);
  CHECK(predict_boot(*uas, guest_profile_for("")).feel == Feel::fast);
  CHECK_FALSE(typical_storage(std::nullopt, true).has_value());
}

TEST_CASE("prediction: guest profiles") {
  CHECK(guest_profile_for("Ubuntu_64").name == "linux");
  CHECK(guest_profile_for("windows11-64").name == "windows");
  CHECK(guest_profile_for("").name == "windows");
  CHECK(guest_profile_for("linux").source.find("estimate") != std::string::npos);
}

TEST_CASE("prediction: measured speed-test figures win over the link class") {
  FactSet facts;
  DriveFacts d;
  d.id = "/dev/sdb";
  d.usb.speed_mbps = Fact<std::uint32_t>::known(480, "sysfs");
  facts.drives.push_back(d);
  facts.target_drive = 0;
  NoProfile why;
  auto typical = storage_profile_for(facts, why);
  REQUIRE(typical);
  CHECK_FALSE(typical->measured);
  CHECK(typical->seq_read_mbps == 35);

  BenchFacts b;
  b.seq_read_mbps = Fact<double>::known(120, "bench");
  b.seq_write_mbps = Fact<double>::known(60, "bench");
  b.rand_read_qd1 = Fact<BenchFigure>::known(BenchFigure{2500, 2400, 2600, 3, "IOPS", ""}, "bench");
  b.rand_write_qd1 = Fact<BenchFigure>::known(BenchFigure{900, 850, 950, 3, "IOPS", ""}, "bench");
  facts.bench = b;
  auto measured = storage_profile_for(facts, why);
  REQUIRE(measured);
  CHECK(measured->measured);
  CHECK(measured->rand_read_iops == 2500);
  CHECK(measured->rand_write_iops == 900);

  facts.bench->rand_write_qd1 = Fact<BenchFigure>::unknown("test failed");
  auto fallback = storage_profile_for(facts, why);
  REQUIRE(fallback);
  CHECK_FALSE(fallback->measured);

  FactSet none;
  CHECK_FALSE(storage_profile_for(none, why));
  CHECK(why.code == "no_drive");
}
