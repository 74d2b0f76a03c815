// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Fills the findings list and its detail pane from a check result.
#include <QIcon>
#include <QString>
#include <vector>

#include "core/findings/catalog.hpp"

class QTreeWidget;

namespace vmstick::gui {

QString severity_label(Severity s);
QIcon severity_icon(Severity s);
// Fills the tree: one row per finding, the RenderedFinding kept in row data.
void show_findings(QTreeWidget* tree, const std::vector<RenderedFinding>& findings);
// Rich text for the detail pane; every value escaped.
QString finding_details_html(const RenderedFinding& finding);

}  // namespace vmstick::gui
