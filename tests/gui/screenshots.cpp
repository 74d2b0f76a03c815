// SPDX-License-Identifier: GPL-3.0-or-later
// Saves PNGs of the main window and of every wizard page, in English and in
// Chinese, for a person to look at: `gui_screenshots OUTDIR [SCALE]` (run
// under xvfb-run by the "gui: screenshots" tests, once at 100 % and once with
// QT_SCALE_FACTOR=2 for HiDPI). Fails if a picture cannot be taken, is not
// drawn at SCALE device pixels per pixel, or no installed font can draw Chinese.
#include <QApplication>
#include <QDir>
#include <QFontDatabase>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTest>
#include <cstdio>
#include <cstdlib>

#include "app/main_window.hpp"
#include "app/plan_wizard.hpp"
#include "core/log/log.hpp"

using namespace vmstick;

namespace {

double g_scale = 1.0;

bool save(QWidget& w, const QDir& dir, const QString& name) {
  QTest::qWait(50);  // let layouts settle and paint
  const QPixmap shot = w.grab();
  const QString path = dir.filePath(name + QStringLiteral(".png"));
  if (shot.isNull() || !shot.save(path)) {
    std::fprintf(stderr, "could not save %s\n", qPrintable(path));
    return false;
  }
  // HiDPI: the picture must carry scale device pixels per logical pixel,
  // i.e. the window really drew itself sharp, not a blown-up 100 % copy.
  const QSize want(qRound(w.width() * g_scale), qRound(w.height() * g_scale));
  if (shot.size() != want) {
    std::fprintf(stderr, "%s is %dx%d device pixels, expected %dx%d at scale %.2f\n", qPrintable(path),
                 shot.width(), shot.height(), want.width(), want.height(), g_scale);
    return false;
  }
  std::printf("%s\n", qPrintable(path));
  return true;
}

bool shoot(Lang lang, const QDir& dir, const char* fixtures) {
  const QString tag = lang == Lang::zh_CN ? QStringLiteral("zh_CN") : QStringLiteral("en");
  gui::MainWindow w(make_platform_backend(), PathStore(std::string(fixtures) + "/intel-vmx"), lang);
  w.resize(1100, 720);
  w.show();
  QSignalSpy done(&w, &gui::MainWindow::check_finished);
  w.start_check();
  if (!done.wait(20000)) return false;
  bool ok = save(w, dir, QStringLiteral("main_") + tag);

  FactSet facts = w.last_result().facts;
  DriveFacts stick;  // a sample stick so the pages show a drive list
  stick.id = "/media/user/STICK";
  stick.model = Fact<std::string>::known("SanDisk Ultra", "screenshot sample");
  stick.capacity_bytes = Fact<std::uint64_t>::known(64ULL << 30, "screenshot sample");
  facts.drives.push_back(stick);
  facts.target_drive = facts.drives.size() - 1;
  gui::PlanWizard wiz(facts, lang, gui::CheckJob{});
  wiz.show();
  const char* pages[] = {"1_stick", "2_where", "3_vm", "4_checks", "5_plan"};
  for (const char* page : pages) {
    ok = save(wiz, dir, QStringLiteral("wizard_%1_%2").arg(tag, QLatin1String(page))) && ok;
    wiz.next();
  }
  return ok;
}

}  // namespace

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  QApplication::setOrganizationName(QStringLiteral("vmstick-screenshots"));
  if (argc < 2) {
    std::fprintf(stderr, "usage: gui_screenshots OUTDIR [SCALE]\n");
    return 2;
  }
  if (argc > 2) g_scale = std::atof(argv[2]);
  const QDir dir(QString::fromLocal8Bit(argv[1]));
  if (!QDir().mkpath(dir.path())) return 1;
  if (QFontDatabase::families(QFontDatabase::SimplifiedChinese).isEmpty()) {
    std::fprintf(stderr, "no installed font covers Simplified Chinese (install fonts-wqy-microhei)\n");
    return 1;
  }
  const bool ok = shoot(Lang::en, dir, VMSTICK_FIXTURES) && shoot(Lang::zh_CN, dir, VMSTICK_FIXTURES);
  return ok ? 0 : 1;
}
