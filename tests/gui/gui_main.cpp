// SPDX-License-Identifier: GPL-3.0-or-later
// Catch2 main for widget tests: one QApplication for the whole run.
#define CATCH_CONFIG_RUNNER
#include <QApplication>
#include <QDir>
#include <QSettings>
#include <catch2/catch.hpp>

#include "support/fixtures.hpp"

int main(int argc, char** argv) {
  // Offscreen unless the caller chose a platform (Xvfb for screenshots).
  if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
  QApplication app(argc, argv);
  QApplication::setOrganizationName(QStringLiteral("vmstick-test"));
  QApplication::setApplicationName(QStringLiteral("vmstick-test"));
  // Tests run in parallel processes: each gets its own settings file, never the user's.
  QSettings::setDefaultFormat(QSettings::IniFormat);
  const QString dir = QString::fromStdString(
      vmstick::test::temp_dir("gui-settings-" + std::to_string(QCoreApplication::applicationPid())).string());
  QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, dir);
  const int rc = Catch::Session().run(argc, argv);
  QDir(dir).removeRecursively();
  return rc;
}
