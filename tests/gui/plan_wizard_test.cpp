// SPDX-License-Identifier: GPL-3.0-or-later
#include <QCheckBox>
#include <QClipboard>
#include <QGuiApplication>
#include <QTest>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTextBrowser>
#include <catch2/catch.hpp>
#include <fstream>

#include "app/i18n.hpp"
#include "app/plan_wizard.hpp"
#include "core/plan/plan_text.hpp"
#include "gui/gui_support.hpp"
#include "support/fixtures.hpp"
#include "support/shell.hpp"

using namespace vmstick;
using gui::PlanWizard;

namespace {

template <class W>
W* child(QWidget& w, const char* name) {
  auto* c = w.findChild<W*>(QLatin1String(name));
  REQUIRE(c != nullptr);
  return c;
}

FactSet linux_host_with_stick(const char* filesystem) {
  FactSet f;
  f.host.os = Fact<std::string>::known("linux", "test");
  auto d = test::drive("/media/me/STICK", "SanDisk Ultra", 64ULL << 30);
  f.drives.push_back(d);
  f.target_drive = 0;
  (void)filesystem;
  return f;
}

gui::CheckJob no_job() {
  return test::facts_job([](const CheckRequest&, FactSet&) {});
}

struct Where {
  bool this_computer, windows, macos, linux_;
  bool vbox, vmware, hyperv, qemu;
};

void set_where(PlanWizard& wiz, Where w) {
  child<QCheckBox>(wiz, "wizThisComputer")->setChecked(w.this_computer);
  child<QCheckBox>(wiz, "wizWindows")->setChecked(w.windows);
  child<QCheckBox>(wiz, "wizMacOS")->setChecked(w.macos);
  child<QCheckBox>(wiz, "wizLinux")->setChecked(w.linux_);
  child<QCheckBox>(wiz, "wizVirtualBox")->setChecked(w.vbox);
  child<QCheckBox>(wiz, "wizVMware")->setChecked(w.vmware);
  child<QCheckBox>(wiz, "wizHyperV")->setChecked(w.hyperv);
  child<QCheckBox>(wiz, "wizQemu")->setChecked(w.qemu);
}

// Walks every page the way a user does, returning the ids seen.
std::vector<int> walk(PlanWizard& wiz, const QString& dir, Where where, int disk_gib) {
  std::vector<int> seen{wiz.currentId()};
  child<QLineEdit>(wiz, "wizTargetDir")->setText(dir);
  wiz.next();
  seen.push_back(wiz.currentId());
  set_where(wiz, where);
  wiz.next();
  seen.push_back(wiz.currentId());
  child<QSpinBox>(wiz, "wizDiskGiB")->setValue(disk_gib);
  wiz.next();
  seen.push_back(wiz.currentId());
  wiz.next();
  seen.push_back(wiz.currentId());
  return seen;
}

const std::vector<int> kAllPages{PlanWizard::StickPage, PlanWizard::WherePage, PlanWizard::ImagePage,
                                 PlanWizard::ChecksPage, PlanWizard::PlanPage};

}  // namespace

TEST_CASE("wizard: this Linux PC plus Windows and Macs with VirtualBox gets exFAT and VDI") {
  PlanWizard wiz(linux_host_with_stick(nullptr), Lang::en, no_job());
  wiz.show();
  CHECK(walk(wiz, QStringLiteral("/media/me/STICK"), {true, true, true, false, true, false, false, false}, 40) ==
        kAllPages);
  REQUIRE(wiz.plan());
  CHECK(wiz.plan()->filesystem == plan::Filesystem::exFAT);
  CHECK(wiz.plan()->format == plan::ImageFormat::VDI);
  CHECK(wiz.plan()->variant == plan::Variant::fixed);  // 40 GiB fits the 64 GiB stick
  CHECK(wiz.plan()->image_path == "/media/me/STICK/Windows-11.vdi");
  // The page shows the plan and one copyable line per command.
  CHECK(child<QTextBrowser>(wiz, "wizPlanText")->toPlainText().contains(QStringLiteral("Filesystem: exFAT")));
  auto* cmd = child<QLineEdit>(wiz, "wizCommand1");
  CHECK(cmd->text().startsWith(QStringLiteral("VBoxManage createmedium disk")));
  CHECK(cmd->isReadOnly());
  child<QPushButton>(wiz, "wizCopy1")->click();
  CHECK(QGuiApplication::clipboard()->text() == cmd->text());
}

TEST_CASE("wizard: Linux only with QEMU gets ext4 and qcow2") {
  PlanWizard wiz(linux_host_with_stick(nullptr), Lang::en, no_job());
  wiz.show();
  CHECK(walk(wiz, QStringLiteral("/media/me/STICK/vms"), {true, false, false, false, false, false, false, true}, 20) ==
        kAllPages);
  REQUIRE(wiz.plan());
  CHECK(wiz.plan()->filesystem == plan::Filesystem::ext4);
  CHECK(wiz.plan()->format == plan::ImageFormat::QCOW2);
  // The folder lies on the known stick, so its size is known and 20 GiB fits: fixed.
  CHECK(wiz.plan()->variant == plan::Variant::fixed);
}

TEST_CASE("wizard: Windows machines with Hyper-V and VMware get VHD and a warning") {
  PlanWizard wiz(linux_host_with_stick(nullptr), Lang::en, no_job());
  wiz.show();
  walk(wiz, QStringLiteral("/media/me/STICK"), {false, true, false, false, false, true, true, false}, 30);
  REQUIRE(wiz.plan());
  CHECK(wiz.plan()->filesystem == plan::Filesystem::NTFS);
  CHECK(wiz.plan()->format == plan::ImageFormat::VHD);
  REQUIRE(wiz.plan()->notes.size() == 1);
  CHECK(wiz.plan()->notes[0].id == "format.no_common");
}

TEST_CASE("wizard: a folder on no known drive plans a dynamic disk") {
  PlanWizard wiz(linux_host_with_stick(nullptr), Lang::en, no_job());
  wiz.show();
  walk(wiz, QStringLiteral("/media/me/STICK2"), {true, false, false, false, true, false, false, false}, 20);
  REQUIRE(wiz.plan());
  CHECK(wiz.plan()->variant == plan::Variant::dynamic);
  CHECK(wiz.plan()->variant_reason.id == "variant.dynamic.capacity_unknown");
}

TEST_CASE("wizard: an existing image is carried over and the plan is in Chinese") {
  FactSet facts = linux_host_with_stick(nullptr);
  ImageFacts img;
  img.path = "/home/me/vm.qcow2";
  img.format = Fact<std::string>::known("qcow2", "test");
  img.virtual_size_bytes = Fact<std::uint64_t>::known(25ULL << 30, "test");
  facts.image = img;
  PlanWizard wiz(facts, Lang::zh_CN, no_job());
  wiz.show();
  wiz.next();
  set_where(wiz, {true, true, false, false, true, false, false, false});
  wiz.next();
  CHECK(child<QRadioButton>(wiz, "wizExisting")->isChecked());
  CHECK(child<QSpinBox>(wiz, "wizDiskGiB")->value() == 25);
  wiz.next();
  wiz.next();
  REQUIRE(wiz.currentId() == PlanWizard::PlanPage);
  REQUIRE(wiz.plan());
  CHECK(wiz.plan()->filesystem == plan::Filesystem::NTFS);
  CHECK(wiz.plan()->format == plan::ImageFormat::VDI);
  REQUIRE(wiz.plan()->commands.size() == 1);
  CHECK(wiz.plan()->commands[0].line.starts_with("qemu-img convert -p -f qcow2 -O vdi"));
  CHECK(child<QTextBrowser>(wiz, "wizPlanText")->toPlainText().contains(QStringLiteral("文件系统：NTFS")));
  {
    // QWizard's own buttons come from Qt's Chinese translation
    // (qt6-translations-l10n); QWizard names them when it is built, and the app
    // applies the language before it builds any window.
    REQUIRE(gui::apply_language(Lang::zh_CN));
    PlanWizard zh(facts, Lang::zh_CN, no_job());
    CHECK(zh.button(QWizard::FinishButton)->text() != QStringLiteral("&Finish"));
    CHECK(zh.button(QWizard::BackButton)->text().contains(QStringLiteral("上一步")));
    REQUIRE(gui::apply_language(Lang::en));
    PlanWizard en(facts, Lang::en, no_job());
    CHECK(en.button(QWizard::BackButton)->text().contains(QStringLiteral("Back")));
  }
  const auto dir = test::temp_dir("gui-wizard-export");
  REQUIRE(wiz.export_plan(QString::fromStdString((dir / "plan.json").string())).ok());
  std::ifstream in(dir / "plan.json");
  const auto j = nlohmann::json::parse(in);
  CHECK(j["format"] == "vdi");

  // Exported as HTML: the whole report, in the wizard's language, with the plan in it.
  const auto html_file = dir / "report.html";
  REQUIRE(wiz.export_plan(QString::fromStdString(html_file.string())).ok());
  std::ifstream hin(html_file);
  const std::string html((std::istreambuf_iterator<char>(hin)), std::istreambuf_iterator<char>());
  CHECK(html.find("<h2>便携虚拟机方案</h2>") != std::string::npos);
  CHECK(html.find("文件系统：NTFS") != std::string::npos);
  CHECK(html.find("qemu-img convert -p -f qcow2 -O vdi") != std::string::npos);
  CHECK(html.find("vmstick 检查报告") != std::string::npos);
  // The report it renders is valid against the published schema.
  const nlohmann::json report = wiz.report_with_plan(wiz.input());
  CHECK(report["plan"]["format"] == "vdi");
  CHECK(report["language"] == "zh_CN");
  {
    std::ofstream out(dir / "report.json");
    out << report.dump(2);
  }
  const auto schema = test::fixture("..") / ".." / "docs" / "report.schema.json";
  const auto v = test::sh("python3 -c 'import json,sys,jsonschema; jsonschema.Draft202012Validator(json.load(open(sys.argv[1])))"
                          ".validate(json.load(open(sys.argv[2])))' " +
                          test::q(schema) + " " + test::q(dir / "report.json"));
  INFO(v.out);
  CHECK(v.rc == 0);
}

TEST_CASE("wizard: Next stays off until the page is complete") {
  PlanWizard wiz(FactSet{}, Lang::en, no_job());
  wiz.show();
  CHECK_FALSE(wiz.page(PlanWizard::StickPage)->isComplete());  // no folder and no drives
  child<QLineEdit>(wiz, "wizTargetDir")->setText(QStringLiteral("/tmp/x"));
  CHECK(wiz.page(PlanWizard::StickPage)->isComplete());
  wiz.next();
  set_where(wiz, {false, false, false, false, true, false, false, false});
  CHECK_FALSE(wiz.page(PlanWizard::WherePage)->isComplete());  // no computer chosen
  child<QCheckBox>(wiz, "wizMacOS")->setChecked(true);
  CHECK(wiz.page(PlanWizard::WherePage)->isComplete());
}

TEST_CASE("wizard: the speed test feeds the plan, and cancelling it works") {
  std::atomic<int> ticks{0};
  PlanWizard wiz(linux_host_with_stick(nullptr), Lang::en, test::slow_bench_job(&ticks));
  wiz.show();
  child<QLineEdit>(wiz, "wizTargetDir")->setText(QStringLiteral("/media/me/STICK"));
  wiz.next();
  wiz.next();
  wiz.next();
  REQUIRE(wiz.currentId() == PlanWizard::ChecksPage);
  QSignalSpy done(&wiz, &PlanWizard::speed_test_finished);
  child<QPushButton>(wiz, "wizSpeedTest")->click();
  CHECK(wiz.speed_test_running());
  CHECK_FALSE(wiz.page(PlanWizard::ChecksPage)->isComplete());  // no Next while measuring
  for (int i = 0; i < 200 && ticks.load() < 3; ++i) QTest::qWait(10);
  child<QPushButton>(wiz, "wizCancel")->click();
  REQUIRE(done.wait(10000));
  CHECK_FALSE(wiz.input().seq_write_mbps);  // cancelled: nothing measured
  CHECK(wiz.page(PlanWizard::ChecksPage)->isComplete());
  // Run to the end this time.
  child<QPushButton>(wiz, "wizSpeedTest")->click();
  REQUIRE(done.wait(20000));
  REQUIRE(wiz.input().seq_write_mbps);
  CHECK(*wiz.input().seq_write_mbps == 50);
  wiz.next();
  REQUIRE(wiz.plan());
  CHECK(wiz.plan()->speed == plan::SpeedClass::good);
  REQUIRE(wiz.plan()->fixed_create_seconds);
}
