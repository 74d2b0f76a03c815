// SPDX-License-Identifier: GPL-3.0-or-later
#include <QAction>
#include <QFile>
#include <QDropEvent>
#include <QLabel>
#include <QMessageBox>
#include <QMimeData>
#include <QUrl>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTest>
#include <QTreeWidget>
#include <QImage>
#include <catch2/catch.hpp>
#include <fstream>
#include <iterator>
#include <mutex>
#include <nlohmann/json.hpp>

#include "app/main_window.hpp"
#include "app/score_gauge.hpp"
#include "gui/gui_support.hpp"
#include "support/fixtures.hpp"

using namespace vmstick;

namespace {

QTreeWidget* tree(QWidget& w, const char* name) {
  auto* t = w.findChild<QTreeWidget*>(QLatin1String(name));
  REQUIRE(t != nullptr);
  return t;
}

QStringList column(QTreeWidget* t, int col) {
  QStringList out;
  for (int i = 0; i < t->topLevelItemCount(); ++i) out << t->topLevelItem(i)->text(col);
  return out;
}

QStringList titles(gui::MainWindow& w) { return column(tree(w, "findingsView"), 1); }

void run_and_wait(gui::MainWindow& w) {
  QSignalSpy done(&w, &gui::MainWindow::check_finished);
  w.start_check();
  REQUIRE(done.wait(20000));
}

QString area_result(gui::MainWindow& w, const QString& area) {
  auto* t = tree(w, "areaView");
  for (int i = 0; i < t->topLevelItemCount(); ++i)
    if (t->topLevelItem(i)->text(0) == area) return t->topLevelItem(i)->text(1);
  return {};
}

}  // namespace

TEST_CASE("main window runs the check off the GUI thread and lists the finding") {
  gui::MainWindow w(make_platform_backend(), PathStore(test::fixture("intel-vmx")), Lang::en);
  w.show();
  run_and_wait(w);
  CHECK(titles(w).contains(QStringLiteral("Hardware virtualization (VT-x) is available")));
  // The host panel shows the probe's facts with human labels.
  const QStringList host_labels = column(tree(w, "hostFacts"), 0);
  CHECK(host_labels.contains(QStringLiteral("Hardware virtualization")));
  CHECK(host_labels.contains(QStringLiteral("CPU model")));
  CHECK(area_result(w, QStringLiteral("Virtualization")) == QStringLiteral("OK"));
  // The gauge shows the same score as the text beside it.
  auto* gauge = w.findChild<gui::ScoreGauge*>(QStringLiteral("scoreGauge"));
  REQUIRE(gauge);
  REQUIRE(gauge->score());
  const auto score_text = w.findChild<QLabel*>(QStringLiteral("scoreLabel"))->text();
  CHECK(score_text.startsWith(QStringLiteral("Score: %1/100").arg(*gauge->score())));
  CHECK(gauge->accessibleDescription() == QStringLiteral("%1 / 100").arg(*gauge->score()));
}

TEST_CASE("main window shows a blocker in Chinese") {
  gui::MainWindow w(make_platform_backend(), PathStore(test::fixture("no-virt-support")), Lang::zh_CN);
  run_and_wait(w);
  CHECK(titles(w).contains(QStringLiteral("硬件虚拟化（VT-x/AMD-V）不可用")));
  REQUIRE(w.rendered_findings().size() == 1);
  CHECK(w.rendered_findings()[0].severity == Severity::blocker);
  // The window's own texts follow the language too (the compiled-in .qm).
  auto* recheck = w.findChild<QPushButton*>(QStringLiteral("recheckButton"));
  REQUIRE(recheck);
  CHECK(recheck->text() == QStringLiteral("重新检查(&A)"));
  CHECK(area_result(w, QStringLiteral("虚拟化")) == QStringLiteral("阻碍"));
  // A blocker caps the score at 20 and colours the ring red, as in the report.
  auto* gauge = w.findChild<gui::ScoreGauge*>(QStringLiteral("scoreGauge"));
  REQUIRE(gauge);
  REQUIRE(gauge->score());
  CHECK(*gauge->score() <= 20);
  CHECK(w.findChild<QLabel*>(QStringLiteral("scoreLabel"))->text() == QStringLiteral("评分：%1/100").arg(*gauge->score()));
  const QImage drawn = gauge->grab().toImage();
  bool has_blocker_colour = false;
  for (int y = 0; y < drawn.height() && !has_blocker_colour; ++y)
    for (int x = 0; x < drawn.width(); ++x)
      if (drawn.pixelColor(x, y) == gui::ScoreGauge::colour_for(Severity::blocker)) {
        has_blocker_colour = true;
        break;
      }
  CHECK(has_blocker_colour);
}

TEST_CASE("switching the language re-renders findings and window texts without a new check") {
  gui::MainWindow w(make_platform_backend(), PathStore(test::fixture("no-virt-support")), Lang::en);
  run_and_wait(w);
  REQUIRE(titles(w).contains(QStringLiteral("Hardware virtualization (VT-x/AMD-V) is not available")));
  w.set_language(Lang::zh_CN);
  CHECK(titles(w).contains(QStringLiteral("硬件虚拟化（VT-x/AMD-V）不可用")));
  CHECK(w.findChild<QPushButton*>(QStringLiteral("exportButton"))->text() == QStringLiteral("导出报告(&E)…"));
  w.set_language(Lang::en);
  CHECK(w.findChild<QPushButton*>(QStringLiteral("exportButton"))->text() == QStringLiteral("&Export report…"));
  CHECK(titles(w).contains(QStringLiteral("Hardware virtualization (VT-x/AMD-V) is not available")));
}

TEST_CASE("the window says how each installed hypervisor will fare, in the window's language") {
  gui::MainWindow w(make_platform_backend(), PathStore(test::fixture("kvm-intel-6.12-virtualbox-installed")), Lang::en);
  w.show();
  run_and_wait(w);
  auto* hv = w.findChild<QLabel*>(QStringLiteral("hypervisorLabel"));
  REQUIRE(hv);
  CHECK(hv->isVisible());
  CHECK(hv->text() == QStringLiteral("VirtualBox 7.0.20: will not run it, KVM holds VT-x/AMD-V, so it cannot start VMs"));
  CHECK(hv->toolTip() == QStringLiteral("kvm_intel is loaded with enable_virt_at_load=1"));
  w.set_language(Lang::zh_CN);
  CHECK(hv->text() == QStringLiteral("VirtualBox 7.0.20：无法运行，KVM 占用了 VT-x/AMD-V，因此无法启动虚拟机"));
  // A host without hypervisors shows no empty line.
  gui::MainWindow none(make_platform_backend(), PathStore(test::fixture("intel-vmx")), Lang::en);
  none.show();
  run_and_wait(none);
  CHECK_FALSE(none.findChild<QLabel*>(QStringLiteral("hypervisorLabel"))->isVisible());
}

TEST_CASE("first run without a stick asks to plug one in") {
  auto job = test::facts_job([](const CheckRequest&, FactSet& f) {
    f.host.hw_virt_available = Fact<bool>::known(true, "test");
  });
  gui::MainWindow w(job, Lang::en, {});
  w.show();
  run_and_wait(w);
  auto* hint = w.findChild<QLabel*>(QStringLiteral("noDriveLabel"));
  REQUIRE(hint);
  CHECK(hint->isVisible());
  CHECK(hint->text() == QStringLiteral("Plug in a USB stick or choose a folder."));
  CHECK_FALSE(w.findChild<QListWidget*>(QStringLiteral("driveList"))->isVisible());
}

TEST_CASE("a drives-changed event updates the drive list") {
  std::mutex m;
  std::vector<DriveFacts> plugged;
  auto job = test::facts_job([&](const CheckRequest&, FactSet& f) {
    std::lock_guard lock(m);
    f.drives = plugged;
  });
  gui::MainWindow w(job, Lang::en, {});
  w.show();
  run_and_wait(w);
  auto* list = w.findChild<QListWidget*>(QStringLiteral("driveList"));
  REQUIRE(list);
  CHECK(list->count() == 0);
  {
    std::lock_guard lock(m);
    plugged.push_back(test::drive("/dev/sdb", "SanDisk Ultra", 32ULL << 30));
    plugged.push_back(test::drive("/dev/sdc", "Kingston DataTraveler", 64ULL << 30));
  }
  QSignalSpy done(&w, &gui::MainWindow::check_finished);
  // Bursts collapse: three events, one re-check.
  w.drives_changed();
  w.drives_changed();
  QMetaObject::invokeMethod(&w, "drives_changed", Qt::QueuedConnection);
  REQUIRE(done.wait(10000));
  REQUIRE(list->count() == 2);
  CHECK(list->item(0)->text().startsWith(QStringLiteral("/dev/sdb — SanDisk Ultra")));
  CHECK_FALSE(w.findChild<QLabel*>(QStringLiteral("noDriveLabel"))->isVisible());
  // Selecting a drive makes it the request's drive and shows its facts.
  list->setCurrentRow(1);
  REQUIRE(w.request().drive);
  CHECK(*w.request().drive == "/dev/sdc");
  CHECK(column(tree(w, "driveFacts"), 1).contains(QStringLiteral("Kingston DataTraveler")));
  REQUIRE(done.wait(10000));  // the selection re-checks with the new target
  {
    std::lock_guard lock(m);
    plugged.erase(plugged.begin());
  }
  w.drives_changed();
  REQUIRE(done.wait(10000));
  CHECK(list->count() == 1);
  CHECK(done.count() == 3);
}

TEST_CASE("the speed test shows progress and can be cancelled") {
  std::atomic<int> ticks{0};
  gui::MainWindow w(test::slow_bench_job(&ticks), Lang::en, {});
  w.show();
  CHECK_FALSE(w.start_speed_test(false));  // no drive chosen yet: nothing starts
  w.set_drive(QStringLiteral("/tmp"));     // starts an ordinary check
  QSignalSpy done(&w, &gui::MainWindow::check_finished);
  w.cancel_check();
  REQUIRE(done.wait(10000));
  REQUIRE(w.start_speed_test(false));
  CHECK(w.check_running());
  auto* cancel = w.findChild<QPushButton*>(QStringLiteral("cancelButton"));
  REQUIRE(cancel);
  // Wait until the worker has reported progress at least once, then cancel.
  for (int i = 0; i < 200 && ticks.load() < 5; ++i) QTest::qWait(10);
  // The step arrives as an id and is shown worded.
  const QString step = QStringLiteral("Speed test: Random 4K write, QD1");
  for (int i = 0; i < 200 && w.statusBar()->currentMessage() != step; ++i) QTest::qWait(10);
  CHECK(w.statusBar()->currentMessage() == step);
  CHECK(cancel->isVisible());
  cancel->click();
  REQUIRE(done.wait(10000));
  CHECK(w.last_result().cancelled);
  CHECK_FALSE(w.last_result().facts.bench);
  CHECK_FALSE(cancel->isVisible());
  CHECK_FALSE(w.request().bench);  // consent is per run
}

TEST_CASE("export writes the JSON and HTML reports, redacted on request") {
  gui::MainWindow w(make_platform_backend(), PathStore(test::fixture("no-virt-support")), Lang::en);
  CHECK_FALSE(w.export_report(QStringLiteral("/nonexistent/x.json")).ok());  // nothing checked yet
  run_and_wait(w);
  const auto dir = test::temp_dir("gui-export");
  const auto file = dir / "report.json";
  REQUIRE(w.export_report(QString::fromStdString(file.string())).ok());
  std::ifstream in(file);
  const auto j = nlohmann::json::parse(in);
  REQUIRE(j["findings"].is_array());
  CHECK(j["findings"][0]["id"] == "host.virtualization_missing");
  REQUIRE(w.export_report(QString::fromStdString((dir / "r.html").string())).ok());
  std::ifstream html_in(dir / "r.html");
  const std::string html((std::istreambuf_iterator<char>(html_in)), std::istreambuf_iterator<char>());
  CHECK(html.find("Content-Security-Policy") != std::string::npos);
  CHECK(html.find("Hardware virtualization (VT-x/AMD-V) is not available") != std::string::npos);
  REQUIRE(w.export_report(QString::fromStdString((dir / "redacted.json").string()), true).ok());
  std::ifstream red_in(dir / "redacted.json");
  CHECK(nlohmann::json::parse(red_in)["redacted"] == true);
  // An unwritable place is an error, not a crash.
  CHECK_FALSE(w.export_report(QStringLiteral("/proc/vmstick-cannot-write.json")).ok());
  CHECK(w.summary_text().contains(QStringLiteral("not available")));
}

TEST_CASE("a finished speed test is drawn as bars") {
  std::atomic<int> ticks{0};
  gui::MainWindow w(test::slow_bench_job(&ticks), Lang::en, {});
  w.show();
  auto* bars = w.findChild<QWidget*>(QStringLiteral("speedBars"));
  REQUIRE(bars);
  CHECK_FALSE(bars->isVisible());  // nothing measured yet
  QSignalSpy done(&w, &gui::MainWindow::check_finished);
  w.set_drive(QStringLiteral("/tmp"));
  REQUIRE(done.wait(10000));
  REQUIRE(w.start_speed_test(false));
  REQUIRE(done.wait(20000));
  REQUIRE(w.last_result().facts.bench);
  CHECK(bars->isVisible());
  // The random 4K figures and the cliff are listed beneath, one line each.
  auto* list = tree(w, "benchFacts");
  CHECK(list->isVisible());
  const QStringList labels = column(list, 0);
  const QStringList values = column(list, 1);
  const auto at = [&](const QString& label) { return labels.contains(label) ? values[labels.indexOf(label)] : QString(); };
  CHECK(at(QStringLiteral("Random 4K write, QD1")) == QStringLiteral("141 IOPS  (runs 120–160, cheap USB 3 stick class)"));
  CHECK(at(QStringLiteral("Cache cliff")) == QStringLiteral("cache cliff after 48 MiB, 60.0 → 8.0 MB/s"));
  w.set_language(Lang::zh_CN);
  CHECK(column(list, 1).contains(QStringLiteral("141 IOPS  （各轮 120–160，普通 USB 3 U 盘水平）")));
}

TEST_CASE("dropping a VM config on the window checks it as the image") {
  const auto dir = test::temp_dir("gui-drop-window");
  const auto vbox = dir / "My VM.vbox";
  std::ofstream(vbox) << "<VirtualBox/>";
  auto job = test::facts_job([](const CheckRequest& req, FactSet& f) {
    if (req.image) {
      ImageFacts img;
      img.path = *req.image;
      f.image = img;
    }
  });
  gui::MainWindow w(job, Lang::en, {});
  w.show();
  QSignalSpy done(&w, &gui::MainWindow::check_finished);
  QMimeData data;
  data.setUrls({QUrl::fromLocalFile(QString::fromStdString(vbox.string()))});
  QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
  enter.setAccepted(false);
  QCoreApplication::sendEvent(&w, &enter);
  CHECK(enter.isAccepted());
  QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
  QCoreApplication::sendEvent(&w, &drop);
  REQUIRE(done.wait(10000));
  REQUIRE(w.request().image);
  CHECK(*w.request().image == vbox.string());
  REQUIRE(w.last_result().facts.image);
  CHECK(w.last_result().facts.image->path == vbox.string());
  // A text file is refused.
  const auto txt = dir / "notes.txt";
  std::ofstream(txt) << "x";
  QMimeData other;
  other.setUrls({QUrl::fromLocalFile(QString::fromStdString(txt.string()))});
  QDragEnterEvent enter2(QPoint(10, 10), Qt::CopyAction, &other, Qt::LeftButton, Qt::NoModifier);
  enter2.setAccepted(false);
  QCoreApplication::sendEvent(&w, &enter2);
  CHECK_FALSE(enter2.isAccepted());
}

TEST_CASE("the language menu overrides the system language and is remembered") {
  gui::MainWindow w(make_platform_backend(), PathStore(test::fixture("no-virt-support")), Lang::en);
  run_and_wait(w);
  auto* zh = w.findChild<QAction*>(QStringLiteral("actionLangChinese"));
  auto* en = w.findChild<QAction*>(QStringLiteral("actionLangEnglish"));
  REQUIRE(zh);
  REQUIRE(en);
  zh->trigger();
  CHECK(QSettings().value(QStringLiteral("language")).toString() == QStringLiteral("zh_CN"));
  CHECK(w.lang() == Lang::zh_CN);
  CHECK(w.findChild<QPushButton*>(QStringLiteral("recheckButton"))->text() == QStringLiteral("重新检查(&A)"));
  CHECK(titles(w).contains(QStringLiteral("硬件虚拟化（VT-x/AMD-V）不可用")));
  en->trigger();
  CHECK(QSettings().value(QStringLiteral("language")).toString() == QStringLiteral("en"));
  CHECK(w.lang() == Lang::en);
}

TEST_CASE("a speed test that measured nothing says so") {
  auto job = test::facts_job([](const CheckRequest&, FactSet&) {});  // no speed engine
  gui::MainWindow w(job, Lang::en, {});
  w.show();
  QSignalSpy done(&w, &gui::MainWindow::check_finished);
  w.set_drive(QStringLiteral("/tmp"));
  REQUIRE(done.wait(10000));
  CHECK(w.findChildren<QMessageBox*>().isEmpty());  // an ordinary check is silent
  REQUIRE(w.start_speed_test(false));
  REQUIRE(done.wait(10000));
  const auto boxes = w.findChildren<QMessageBox*>();
  REQUIRE(boxes.size() == 1);
  CHECK(boxes.front()->text().contains(QStringLiteral("produced no figures")));
}
