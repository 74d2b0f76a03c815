// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/score/score.hpp"

#include <algorithm>
#include <array>
#include <cmath>

namespace vmstick {
namespace {

// How much each area matters for a VM running from a stick. Storage speed and
// virtualization dominate: without VT-x a VM crawls whatever the stick, and
// random 4K I/O is what separates usable sticks from useless ones.
struct AreaWeight {
  Area area;
  int weight;
};
constexpr std::array<AreaWeight, 6> kWeights{{
    {Area::virtualization, 25},
    {Area::hypervisor_conflicts, 15},
    {Area::usb_link, 15},
    {Area::filesystem_layout, 15},
    {Area::storage_speed, 20},
    {Area::image_fit, 10},
}};

}  // namespace

int default_penalty(Severity s) {
  switch (s) {
    case Severity::ok: return 0;
    case Severity::info: return 5;
    case Severity::warning: return 35;
    case Severity::blocker: return 100;
  }
  return 0;
}

std::vector<Area> assessed_areas(const FactSet& facts) {
  std::vector<Area> out{Area::virtualization, Area::hypervisor_conflicts};
  if (facts.target()) {
    out.push_back(Area::usb_link);
    out.push_back(Area::filesystem_layout);
    // Without a speed test, speed is still judged from the link class and
    // transport (and the report says so).
    out.push_back(Area::storage_speed);
  } else if (facts.bench) {
    out.push_back(Area::storage_speed);
  }
  if (facts.image) out.push_back(Area::image_fit);
  return out;
}

Score compute_score(const std::vector<Finding>& findings, const std::vector<Area>& assessed, const Catalog& catalog) {
  Score score;
  int weight_sum = 0;
  for (const auto& aw : kWeights) {
    AreaScore a;
    a.area = aw.area;
    a.weight = aw.weight;
    a.assessed = std::find(assessed.begin(), assessed.end(), aw.area) != assessed.end();
    if (a.assessed) weight_sum += aw.weight;
    score.areas.push_back(a);
  }
  for (const auto& f : findings) {
    auto it = std::find_if(score.areas.begin(), score.areas.end(), [&](const AreaScore& a) { return a.area == f.area; });
    if (it == score.areas.end()) continue;
    // A finding about an area we assess must count even if the area was not
    // in the list (a drive rule firing means a drive was looked at).
    if (!it->assessed) {
      it->assessed = true;
      weight_sum += it->weight;
    }
    const CatalogEntry* entry = catalog.find(f.id);
    int penalty = entry && entry->penalty ? *entry->penalty : default_penalty(f.severity);
    // An area cannot go below zero; later findings in a saturated area cost nothing more.
    int loss = std::min(penalty, it->score);
    it->score -= loss;
    if (f.severity == Severity::blocker) score.capped_by_blocker = true;
    if (penalty > 0 || f.severity != Severity::ok) {
      it->contributions.push_back({f.id, f.subject, f.severity, loss, 0.0});
    }
  }
  double total = 0;
  for (auto& a : score.areas) {
    if (!a.assessed || weight_sum == 0) continue;
    const double share = static_cast<double>(a.weight) / weight_sum;
    total += share * a.score;
    for (auto& c : a.contributions) c.total_points = share * c.area_points;
  }
  score.total = static_cast<int>(std::lround(total));
  if (weight_sum == 0) score.total = 0;
  if (score.capped_by_blocker) score.total = std::min(score.total, kBlockerCap);
  return score;
}

}  // namespace vmstick
