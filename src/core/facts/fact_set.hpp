// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Everything the probes learned in one run. Probes write it; rules only read it.
#include <optional>
#include <vector>

#include "core/facts/bench_facts.hpp"
#include "core/facts/drive_facts.hpp"
#include "core/facts/host_facts.hpp"
#include "core/facts/image_facts.hpp"

namespace vmstick {

struct FactSet {
  HostFacts host;
  std::vector<DriveFacts> drives;
  // Index into drives of the drive the user wants to run the VM from.
  std::optional<std::size_t> target_drive;
  std::optional<ImageFacts> image;
  std::optional<BenchFacts> bench;
  // OSes the user plans to run the VM on (CheckRequest::run_on; empty = all three).
  std::vector<std::string> run_on;

  const DriveFacts* target() const {
    return target_drive && *target_drive < drives.size() ? &drives[*target_drive] : nullptr;
  }
};

}  // namespace vmstick
