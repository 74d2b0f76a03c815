// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The verdict of a report (its JSON, as report_json() writes it) worded in the
// reader's language. The HTML report and the terminal summary both word it
// here, so a saved report and the screen say the same thing.
#include <nlohmann/json.hpp>
#include <string>

#include "core/findings/catalog.hpp"

namespace vmstick {

// A string member of a JSON object; "" when it is missing or not a string,
// as in a report written by another version.
std::string json_text(const nlohmann::json& object, const char* key);

struct HypervisorWords {
  std::string outlook;  // "runs, slowly"
  std::string reason;   // "through Hyper-V (...), noticeably slower"
  std::string detail;   // "the Windows hypervisor is running (...)"; may be ""
};
// One entry of the report's "hypervisors" list. A detail key this version
// does not know falls back to the report's English sentence.
HypervisorWords hypervisor_words(const nlohmann::json& hypervisor, Lang lang);

// "VirtualBox 7.0.20: will not run it, KVM holds VT-x/AMD-V, so it cannot
// start VMs": one line per installed hypervisor, its detail left out.
std::string hypervisor_line(const nlohmann::json& hypervisor, Lang lang);

// The report's "prediction": the expected boot time, or why there is none.
std::string prediction_words(const nlohmann::json& prediction, Lang lang);

}  // namespace vmstick
