// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The wizard's plan as part of a report: the machine-readable plan plus its
// text in the report's language, so the HTML report can show it to helpdesk
// staff next to the findings that led to it.
#include <nlohmann/json.hpp>

#include "core/findings/catalog.hpp"
#include "core/plan/plan.hpp"

namespace vmstick {

void add_plan_to_report(nlohmann::json& report, const plan::Input& in, const plan::Plan& p, Lang lang);

}  // namespace vmstick
