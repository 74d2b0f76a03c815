// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/findings_view.hpp"

#include <QApplication>
#include <QStyle>
#include <QTreeWidget>

namespace vmstick::gui {
namespace {

QString esc(const std::string& s) { return QString::fromStdString(s).toHtmlEscaped(); }

}  // namespace

QIcon severity_icon(Severity s) {
  QStyle* style = QApplication::style();
  switch (s) {
    case Severity::ok: return style->standardIcon(QStyle::SP_DialogApplyButton);
    case Severity::info: return style->standardIcon(QStyle::SP_MessageBoxInformation);
    case Severity::warning: return style->standardIcon(QStyle::SP_MessageBoxWarning);
    case Severity::blocker: return style->standardIcon(QStyle::SP_MessageBoxCritical);
  }
  return {};
}

QString severity_label(Severity s) {
  switch (s) {
    case Severity::ok: return QObject::tr("OK");
    case Severity::info: return QObject::tr("Info");
    case Severity::warning: return QObject::tr("Warning");
    case Severity::blocker: return QObject::tr("Blocker");
  }
  return {};
}

void show_findings(QTreeWidget* tree, const std::vector<RenderedFinding>& findings) {
  tree->clear();
  for (std::size_t i = 0; i < findings.size(); ++i) {
    const auto& f = findings[i];
    auto* item = new QTreeWidgetItem(tree);
    item->setIcon(0, severity_icon(f.severity));
    item->setText(0, severity_label(f.severity));
    item->setText(1, QString::fromStdString(f.title));
    item->setData(0, Qt::UserRole, static_cast<qulonglong>(i));
    item->setData(1, Qt::UserRole, QString::fromStdString(f.id));
  }
  tree->resizeColumnToContents(0);
}

QString finding_details_html(const RenderedFinding& f) {
  QString html = QStringLiteral("<h3>%1</h3><p>%2</p>").arg(esc(f.title), esc(f.explanation));
  if (!f.fix.empty()) {
    // pre-wrap: keep the fix's line breaks and commands, but wrap long sentences.
    html += QStringLiteral("<h4>%1</h4><pre style=\"white-space: pre-wrap\">%2</pre>").arg(QObject::tr("How to fix"), esc(f.fix));
  }
  if (!f.evidence.empty()) {
    html += QStringLiteral("<h4>%1</h4><ul>").arg(QObject::tr("Evidence"));
    for (const auto& [k, v] : f.evidence) html += QStringLiteral("<li><b>%1</b>: %2</li>").arg(esc(k), esc(v));
    html += QStringLiteral("</ul>");
  }
  html += QStringLiteral("<p><small>%1</small></p>").arg(esc(f.id));
  return html;
}

}  // namespace vmstick::gui
