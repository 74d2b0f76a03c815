// SPDX-License-Identifier: GPL-3.0-or-later
#include <QMap>
#include <QTreeWidget>
#include <catch2/catch.hpp>
#include <fstream>

#include "app/facts_view.hpp"
#include "app/vm_paths.hpp"
#include "support/fixtures.hpp"

using namespace vmstick;

TEST_CASE("facts view labels known keys and keys it has never seen") {
  const auto facts = nlohmann::json::parse(R"({
    "hw_virt_available": {"value": true, "source": "/proc/cpuinfo"},
    "usb_link_gbps": {"value": 5, "source": "sysfs"},
    "capacity_bytes": {"value": 32212254720, "source": "sysfs"},
    "filesystem": {"value": null, "unknown": "not mounted"},
    "cpu_flags": {"value": ["fpu","vme","de","pse","tsc","msr","pae","mce","cx8","apic","sep","mtrr","pge","mca","cmov",
                  "pat","pse36","clflush","mmx","fxsr","sse","sse2","ss","ht","tm","pbe"], "source": "/proc/cpuinfo"},
    "partitions": [{"start": {"value": 2048, "source": "mbr"}}],
    "label": {"value": "<b>x</b>\u0007", "source": "blkid"},
    "vbs_status": {"value": null, "unknown": "Windows only"},
    "kernel_version": {"value": null, "unknown": "file does not exist"},
    "installed_hypervisors": {"value": [], "source": "dpkg"},
    "hypervisor_vendor": {"value": "", "source": "cpuid"}
  })");
  QTreeWidget tree;
  tree.setColumnCount(2);
  gui::show_facts(&tree, facts);
  QMap<QString, QString> rows;
  for (int i = 0; i < tree.topLevelItemCount(); ++i) rows[tree.topLevelItem(i)->text(0)] = tree.topLevelItem(i)->text(1);
  CHECK(rows.value(QStringLiteral("Hardware virtualization")) == QStringLiteral("Yes"));
  CHECK(rows.value(QStringLiteral("Usb link gbps")) == QStringLiteral("5"));  // fallback label
  CHECK(rows.value(QStringLiteral("Capacity")) == QStringLiteral("30.0 GB"));
  CHECK(rows.value(QStringLiteral("Filesystem")) == QStringLiteral("Unknown — not mounted"));
  CHECK(rows.value(QStringLiteral("CPU flags")).endsWith(QStringLiteral("… 2 more")));
  CHECK(rows.contains(QStringLiteral("Partitions")));
  // Labels are shown as plain text in a tree: markup is not interpreted.
  CHECK(rows.value(QStringLiteral("Label")).startsWith(QStringLiteral("<b>x</b>")));
  // A Windows-only fact on this (non-Windows) computer is left out; other unknowns stay.
  CHECK(rows.value(QStringLiteral("Kernel version")) == QStringLiteral("Unknown — file does not exist"));
  for (const QString& v : rows) CHECK_FALSE(v.contains(QStringLiteral("Windows only")));
  CHECK(rows.size() == tree.topLevelItemCount());
  CHECK(tree.topLevelItemCount() == 10);
  // Known but empty reads as "None", not as a blank cell.
  CHECK(rows.value(QStringLiteral("Installed hypervisors")) == QStringLiteral("None"));
  CHECK(rows.value(QStringLiteral("Hypervisor underneath")) == QStringLiteral("None"));
}

TEST_CASE("only VM folders, configs and disk images may be dropped") {
  const auto dir = test::temp_dir("gui-drop");
  for (const char* name : {"a.vbox", "b.VMX", "c.qcow2", "d.txt"}) std::ofstream(dir / name) << "x";
  auto p = [&](const char* n) { return QString::fromStdString((dir / n).string()); };
  CHECK(gui::looks_like_vm(p("a.vbox")));
  CHECK(gui::looks_like_vm(p("b.VMX")));
  CHECK(gui::looks_like_vm(p("c.qcow2")));
  CHECK_FALSE(gui::looks_like_vm(p("d.txt")));
  CHECK(gui::looks_like_vm(QString::fromStdString(dir.string())));  // a VM folder
  CHECK_FALSE(gui::looks_like_vm(p("missing.vdi")));
}
