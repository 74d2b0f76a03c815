// SPDX-License-Identifier: GPL-3.0-or-later
// Catch2 main for widget tests: one QApplication for the whole run.
#define CATCH_CONFIG_RUNNER
#include <QApplication>
#include <catch2/catch.hpp>

int main(int argc, char** argv) {
  // Offscreen unless the caller chose a platform (Xvfb for screenshots).
  if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
  QApplication app(argc, argv);
  return Catch::Session().run(argc, argv);
}
