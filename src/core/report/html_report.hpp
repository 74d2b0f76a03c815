// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The HTML report: one self-contained file (inline CSS and SVG, no scripts,
// nothing fetched) rendered from the JSON report, so the two never disagree
// and --redact covers both. Every value goes through the template's escaping.
#include <nlohmann/json.hpp>
#include <string>

#include "core/findings/catalog.hpp"
#include "core/result.hpp"

namespace vmstick {

Result<std::string> render_html_report(const nlohmann::json& report, Lang lang);

// Escaping used for every value: &, <, >, " and ' become entities; control
// characters and invalid UTF-8 are neutralised.
std::string html_escape_text(const std::string& s);

}  // namespace vmstick
