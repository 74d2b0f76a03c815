// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// One line per installed hypervisor: will it run this VM here, and how —
// "VirtualBox 7.0: runs, slowly, through Hyper-V". Derived from host facts,
// the image and the boot-time prediction; never from a guess: an unknown
// fact gives "unknown" with the reason.
#include <optional>
#include <string>
#include <vector>

#include "core/facts/fact_set.hpp"
#include "core/findings/finding.hpp"
#include "core/score/prediction.hpp"

namespace vmstick {

enum class HypervisorOutlook { runs, runs_slowly, fails, unknown };
std::string_view to_string(HypervisorOutlook o);

struct HypervisorVerdict {
  std::string name;
  std::string version;
  HypervisorOutlook outlook{HypervisorOutlook::unknown};
  // Stable code for why (translated by reports): "full_speed", "via_hyperv",
  // "hyperv_blocks", "kvm_holds", "no_hw_virt", "emulated_arch", "slow_drive", "unknown_host".
  std::string reason;
  // The evidence behind the reason, worded by the reports in the reader's
  // language: report string "hvdetail_<detail_key>" with detail_args filling
  // its {{placeholders}}. Empty when the reason says it all.
  std::string detail_key;
  Evidence detail_args;
};

std::vector<HypervisorVerdict> hypervisor_verdicts(const FactSet& facts, const std::optional<Prediction>& prediction);

}  // namespace vmstick
