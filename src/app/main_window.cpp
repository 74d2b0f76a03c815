// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/main_window.hpp"

#include <QActionGroup>
#include <QLocale>
#include <algorithm>
#include <QClipboard>
#include <QCloseEvent>
#include <QDesktopServices>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QGuiApplication>
#include <QMessageBox>
#include <QMimeData>
#include <QSettings>
#include <QUrl>
#include <fmt/format.h>

#include "app/facts_view.hpp"
#include "app/findings_view.hpp"
#include "app/i18n.hpp"
#include "app/log_bridge.hpp"
#include "app/plan_wizard.hpp"
#include "app/vm_paths.hpp"
#include "core/atomic_write.hpp"
#include "core/facts/fact_json.hpp"
#include "core/log/log.hpp"
#include "core/report/json_report.hpp"
#include "core/report/html_report.hpp"
#include "core/report/redact.hpp"
#include "core/report/report_resources.hpp"
#include "core/report/text_summary.hpp"
#include "core/report/verdict_words.hpp"
#include "ui_main_window.h"

// Resources compiled into a static library must be registered by hand, and
// Q_INIT_RESOURCE only works outside a namespace.
static void init_app_resources() { Q_INIT_RESOURCE(vmstick); }

namespace vmstick::gui {
namespace {

QString area_label(Area a) {
  switch (a) {
    case Area::virtualization: return MainWindow::tr("Virtualization");
    case Area::hypervisor_conflicts: return MainWindow::tr("Hypervisor conflicts");
    case Area::usb_link: return MainWindow::tr("USB link");
    case Area::filesystem_layout: return MainWindow::tr("Filesystem and layout");
    case Area::storage_speed: return MainWindow::tr("Storage speed");
    case Area::image_fit: return MainWindow::tr("VM image");
  }
  return {};
}

// A dialog that does not block: no nested event loop, and the window keeps
// updating behind it.
void show_message(QWidget* parent, QMessageBox::Icon icon, const QString& title, const QString& text) {
  auto* box = new QMessageBox(icon, title, text, QMessageBox::Ok, parent);
  box->setAttribute(Qt::WA_DeleteOnClose);
  box->open();
}

constexpr int kProgressSteps = 1000;

}  // namespace

MainWindow::MainWindow(std::unique_ptr<Backend> backend, PathStore paths, Lang lang, QWidget* parent)
    : MainWindow(backend_job(std::shared_ptr<const Backend>(std::move(backend)), std::move(paths)), lang,
                 log::current_file(), parent) {}

MainWindow::MainWindow(CheckJob job, Lang lang, std::filesystem::path log_file, QWidget* parent)
    : QMainWindow(parent),
      ui_(std::make_unique<Ui::MainWindow>()),
      lang_(lang),
      log_file_(std::move(log_file)),
      log_bridge_(new LogBridge(this)),
      runner_(new CheckRunner(std::move(job), this)) {
  init_app_resources();
  apply_language(lang_);
  ui_->setupUi(this);
  setWindowIcon(QIcon(QStringLiteral(":/vmstick/icon.svg")));
  ui_->splitter->setStretchFactor(0, 3);
  ui_->splitter->setStretchFactor(1, 2);
  ui_->mainSplitter->setStretchFactor(0, 2);
  ui_->mainSplitter->setStretchFactor(1, 3);
  QFont big = ui_->verdictLabel->font();
  big.setPointSizeF(big.pointSizeF() * 1.3);
  big.setBold(true);
  ui_->verdictLabel->setFont(big);
  ui_->speedBars->set_speeds(std::nullopt, std::nullopt);
  ui_->speedProgress->setVisible(false);
  ui_->cancelButton->setVisible(false);
  // The log is for when something goes wrong: a few lines, not half the window.
  resizeDocks({ui_->logDock}, {fontMetrics().height() * 6}, Qt::Vertical);
  drives_debounce_.setSingleShot(true);
  drives_debounce_.setInterval(300);
  wire_actions();
  const QSettings settings;
  restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
  refresh_views();
}

MainWindow::~MainWindow() {
  runner_->cancel();
  runner_->wait();
}

void MainWindow::wire_actions() {
  connect(log_bridge_, &LogBridge::line, ui_->logView, &QPlainTextEdit::appendPlainText);
  connect(runner_, &CheckRunner::finished, this, &MainWindow::handle_check_done);
  connect(runner_, &CheckRunner::failed, this, &MainWindow::handle_check_failed);
  connect(runner_, &CheckRunner::progress, this, &MainWindow::handle_progress);
  connect(&drives_debounce_, &QTimer::timeout, this, &MainWindow::start_check);
  connect(ui_->findingsView, &QTreeWidget::itemSelectionChanged, this, &MainWindow::show_selected_finding);
  connect(ui_->driveList, &QListWidget::itemSelectionChanged, this, &MainWindow::show_selected_drive);
  connect(ui_->recheckButton, &QPushButton::clicked, this, &MainWindow::start_check);
  connect(ui_->actionRecheck, &QAction::triggered, this, &MainWindow::start_check);
  connect(ui_->chooseVmButton, &QPushButton::clicked, this, &MainWindow::choose_vm);
  connect(ui_->actionChooseVm, &QAction::triggered, this, &MainWindow::choose_vm);
  connect(ui_->chooseFolderButton, &QPushButton::clicked, this, &MainWindow::choose_folder);
  connect(ui_->actionChooseFolder, &QAction::triggered, this, &MainWindow::choose_folder);
  connect(ui_->speedTestButton, &QPushButton::clicked, this, [this] { start_speed_test(true); });
  connect(ui_->actionSpeedTest, &QAction::triggered, this, [this] { start_speed_test(true); });
  connect(ui_->cancelButton, &QPushButton::clicked, runner_, &CheckRunner::cancel);
  connect(ui_->exportButton, &QPushButton::clicked, this, &MainWindow::choose_export_file);
  connect(ui_->actionExport, &QAction::triggered, this, &MainWindow::choose_export_file);
  connect(ui_->copySummaryButton, &QPushButton::clicked, this, &MainWindow::copy_summary);
  connect(ui_->actionCopySummary, &QAction::triggered, this, &MainWindow::copy_summary);
  connect(ui_->copyFixButton, &QPushButton::clicked, this, &MainWindow::copy_fix);
  connect(ui_->actionOpenLog, &QAction::triggered, this, &MainWindow::open_log);
  connect(ui_->actionPlan, &QAction::triggered, this, &MainWindow::open_plan_wizard);
  connect(ui_->actionQuit, &QAction::triggered, this, &QWidget::close);
  auto* langs = new QActionGroup(this);
  for (auto* a : {ui_->actionLangSystem, ui_->actionLangEnglish, ui_->actionLangChinese}) langs->addAction(a);
  const QString setting = QSettings().value(QStringLiteral("language"), QStringLiteral("system")).toString();
  (setting == QLatin1String("en")      ? ui_->actionLangEnglish
   : setting == QLatin1String("zh_CN") ? ui_->actionLangChinese
                                       : ui_->actionLangSystem)
      ->setChecked(true);
  connect(ui_->actionLangSystem, &QAction::triggered, this, [this] { pick_language(QStringLiteral("system")); });
  connect(ui_->actionLangEnglish, &QAction::triggered, this, [this] { pick_language(QStringLiteral("en")); });
  connect(ui_->actionLangChinese, &QAction::triggered, this, [this] { pick_language(QStringLiteral("zh_CN")); });
}

void MainWindow::start_check() {
  if (runner_->running()) {
    recheck_pending_ = true;
    return;
  }
  recheck_pending_ = false;
  set_busy(true, request_.bench);
  ui_->verdictLabel->setText(request_.bench ? tr("Measuring the drive's speed…") : tr("Checking…"));
  bench_requested_ = request_.bench;
  runner_->start(request_);
  // Consent to write the test file covers one run only.
  request_.bench = false;
}

void MainWindow::drives_changed() { drives_debounce_.start(); }

bool MainWindow::start_speed_test(bool ask) {
  if (!request_.drive) {
    show_message(this, QMessageBox::Information, tr("Speed test"),
                 tr("Choose the USB stick (or a folder on it) first: the speed test measures the drive you select."));
    return false;
  }
  if (runner_->running()) return false;
  if (!ask) {
    request_.bench = true;
    start_check();
    return true;
  }
  auto* box = new QMessageBox(
      QMessageBox::Question, tr("Run the speed test?"),
      tr("The speed test writes a temporary test file into\n%1\nreads it back and deletes it. Nothing else on the "
         "drive is changed. It can take a minute; you can cancel at any time.")
          .arg(QString::fromStdString(*request_.drive)),
      QMessageBox::Yes | QMessageBox::No, this);
  box->setAttribute(Qt::WA_DeleteOnClose);
  connect(box, &QMessageBox::finished, this, [this](int button) {
    if (button == QMessageBox::Yes) start_speed_test(false);
  });
  box->open();
  return true;
}

void MainWindow::set_busy(bool busy, bool bench) {
  ui_->recheckButton->setEnabled(!busy);
  ui_->speedTestButton->setEnabled(!busy);
  ui_->actionSpeedTest->setEnabled(!busy);
  ui_->progressBar->setRange(0, 0);
  ui_->progressBar->setVisible(busy);
  ui_->speedProgress->setVisible(busy && bench);
  ui_->speedProgress->setRange(0, 0);
  ui_->cancelButton->setVisible(busy);
}

void MainWindow::handle_progress(const QString& step, double fraction) {
  ui_->statusbar->showMessage(QString::fromStdString(progress_text(step.toStdString(), lang_)));
  if (fraction < 0) {
    ui_->speedProgress->setRange(0, 0);
  } else {
    ui_->speedProgress->setRange(0, kProgressSteps);
    ui_->speedProgress->setValue(static_cast<int>(std::min(fraction, 1.0) * kProgressSteps));
  }
}

void MainWindow::handle_check_done(const CheckResult& result) {
  set_busy(false, false);
  show_result(result);
  if (result.cancelled) {
    ui_->statusbar->showMessage(tr("Cancelled."));
  } else if (bench_requested_ && !result.facts.bench) {
    // Say so rather than leave the user wondering where the figures are.
    show_message(this, QMessageBox::Information, tr("Speed test"),
                 tr("The speed test produced no figures for this drive. Details are in the log."));
  }
  Q_EMIT check_finished();
  if (recheck_pending_) start_check();
}

void MainWindow::handle_check_failed(const QString& message) {
  set_busy(false, false);
  const QString where = log_file_.empty() ? tr("(no log file)") : QString::fromStdString(log_file_.string());
  ui_->verdictLabel->setText(tr("The check failed."));
  show_message(this, QMessageBox::Critical, tr("vmstick"),
               tr("The check stopped with an error:\n%1\n\nDetails are in the log:\n%2").arg(message, where));
  Q_EMIT check_failed(message);
}

void MainWindow::show_result(const CheckResult& result) {
  result_ = result;
  have_result_ = true;
  refresh_views();
}

FixOs MainWindow::fix_os() const { return fix_os_for_backend(result_.backend); }

void MainWindow::refresh_views() {
  const Catalog& catalog = Catalog::builtin();
  rendered_.clear();
  for (const auto& f : result_.findings) rendered_.push_back(vmstick::render(f, catalog, lang_, fix_os()));
  show_findings(ui_->findingsView, rendered_);
  if (!rendered_.empty()) ui_->findingsView->setCurrentItem(ui_->findingsView->topLevelItem(0));
  else ui_->detailView->clear();
  const auto facts = to_json(result_.facts);
  show_facts(ui_->hostFacts, facts["host"]);
  show_drives();
  if (result_.facts.image) {
    show_facts(ui_->imageFacts, facts["image"]);
    ui_->imageFacts->setVisible(true);
    ui_->imagePathLabel->setText(QString::fromStdString(result_.facts.image->path));
  } else {
    ui_->imageFacts->clear();
    ui_->imageFacts->setVisible(false);
    ui_->imagePathLabel->setText(request_.image ? QString::fromStdString(*request_.image)
                                                : tr("Or drop a VM folder, .vbox, .vmx or disk image on this window."));
  }
  if (result_.facts.bench) {
    const auto& b = *result_.facts.bench;
    ui_->speedBars->set_speeds(b.seq_read_mbps.is_known() ? std::optional(b.seq_read_mbps.value()) : std::nullopt,
                               b.seq_write_mbps.is_known() ? std::optional(b.seq_write_mbps.value()) : std::nullopt);
    // The bars show the sequential rates; the random 4K figures that decide
    // how a VM feels, the latency and the cache cliff are listed beneath.
    show_facts(ui_->benchFacts, facts["bench"]);
  }
  ui_->benchFacts->setVisible(result_.facts.bench.has_value());
  show_verdict();
  const bool has = have_result_;
  ui_->exportButton->setEnabled(has);
  ui_->actionExport->setEnabled(has);
  ui_->copySummaryButton->setEnabled(has);
  ui_->actionCopySummary->setEnabled(has);
}

void MainWindow::show_verdict() {
  if (!have_result_) {
    ui_->verdictLabel->setText(tr("Checking…"));
    ui_->scoreGauge->set_score(std::nullopt, Severity::ok);
    return;
  }
  QString verdict;
  switch (worst(result_.findings)) {
    case Severity::ok:
    case Severity::info: verdict = tr("No problems found."); break;
    case Severity::warning: verdict = tr("Some things need attention."); break;
    case Severity::blocker: verdict = tr("A VM cannot run well here until the problems below are fixed."); break;
  }
  // Worded from the report's JSON and string table, so the window and the
  // report agree.
  const nlohmann::json report = report_json(result_, Catalog::builtin(), lang_, fix_os());
  const int total = report["score"].value("total", 0);
  const auto labelled = [this](const char* key, const std::string& text) {
    return labelled_text(report_string(key, lang_), text, lang_);
  };
  std::string score = labelled("score", fill_placeholders(report_string("text_score", lang_), {{"score", std::to_string(total)}}));
  if (const nlohmann::json& p = report["prediction"]; p.value("available", false)) {
    score += " · " + labelled("prediction", fill_placeholders(report_string("prediction_short", lang_),
                                                              {{"seconds", fmt::format("{:.0f}", p.value("boot_seconds", 0.0))},
                                                               {"feel", report_string("feel_" + p.value("feel", std::string()), lang_)}}));
  }
  ui_->verdictLabel->setText(verdict);
  ui_->scoreLabel->setText(QString::fromStdString(score));
  // One line per installed hypervisor, worded as in the report; its detail
  // (what was seen) on hover.
  QStringList lines;
  QStringList details;
  for (const auto& h : report["hypervisors"]) {
    lines << QString::fromStdString(hypervisor_line(h, lang_));
    if (const std::string d = hypervisor_words(h, lang_).detail; !d.empty()) details << QString::fromStdString(d);
  }
  ui_->hypervisorLabel->setText(lines.join(QLatin1Char('\n')));
  ui_->hypervisorLabel->setToolTip(details.join(QLatin1Char('\n')));
  ui_->hypervisorLabel->setVisible(!lines.isEmpty());
  ui_->scoreGauge->set_score(total, worst(result_.findings));
  ui_->areaView->clear();
  for (Area a : {Area::virtualization, Area::hypervisor_conflicts, Area::usb_link, Area::filesystem_layout,
                 Area::storage_speed, Area::image_fit}) {
    std::optional<Severity> w;
    for (const auto& f : rendered_)
      if (f.area == a) w = w ? std::max(*w, f.severity) : f.severity;
    auto* item = new QTreeWidgetItem(ui_->areaView);
    item->setText(0, area_label(a));
    item->setText(1, w ? severity_label(*w) : tr("Not checked"));
    if (w) item->setIcon(1, severity_icon(*w));
  }
  ui_->areaView->resizeColumnToContents(0);
  ui_->statusbar->showMessage(tr("%n finding(s)", nullptr, static_cast<int>(rendered_.size())));
}

void MainWindow::show_drives() {
  const auto& drives = result_.facts.drives;
  const QSignalBlocker block(ui_->driveList);
  ui_->driveList->clear();
  int selected = -1;
  for (std::size_t i = 0; i < drives.size(); ++i) {
    const auto& d = drives[i];
    QString text = QString::fromStdString(d.id);
    QStringList about;
    if (d.vendor.is_known()) about << QString::fromStdString(d.vendor.value());
    if (d.model.is_known()) about << QString::fromStdString(d.model.value());
    if (d.capacity_bytes.is_known())
      about << QLocale().formattedDataSize(static_cast<qint64>(d.capacity_bytes.value()), 1,
                                           QLocale::DataSizeTraditionalFormat);
    if (!about.isEmpty()) text += QStringLiteral(" — ") + about.join(QLatin1Char(' '));
    auto* item = new QListWidgetItem(text, ui_->driveList);
    item->setData(Qt::UserRole, QString::fromStdString(d.id));
    if ((result_.facts.target_drive && *result_.facts.target_drive == i) || (request_.drive && *request_.drive == d.id))
      selected = static_cast<int>(i);
  }
  if (selected >= 0) ui_->driveList->setCurrentRow(selected);
  const bool none = drives.empty() && !request_.drive;
  ui_->noDriveLabel->setVisible(none);
  ui_->driveList->setVisible(!drives.empty());
  ui_->driveFacts->setVisible(!drives.empty());
  if (selected >= 0) show_facts(ui_->driveFacts, to_json(drives[static_cast<std::size_t>(selected)]));
  else ui_->driveFacts->clear();
}

void MainWindow::show_selected_drive() {
  auto* item = ui_->driveList->currentItem();
  if (!item) return;
  const auto row = static_cast<std::size_t>(ui_->driveList->row(item));
  if (row < result_.facts.drives.size()) show_facts(ui_->driveFacts, to_json(result_.facts.drives[row]));
  set_drive(item->data(Qt::UserRole).toString());
}

void MainWindow::show_selected_finding() {
  auto* item = ui_->findingsView->currentItem();
  if (!item) return;
  const auto index = item->data(0, Qt::UserRole).toULongLong();
  if (index < rendered_.size()) ui_->detailView->setHtml(finding_details_html(rendered_[index]));
  ui_->copyFixButton->setEnabled(index < rendered_.size() && !rendered_[index].fix.empty());
}

void MainWindow::set_image(const QString& path) {
  request_.image = path.toStdString();
  QSettings().setValue(QStringLiteral("paths/lastVm"), QFileInfo(path).absolutePath());
  start_check();
}

void MainWindow::set_drive(const QString& path) {
  if (request_.drive && *request_.drive == path.toStdString()) return;
  request_.drive = path.toStdString();
  start_check();
}

void MainWindow::choose_vm() {
  auto* dlg = new QFileDialog(this, tr("Choose a VM image, VM configuration or VM folder"),
                              QSettings().value(QStringLiteral("paths/lastVm")).toString());
  dlg->setAttribute(Qt::WA_DeleteOnClose);
  dlg->setNameFilters(vm_name_filters());
  dlg->setFileMode(QFileDialog::ExistingFile);
  connect(dlg, &QFileDialog::fileSelected, this, &MainWindow::set_image);
  dlg->open();
}

void MainWindow::choose_folder() {
  auto* dlg = new QFileDialog(this, tr("Choose the USB stick or a folder on it"));
  dlg->setAttribute(Qt::WA_DeleteOnClose);
  dlg->setFileMode(QFileDialog::Directory);
  dlg->setOption(QFileDialog::ShowDirsOnly);
  connect(dlg, &QFileDialog::fileSelected, this, &MainWindow::set_drive);
  dlg->open();
}

Status MainWindow::export_report(const QString& file, bool redact) const {
  if (!have_result_) return make_error(ErrorCode::InvalidArgument, "There is no finished check to export yet.");
  // The HTML is rendered from the JSON report, so both carry the same facts
  // and the same redaction.
  nlohmann::json report = report_json(result_, Catalog::builtin(), lang_, fix_os());
  if (redact) redact_report(report, redaction_context_from_environment(PathStore()));
  std::string content;
  if (file.endsWith(QLatin1String(".html"), Qt::CaseInsensitive)) {
    auto html = render_html_report(report, lang_);
    if (!html) return html.error();
    content = std::move(html).value();
  } else {
    content = report.dump(2) + "\n";
  }
  return write_file_atomically(file.toStdString(), content);
}

void MainWindow::choose_export_file() {
  QStringList filters{tr("JSON report (*.json)")};
  filters.prepend(tr("HTML report (*.html)"));
  auto* dlg = new QFileDialog(this, tr("Export report"), QSettings().value(QStringLiteral("paths/lastExport")).toString());
  dlg->setAttribute(Qt::WA_DeleteOnClose);
  dlg->setAcceptMode(QFileDialog::AcceptSave);
  dlg->setNameFilters(filters);
  dlg->setDefaultSuffix(QStringLiteral("html"));
  dlg->selectFile(QStringLiteral("vmstick-report"));
  connect(dlg, &QFileDialog::fileSelected, this, [this](const QString& file) {
    QSettings().setValue(QStringLiteral("paths/lastExport"), QFileInfo(file).absolutePath());
    if (auto st = export_report(file); !st) {
      log::get("gui")->error("export failed: {}", st.error().describe());
      show_message(this, QMessageBox::Warning, tr("Export report"),
                   tr("The report could not be written:\n%1").arg(QString::fromStdString(st.error().describe())));
    } else {
      ui_->statusbar->showMessage(tr("Report written to %1").arg(file));
    }
  });
  dlg->open();
}

QString MainWindow::summary_text() const {
  return QString::fromStdString(text_summary(result_, Catalog::builtin(), lang_, fix_os()));
}

void MainWindow::copy_summary() {
  QGuiApplication::clipboard()->setText(summary_text());
  ui_->statusbar->showMessage(tr("Summary copied."));
}

void MainWindow::copy_fix() {
  auto* item = ui_->findingsView->currentItem();
  if (!item) return;
  const auto index = item->data(0, Qt::UserRole).toULongLong();
  if (index >= rendered_.size()) return;
  QGuiApplication::clipboard()->setText(QString::fromStdString(rendered_[index].fix));
  ui_->statusbar->showMessage(tr("Fix copied."));
}

void MainWindow::open_log() {
  if (log_file_.empty() || !QFileInfo::exists(QString::fromStdString(log_file_.string()))) {
    ui_->logDock->show();
    show_message(this, QMessageBox::Information, tr("Open log"), tr("There is no log file; the log panel shows this session."));
    return;
  }
  QDesktopServices::openUrl(QUrl::fromLocalFile(QString::fromStdString(log_file_.string())));
}

void MainWindow::pick_language(const QString& setting) {
  QSettings().setValue(QStringLiteral("language"), setting);
  set_language(lang_for_setting(setting));
}

void MainWindow::set_language(Lang lang) {
  lang_ = lang;
  apply_language(lang);
  // LanguageChange arrives later through the event queue (changeEvent);
  // retranslating now makes the switch immediate and deterministic.
  ui_->retranslateUi(this);
  refresh_views();
}

void MainWindow::open_plan_wizard() {
  auto* wizard = new PlanWizard(result_.facts, lang_, runner_->job(), this);
  wizard->setAttribute(Qt::WA_DeleteOnClose);
  wizard->open();
}

void MainWindow::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) {
    ui_->retranslateUi(this);
    refresh_views();
  }
  QMainWindow::changeEvent(event);
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
  const auto urls = event->mimeData()->urls();
  if (urls.size() == 1 && urls.front().isLocalFile() && looks_like_vm(urls.front().toLocalFile()))
    event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event) {
  const auto urls = event->mimeData()->urls();
  if (urls.size() != 1 || !urls.front().isLocalFile()) return;
  const QString path = urls.front().toLocalFile();
  if (!looks_like_vm(path)) return;
  event->acceptProposedAction();
  set_image(path);
}

void MainWindow::closeEvent(QCloseEvent* event) {
  runner_->cancel();
  QSettings().setValue(QStringLiteral("window/geometry"), saveGeometry());
  QMainWindow::closeEvent(event);
}

}  // namespace vmstick::gui
