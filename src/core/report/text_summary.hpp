// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The human-readable summary `vmstick check` prints on a terminal.
#include <string>

#include "core/engine/check.hpp"
#include "core/findings/catalog.hpp"

namespace vmstick {

struct TextSummaryParts {
  // `vmstick host` looks at no drive, so a boot-time prediction (or the
  // advice to name a drive for one) has no place in its summary.
  bool prediction{true};
};

std::string text_summary(const CheckResult& result, const Catalog& catalog, Lang lang, FixOs os,
                         TextSummaryParts parts = {});

}  // namespace vmstick
