// SPDX-License-Identifier: GPL-3.0-or-later
// Keyboard, screen-reader and palette behaviour of the main window and the
// wizard: every control can be reached with Tab and has a name a screen
// reader can say; nothing paints a fixed light background into a dark theme.
#include <QAbstractButton>
#include <QAccessible>
#include <QAbstractItemView>
#include <QApplication>
#include <QComboBox>
#include <QHeaderView>
#include <QLineEdit>
#include <QPalette>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>
#include <catch2/catch.hpp>
#include <set>

#include "app/main_window.hpp"
#include "app/plan_wizard.hpp"
#include "app/score_gauge.hpp"
#include "core/backend.hpp"
#include "gui/gui_support.hpp"
#include "support/fixtures.hpp"

using namespace vmstick;

namespace {

// The widgets a keyboard user must be able to reach: shown, enabled controls.
std::vector<QWidget*> controls(QWidget& top) {
  std::vector<QWidget*> out;
  for (QWidget* w : top.findChildren<QWidget*>()) {
    const bool control = qobject_cast<QAbstractButton*>(w) || qobject_cast<QAbstractItemView*>(w) ||
                         qobject_cast<QLineEdit*>(w) || qobject_cast<QComboBox*>(w) || qobject_cast<QSpinBox*>(w);
    if (!control || !w->isVisibleTo(&top) || !w->isEnabled()) continue;
    // Parts of composite widgets (a spin box's or editable combo box's line
    // edit, a tree's header, a dock's title buttons) are reached through their
    // owner; Qt names its own parts qt_*.
    if (qobject_cast<QLineEdit*>(w) &&
        (qobject_cast<QAbstractSpinBox*>(w->parentWidget()) || qobject_cast<QComboBox*>(w->parentWidget())))
      continue;
    if (qobject_cast<QHeaderView*>(w) || w->objectName().startsWith(QLatin1String("qt_"))) continue;
    out.push_back(w);
  }
  return out;
}

// What a screen reader says: Qt's accessibility interface, which falls back
// from accessibleName to a button's text or the buddy label of a form field.
QString spoken_name(QWidget* w) {
  QAccessibleInterface* a = QAccessible::queryAccessibleInterface(w);
  return a ? a->text(QAccessible::Name).trimmed() : QString();
}

// Walks the Tab chain from the first focusable widget and returns what it visits.
std::set<QWidget*> tab_chain(QWidget& top) {
  std::set<QWidget*> seen;
  top.activateWindow();
  top.setFocus();
  QWidget* start = top.nextInFocusChain();
  QWidget* w = start;
  for (int i = 0; i < 500; ++i) {
    if (w->focusPolicy() & Qt::TabFocus && w->isVisibleTo(&top) && w->isEnabled()) seen.insert(w);
    w = w->nextInFocusChain();
    if (w == start) break;
  }
  return seen;
}

double mean_lightness(const QImage& img) {
  double sum = 0;
  int n = 0;
  for (int y = 0; y < img.height(); y += 4)
    for (int x = 0; x < img.width(); x += 4) {
      sum += img.pixelColor(x, y).lightnessF();
      ++n;
    }
  return n ? sum / n : 0;
}

QPalette dark_palette() {
  QPalette p;
  const QColor window(0x2b, 0x2b, 0x2b), base(0x1e, 0x1e, 0x1e), text(0xe8, 0xe8, 0xe8);
  for (auto group : {QPalette::Active, QPalette::Inactive}) {
    p.setColor(group, QPalette::Window, window);
    p.setColor(group, QPalette::WindowText, text);
    p.setColor(group, QPalette::Base, base);
    p.setColor(group, QPalette::AlternateBase, QColor(0x26, 0x26, 0x26));
    p.setColor(group, QPalette::Text, text);
    p.setColor(group, QPalette::Button, window);
    p.setColor(group, QPalette::ButtonText, text);
    p.setColor(group, QPalette::Highlight, QColor(0x3d, 0x6e, 0xb4));
    p.setColor(group, QPalette::HighlightedText, Qt::white);
  }
  p.setColor(QPalette::Disabled, QPalette::Text, QColor(0x80, 0x80, 0x80));
  return p;
}

void run_and_wait(gui::MainWindow& w) {
  QSignalSpy done(&w, &gui::MainWindow::check_finished);
  w.start_check();
  REQUIRE(done.wait(20000));
}

}  // namespace

TEST_CASE("main window: every control has a spoken name and is on the Tab chain") {
  gui::MainWindow w(make_platform_backend(), PathStore(test::fixture("intel-vmx")), Lang::en);
  w.show();
  run_and_wait(w);
  const auto chain = tab_chain(w);
  const auto all = controls(w);
  REQUIRE(all.size() >= 8);
  for (QWidget* c : all) {
    INFO(c->objectName().toStdString() << " (" << c->metaObject()->className() << ")");
    CHECK_FALSE(spoken_name(c).isEmpty());
    CHECK(chain.count(c) == 1);
  }
  auto* gauge = w.findChild<gui::ScoreGauge*>(QStringLiteral("scoreGauge"));
  REQUIRE(gauge);
  CHECK_FALSE(gauge->accessibleName().isEmpty());
}

TEST_CASE("wizard: every page's controls have spoken names and are on the Tab chain") {
  FactSet facts;
  facts.drives.push_back(test::drive("/dev/sdb", "Stick", 32ULL << 30));
  gui::PlanWizard wiz(facts, Lang::en, test::facts_job([](const CheckRequest&, FactSet&) {}));
  wiz.show();
  for (int page = 0; page < 4; ++page) {
    INFO("page " << wiz.currentId());
    const auto chain = tab_chain(wiz);
    for (QWidget* c : controls(*wiz.currentPage())) {
      INFO(c->objectName().toStdString() << " (" << c->metaObject()->className() << ")");
      CHECK_FALSE(spoken_name(c).isEmpty());
      CHECK(chain.count(c) == 1);
    }
    if (page == 0) wiz.findChild<QLineEdit*>(QStringLiteral("wizTargetDir"))->setText(QStringLiteral("/tmp/x"));
    wiz.next();
  }
}

TEST_CASE("main window follows a dark palette: no fixed light backgrounds") {
  const QPalette saved = QApplication::palette();
  {
    // The measurement tells the two apart: the same window in the default
    // (light) palette is mostly light.
    gui::MainWindow w(make_platform_backend(), PathStore(test::fixture("no-virt-support")), Lang::en);
    w.resize(1100, 720);
    w.show();
    run_and_wait(w);
    CHECK(mean_lightness(w.grab().toImage()) > 0.6);
  }
  QApplication::setPalette(dark_palette());
  {
    gui::MainWindow w(make_platform_backend(), PathStore(test::fixture("no-virt-support")), Lang::en);
    w.resize(1100, 720);
    w.show();
    run_and_wait(w);
    const QImage img = w.grab().toImage();
    // Mostly dark pixels: panels, trees and the details view all take the palette.
    CHECK(mean_lightness(img) < 0.35);
    // The gauge's number is drawn in the palette's text colour, not black.
    auto* gauge = w.findChild<gui::ScoreGauge*>(QStringLiteral("scoreGauge"));
    REQUIRE(gauge);
    CHECK(gauge->palette().color(QPalette::WindowText).lightnessF() > 0.8);
  }
  QApplication::setPalette(saved);
}
