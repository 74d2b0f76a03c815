// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The 0–100 score for "this image, this stick, this host". A pure function of
// the findings and of which areas the facts let us assess; docs/scoring.md
// explains the model so it can be checked by hand.
#include <string>
#include <vector>

#include "core/facts/fact_set.hpp"
#include "core/findings/catalog.hpp"
#include "core/findings/finding.hpp"

namespace vmstick {

// What one finding cost the total.
struct Contribution {
  std::string finding_id;
  std::string subject;
  Severity severity{Severity::ok};
  int area_points{0};   // points taken from its area's 0–100
  double total_points{0};  // the share of that loss in the overall score
};

struct AreaScore {
  Area area{Area::virtualization};
  int weight{0};          // share of the total, out of the weights of the assessed areas
  bool assessed{false};   // false: no facts for this area (no drive, no image given)
  int score{100};         // 0–100 within the area
  std::vector<Contribution> contributions;
};

struct Score {
  int total{0};  // 0–100
  bool capped_by_blocker{false};
  std::vector<AreaScore> areas;  // in Area order
};

// The cap a blocker puts on the total: a VM that cannot start is not "64/100".
inline constexpr int kBlockerCap = 20;

// Points a finding takes from its area unless the catalog gives its own "penalty".
int default_penalty(Severity s);

// Which areas the facts allow judging at all.
std::vector<Area> assessed_areas(const FactSet& facts);

Score compute_score(const std::vector<Finding>& findings, const std::vector<Area>& assessed, const Catalog& catalog);

}  // namespace vmstick
