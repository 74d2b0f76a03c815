// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A Finding is one judgement a rule made about the facts: an id from the
// catalog (resources/findings/*.json) plus the evidence it rests on. All the
// words a person reads (title, explanation, fix) come from the catalog, so the
// CLI, the GUI, the HTML report and docs/ never disagree.
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace vmstick {

// Ordered from harmless to fatal so that std::max picks the worst.
enum class Severity { ok, info, warning, blocker };

// The parts of "will this VM run well from this stick" the score breaks into.
enum class Area { virtualization, hypervisor_conflicts, usb_link, filesystem_layout, storage_speed, image_fit };

std::string_view to_string(Severity s);
std::string_view to_string(Area a);
std::optional<Severity> severity_from_string(std::string_view s);
std::optional<Area> area_from_string(std::string_view s);

// key → value pairs, in the order the rule gave them. Values also fill the
// {{key}} placeholders of the catalog texts; words the rule writes itself go
// in as phrase references (phrase() in catalog.hpp) so they can be translated.
using Evidence = std::vector<std::pair<std::string, std::string>>;

struct Finding {
  std::string id;
  Severity severity{Severity::info};
  Area area{Area::virtualization};
  // What it is about: "host", a drive id, an image path.
  std::string subject;
  Evidence evidence;
};

}  // namespace vmstick
