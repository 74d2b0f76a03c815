// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/facts_view.hpp"

#include "app/i18n.hpp"
#include "core/facts/applicability.hpp"
#include "core/report/bench_words.hpp"
#include "core/report/report_resources.hpp"

#include <QCoreApplication>
#include <QHash>
#include <QLocale>
#include <QTreeWidget>

namespace vmstick::gui {
namespace {

// Long lists (CPU flags: 100+) are cut so a row stays readable.
constexpr int kMaxListItems = 24;
constexpr int kMaxDepth = 4;

bool is_fact(const nlohmann::json& j) { return j.is_object() && j.contains("value") && (j.contains("source") || j.contains("unknown")); }

QString scalar_text(const std::string& key, const nlohmann::json& v) {
  if (v.is_boolean()) return v.get<bool>() ? QCoreApplication::translate("FactsView", "Yes") : QCoreApplication::translate("FactsView", "No");
  if (v.is_number()) {
    const QString k = QString::fromStdString(key);
    if (k.endsWith(QLatin1String("_bytes")) && v.is_number_unsigned())
      return QLocale().formattedDataSize(static_cast<qint64>(v.get<std::uint64_t>()), 1, QLocale::DataSizeTraditionalFormat);
    if (k.endsWith(QLatin1String("_mbps"))) return QCoreApplication::translate("FactsView", "%1 MB/s").arg(v.get<double>(), 0, 'f', 1);
    return QString::fromStdString(v.dump());
  }
  if (v.is_string()) {
    // A known empty value (no volume label, no hypervisor signature) is "none",
    // not a blank cell that looks like a failure.
    if (v.get_ref<const std::string&>().empty()) return QCoreApplication::translate("FactsView", "None");
    // Labels and model strings come from the device: never let a control
    // character reach the screen.
    QString s = QString::fromStdString(v.get<std::string>());
    for (auto& ch : s)
      if (ch.category() == QChar::Other_Control) ch = QChar::ReplacementCharacter;
    return s;
  }
  if (v.is_array()) {
    if (v.empty()) return QCoreApplication::translate("FactsView", "None");
    QStringList items;
    for (const auto& e : v) {
      if (items.size() == kMaxListItems) {
        items << QCoreApplication::translate("FactsView", "… %n more", nullptr, static_cast<int>(v.size()) - kMaxListItems);
        break;
      }
      items << scalar_text(key, e);
    }
    return items.join(QStringLiteral(", "));
  }
  if (v.is_null()) return QCoreApplication::translate("FactsView", "—");
  // A speed-test figure, latency or cache cliff reads as one line.
  if (auto words = bench_record_words(v, current_language())) return QString::fromStdString(*words);
  // Records such as an installed hypervisor read as "name version".
  if (v.is_object() && v.contains("name") && v["name"].is_string()) {
    QString text = scalar_text(key, v["name"]);
    if (v.contains("version") && v["version"].is_string() && !v["version"].get<std::string>().empty())
      text += QLatin1Char(' ') + scalar_text(key, v["version"]);
    return text;
  }
  return QString::fromStdString(v.dump());
}

void add_rows(QTreeWidgetItem* parent, QTreeWidget* tree, const nlohmann::json& obj, int depth);

void add_row(QTreeWidgetItem* parent, QTreeWidget* tree, const std::string& key, const nlohmann::json& value, int depth) {
  // A fact of another OS (a Windows-only setting on Linux) can never be known here.
  if (is_fact(value) && value["value"].is_null() && value.contains("unknown") && value["unknown"].is_string() &&
      is_other_os_only(value["unknown"].get<std::string>()))
    return;
  auto* item = parent ? new QTreeWidgetItem(parent) : new QTreeWidgetItem(tree);
  item->setText(0, fact_label(key));
  item->setData(0, Qt::UserRole, QString::fromStdString(key));
  const bool nested = value.is_object() || (value.is_array() && !value.empty() && value.front().is_structured());
  if (is_fact(value) || !nested) {
    const QString text = is_fact(value) ? fact_value_text(key, value) : scalar_text(key, value);
    item->setText(1, text);
    item->setToolTip(1, text);
    if (is_fact(value) && value.contains("source")) item->setToolTip(0, QString::fromStdString(value["source"].is_string() ? value["source"].get<std::string>() : std::string()));
    if (is_fact(value) && value["value"].is_null()) {
      item->setForeground(1, tree->palette().brush(QPalette::Disabled, QPalette::Text));
    }
  } else if (depth < kMaxDepth) {
    add_rows(item, tree, value, depth + 1);
    item->setExpanded(true);
  }
}

void add_rows(QTreeWidgetItem* parent, QTreeWidget* tree, const nlohmann::json& obj, int depth) {
  if (obj.is_array()) {
    int i = 0;
    for (const auto& e : obj) add_row(parent, tree, "#" + std::to_string(++i), e, depth);
    return;
  }
  if (!obj.is_object()) return;
  for (const auto& [k, v] : obj.items()) add_row(parent, tree, k, v, depth);
}

}  // namespace

QString fact_label(const std::string& key) {
  // Keys probes use today or are adding; anything else falls through below.
  static const QHash<QString, const char*> labels{
      {QStringLiteral("os"), QT_TRANSLATE_NOOP("FactsView", "Operating system")},
      {QStringLiteral("arch"), QT_TRANSLATE_NOOP("FactsView", "Architecture")},
      {QStringLiteral("cpu_vendor"), QT_TRANSLATE_NOOP("FactsView", "CPU vendor")},
      {QStringLiteral("cpu_model"), QT_TRANSLATE_NOOP("FactsView", "CPU model")},
      {QStringLiteral("cpu_flags"), QT_TRANSLATE_NOOP("FactsView", "CPU flags")},
      {QStringLiteral("logical_cpus"), QT_TRANSLATE_NOOP("FactsView", "Logical CPUs")},
      {QStringLiteral("hw_virt_available"), QT_TRANSLATE_NOOP("FactsView", "Hardware virtualization")},
      {QStringLiteral("running_in_vm"), QT_TRANSLATE_NOOP("FactsView", "Running inside a VM")},
      {QStringLiteral("hypervisors"), QT_TRANSLATE_NOOP("FactsView", "Installed hypervisors")},
      {QStringLiteral("virt_holder"), QT_TRANSLATE_NOOP("FactsView", "Holding VT-x/AMD-V")},
      {QStringLiteral("memory_bytes"), QT_TRANSLATE_NOOP("FactsView", "Memory")},
      {QStringLiteral("device"), QT_TRANSLATE_NOOP("FactsView", "Device")},
      {QStringLiteral("vendor"), QT_TRANSLATE_NOOP("FactsView", "Vendor")},
      {QStringLiteral("model"), QT_TRANSLATE_NOOP("FactsView", "Model")},
      {QStringLiteral("capacity_bytes"), QT_TRANSLATE_NOOP("FactsView", "Capacity")},
      {QStringLiteral("removable"), QT_TRANSLATE_NOOP("FactsView", "Removable")},
      {QStringLiteral("usb_speed"), QT_TRANSLATE_NOOP("FactsView", "USB link speed")},
      {QStringLiteral("transport"), QT_TRANSLATE_NOOP("FactsView", "Transport")},
      {QStringLiteral("filesystem"), QT_TRANSLATE_NOOP("FactsView", "Filesystem")},
      {QStringLiteral("partitions"), QT_TRANSLATE_NOOP("FactsView", "Partitions")},
      {QStringLiteral("mount_point"), QT_TRANSLATE_NOOP("FactsView", "Mounted at")},
      {QStringLiteral("free_bytes"), QT_TRANSLATE_NOOP("FactsView", "Free space")},
      {QStringLiteral("path"), QT_TRANSLATE_NOOP("FactsView", "Path")},
      {QStringLiteral("format"), QT_TRANSLATE_NOOP("FactsView", "Format")},
      {QStringLiteral("virtual_size_bytes"), QT_TRANSLATE_NOOP("FactsView", "Virtual size")},
      {QStringLiteral("target"), QT_TRANSLATE_NOOP("FactsView", "Tested folder")},
      {QStringLiteral("seq_read_mbps"), QT_TRANSLATE_NOOP("FactsView", "Sequential read")},
      {QStringLiteral("seq_write_mbps"), QT_TRANSLATE_NOOP("FactsView", "Sequential write")},
  };
  const QString k = QString::fromStdString(key);
  if (auto it = labels.constFind(k); it != labels.constEnd()) return QCoreApplication::translate("FactsView", it.value());
  // The report's label table (resources/report/fact_labels.json, English and
  // Chinese) covers the rest; it humanises keys it does not know.
  return QString::fromStdString(vmstick::fact_label(key, current_language()));
}

QString fact_value_text(const std::string& key, const nlohmann::json& fact) {
  if (!is_fact(fact)) return scalar_text(key, fact);
  if (fact["value"].is_null()) {
    const auto& why = fact.contains("unknown") && fact["unknown"].is_string() ? fact["unknown"].get<std::string>() : std::string();
    return QCoreApplication::translate("FactsView", "Unknown — %1").arg(QString::fromStdString(why));
  }
  return scalar_text(key, fact["value"]);
}

void show_facts(QTreeWidget* tree, const nlohmann::json& facts) {
  tree->clear();
  add_rows(nullptr, tree, facts, 0);
  tree->resizeColumnToContents(0);
}

}  // namespace vmstick::gui
