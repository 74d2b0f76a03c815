// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The words of a plan, in English or Simplified Chinese, and its JSON form.
// The wizard shows these texts and the export writes them, so both languages
// live next to the plan logic rather than in the GUI's translations.
#include <nlohmann/json.hpp>
#include <string>

#include "core/findings/catalog.hpp"
#include "core/plan/plan.hpp"

namespace vmstick::plan {

// Every note id make_plan can emit; a test checks each has both languages.
const std::vector<std::string>& note_ids();
// The note's sentence with its values filled in; the id itself if unknown.
std::string note_text(const Note& note, Lang lang);
std::string speed_text(SpeedClass s, Lang lang);
std::string variant_text(Variant v, Lang lang);
std::string filesystem_name(Filesystem f);  // "exFAT", "NTFS", ...
std::string format_name(ImageFormat f);     // "VDI", "qcow2", ...

// The whole plan as plain text (what "Export plan" and "Copy" produce).
std::string plan_text(const Input& in, const Plan& p, Lang lang);
nlohmann::json plan_json(const Input& in, const Plan& p);

}  // namespace vmstick::plan
