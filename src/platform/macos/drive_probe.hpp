// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/probe.hpp"

namespace vmstick::macos_backend {

// Adds the macOS drive probe (IOKit whole-disk IOMedia and their USB
// parents). Called by the macOS Backend's register_probes().
void register_drive_probe(ProbeRegistry& registry);

}  // namespace vmstick::macos_backend
