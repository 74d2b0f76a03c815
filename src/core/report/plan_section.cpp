// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/report/plan_section.hpp"

#include "core/plan/plan_text.hpp"

namespace vmstick {

void add_plan_to_report(nlohmann::json& report, const plan::Input& in, const plan::Plan& p, Lang lang) {
  nlohmann::json section = plan::plan_json(in, p);
  section["text"] = plan::plan_text(in, p, lang);
  report["plan"] = std::move(section);
}

}  // namespace vmstick
