// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Header-only so the support library itself need not link the core.
#include <string>

#include "core/result.hpp"

namespace vmstick::test {

// What a failed result says, or nothing: for INFO beside a REQUIRE on it.
template <typename T>
std::string error_of(const Result<T>& r) {
  return r ? std::string() : r.error().describe();
}

}  // namespace vmstick::test
