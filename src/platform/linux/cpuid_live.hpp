// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <memory>

#include "core/probes/host/cpuid.hpp"

namespace vmstick::linux_backend {

// The CPUID instruction of the CPU we run on; nullptr where there is none
// (arm64 and other non-x86 builds).
std::unique_ptr<CpuidSource> make_live_cpuid();

}  // namespace vmstick::linux_backend
