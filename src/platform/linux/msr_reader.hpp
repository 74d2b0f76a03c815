// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <cstdint>

#include "core/path_store.hpp"
#include "core/result.hpp"

namespace vmstick::linux_backend {

// Reads one model-specific register of CPU 0 through the msr driver
// (<dev>/cpu/0/msr, offset = register number). Needs root and the msr module;
// without them the error says so, and the caller records "unknown".
Result<std::uint64_t> read_msr(const PathStore& paths, std::uint32_t reg);

}  // namespace vmstick::linux_backend
