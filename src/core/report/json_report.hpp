// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The machine-readable report. Helpdesk scripts depend on it: bump
// kReportSchemaVersion on any incompatible change and describe it in
// docs/report.schema.json.
#include <nlohmann/json.hpp>

#include "core/engine/check.hpp"
#include "core/findings/catalog.hpp"

namespace vmstick {

inline constexpr int kReportSchemaVersion = 1;

nlohmann::json report_json(const CheckResult& result, const Catalog& catalog, Lang lang, FixOs os);

}  // namespace vmstick
