// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/probe.hpp"

namespace vmstick::windows_backend {

// Adds the Windows drive probe (physical drives, their USB hub port, layout).
// Called by the Windows Backend's register_probes().
void register_drive_probe(ProbeRegistry& registry);

}  // namespace vmstick::windows_backend
