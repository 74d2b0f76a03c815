// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/vm_paths.hpp"

#include <QFileInfo>

namespace vmstick::gui {
namespace {
const QStringList& suffixes() {
  static const QStringList s{QStringLiteral("vbox"), QStringLiteral("vmx"),  QStringLiteral("vdi"),
                             QStringLiteral("vmdk"), QStringLiteral("vhd"),  QStringLiteral("vhdx"),
                             QStringLiteral("qcow2"), QStringLiteral("img"), QStringLiteral("raw"),
                             QStringLiteral("iso")};
  return s;
}
}  // namespace

QStringList vm_name_filters() {
  QStringList globs;
  for (const auto& s : suffixes()) globs << QStringLiteral("*.") + s;
  return {QStringLiteral("VM (%1)").arg(globs.join(QLatin1Char(' '))), QStringLiteral("* (*)")};
}

bool looks_like_vm(const QString& path) {
  const QFileInfo info(path);
  if (!info.exists()) return false;
  if (info.isDir()) return true;
  return suffixes().contains(info.suffix().toLower());
}

}  // namespace vmstick::gui
