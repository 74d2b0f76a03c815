// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Shows any area's facts from their JSON form (core/facts/fact_json.hpp), so
// the panels keep working as the probes learn new facts: a key this file has
// no label for is shown under a label made from the key itself.
#include <QString>
#include <nlohmann/json.hpp>

class QTreeWidget;

namespace vmstick::gui {

// Human label for a fact key ("hw_virt_available" → "Hardware virtualization").
QString fact_label(const std::string& key);
// A fact's value for display: "Yes", "1.5 GiB", "Unknown — why"...
QString fact_value_text(const std::string& key, const nlohmann::json& fact);
// Fills the tree with one row per fact; nested objects become child rows.
void show_facts(QTreeWidget* tree, const nlohmann::json& facts);

}  // namespace vmstick::gui
