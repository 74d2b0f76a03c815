// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// --redact: removes what identifies a person or a machine from a report
// before it leaves the building. It works on the JSON report, from which the
// HTML is rendered, so both are redacted by the same code.
#include <nlohmann/json.hpp>

#include "core/path_store.hpp"
#include <string>
#include <vector>

namespace vmstick {

struct RedactionContext {
  std::vector<std::string> user_names;  // replaced by "<user>" wherever they appear
  std::vector<std::string> host_names;  // replaced by "<host>"
};

inline constexpr const char* kRedacted = "<redacted>";

// Serial numbers (any key containing "serial") become "<redacted>"; the user
// part of home paths (/home/x/, /Users/x/, C:\Users\x\) and the given user and
// host names are replaced in every string. Sets report["redacted"] = true.
void redact_report(nlohmann::json& report, const RedactionContext& ctx);

// Who and where this run's reports must not reveal: the user names in the
// environment (USER, USERNAME, LOGNAME, the last part of HOME) and the host
// names (HOSTNAME, COMPUTERNAME, the kernel's hostname under paths).
RedactionContext redaction_context_from_environment(const PathStore& paths);

// The same replacement for one string (exposed for tests and the GUI).
std::string redact_text(std::string text, const RedactionContext& ctx);

}  // namespace vmstick
