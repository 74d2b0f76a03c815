// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Everything the user came for, computed from a finished check: the score with
// its breakdown and the boot-time prediction (or why there is none).
#include <optional>
#include <string>

#include "core/engine/check.hpp"
#include "core/score/hypervisor_verdict.hpp"
#include "core/score/prediction.hpp"
#include "core/score/score.hpp"

namespace vmstick {

struct Verdict {
  Severity worst{Severity::ok};
  Score score;
  std::optional<Prediction> prediction;
  // Set when prediction is empty: a stable code ("no_drive", "no_speed") that
  // reports translate, and the English sentence.
  std::string no_prediction_code;
  std::string no_prediction_reason;
  std::vector<HypervisorVerdict> hypervisors;  // one per installed hypervisor
};

// The drive speed the prediction uses: the speed test's figures when it ran,
// else typical figures for the target drive's link and transport; nullopt
// with the reason when neither is known.
struct NoProfile {
  std::string code;
  std::string reason;
};
std::optional<StorageProfile> storage_profile_for(const FactSet& facts, NoProfile& why_not);

Verdict make_verdict(const CheckResult& result, const Catalog& catalog);

}  // namespace vmstick
