// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Report template, stylesheet and UI strings embedded from resources/report/.
#include <string>
#include <string_view>

#include "core/findings/catalog.hpp"
#include "core/findings/finding.hpp"

namespace vmstick {

// The content of one embedded report file ("report.css", ...); empty if absent.
std::string_view report_resource(std::string_view name);

// A UI string of the report (resources/report/strings.json), English fallback;
// the key itself if missing, so a gap shows instead of vanishing.
std::string report_string(std::string_view key, Lang lang);
// The same with its {{placeholders}} filled from args.
std::string report_string(std::string_view key, const Evidence& args, Lang lang);
// "label: text" in the reader's language (a full-width colon in Chinese).
std::string labelled_text(std::string_view label, std::string_view text, Lang lang);

// A hypervisor verdict's detail (HypervisorVerdict::detail_key and
// detail_args) as a sentence; "" for no key or a key this version lacks.
std::string hypervisor_detail(std::string_view key, const Evidence& args, Lang lang);

// Human label of a fact key (resources/report/fact_labels.json); unknown keys
// are humanised ("optimal_io_size" → "Optimal io size").
std::string fact_label(std::string_view key, Lang lang);

// A progress step id (see ProgressFn) as the user reads it; an id this
// version does not know is shown as it is.
std::string progress_text(std::string_view step, Lang lang);

std::string severity_name(Severity s, Lang lang);
std::string area_name(Area a, Lang lang);

}  // namespace vmstick
