// SPDX-License-Identifier: GPL-3.0-or-later
#include <QSignalSpy>
#include <QTreeWidget>
#include <catch2/catch.hpp>

#include "app/main_window.hpp"
#include "support/fixtures.hpp"

using namespace vmstick;

namespace {
QStringList titles(gui::MainWindow& w) {
  auto* tree = w.findChild<QTreeWidget*>(QStringLiteral("findingsView"));
  REQUIRE(tree != nullptr);
  QStringList out;
  for (int i = 0; i < tree->topLevelItemCount(); ++i) out << tree->topLevelItem(i)->text(1);
  return out;
}
}  // namespace

TEST_CASE("main window runs the check off the GUI thread and lists the finding") {
  gui::MainWindow w(make_platform_backend(), PathStore(test::fixture("intel-vmx")), Lang::en);
  w.show();
  QSignalSpy done(&w, &gui::MainWindow::check_finished);
  w.start_check();
  REQUIRE(done.wait(10000));
  CHECK(titles(w).contains(QStringLiteral("Hardware virtualization (VT-x) is available")));
}

TEST_CASE("main window shows a blocker in Chinese") {
  gui::MainWindow w(make_platform_backend(), PathStore(test::fixture("no-virt-support")), Lang::zh_CN);
  QSignalSpy done(&w, &gui::MainWindow::check_finished);
  w.start_check();
  REQUIRE(done.wait(10000));
  CHECK(titles(w).contains(QStringLiteral("硬件虚拟化（VT-x/AMD-V）不可用")));
  REQUIRE(w.rendered_findings().size() == 1);
  CHECK(w.rendered_findings()[0].severity == Severity::blocker);
}
