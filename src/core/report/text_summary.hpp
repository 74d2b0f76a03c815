// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The human-readable summary `vmstick check` prints on a terminal.
#include <string>

#include "core/engine/check.hpp"
#include "core/findings/catalog.hpp"

namespace vmstick {

std::string text_summary(const CheckResult& result, const Catalog& catalog, Lang lang, FixOs os);

}  // namespace vmstick
