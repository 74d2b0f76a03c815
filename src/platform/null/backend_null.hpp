// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <memory>

#include "core/backend.hpp"

namespace vmstick {

// For an OS vmstick has no backend for: every fact is unknown, with that reason.
std::unique_ptr<Backend> make_null_backend();

}  // namespace vmstick
