// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/main_window.hpp"

#include <QCloseEvent>
#include <QtConcurrent/QtConcurrentRun>

#include "app/findings_view.hpp"
#include "app/log_bridge.hpp"
#include "core/log/log.hpp"
#include "ui_main_window.h"

// Resources compiled into a static library must be registered by hand, and
// Q_INIT_RESOURCE only works outside a namespace.
static void init_app_resources() { Q_INIT_RESOURCE(vmstick); }

namespace vmstick::gui {
namespace {

FixOs fix_os_for(std::string_view backend) {
  if (backend == "linux") return FixOs::Linux;
  if (backend == "windows") return FixOs::Windows;
  if (backend == "macos") return FixOs::MacOS;
  return FixOs::Any;
}

}  // namespace

MainWindow::MainWindow(std::unique_ptr<Backend> backend, PathStore paths, Lang lang, QWidget* parent)
    : QMainWindow(parent),
      ui_(std::make_unique<Ui::MainWindow>()),
      backend_(std::move(backend)),
      paths_(std::move(paths)),
      lang_(lang),
      log_bridge_(new LogBridge(this)) {
  init_app_resources();
  ui_->setupUi(this);
  setWindowIcon(QIcon(QStringLiteral(":/vmstick/icon.svg")));
  ui_->splitter->setStretchFactor(0, 3);
  ui_->splitter->setStretchFactor(1, 2);
  connect(log_bridge_, &LogBridge::line, ui_->logView, &QPlainTextEdit::appendPlainText);
  connect(ui_->recheckButton, &QPushButton::clicked, this, &MainWindow::start_check);
  connect(ui_->findingsView, &QTreeWidget::itemSelectionChanged, this, &MainWindow::show_selected_finding);
  connect(&watcher_, &QFutureWatcher<CheckResult>::finished, this, &MainWindow::handle_check_done);
}

MainWindow::~MainWindow() {
  if (cancel_) cancel_->cancel();
  watcher_.waitForFinished();
}

void MainWindow::start_check() {
  if (watcher_.isRunning()) return;
  ui_->recheckButton->setEnabled(false);
  ui_->verdictLabel->setText(tr("Checking this computer…"));
  ui_->progressBar->setRange(0, 0);
  cancel_ = std::make_shared<CancelToken>();
  // The worker gets copies of everything it reads, so the window can change
  // (or close) while it runs.
  watcher_.setFuture(QtConcurrent::run([backend = backend_.get(), paths = paths_, cancel = cancel_] {
    CheckRequest request;
    ProbeContext ctx{paths, request, *cancel, {}};
    ProbeRegistry probes;
    register_core_probes(probes);
    backend->register_probes(probes);
    RuleRegistry rules;
    register_builtin_rules(rules);
    return run_check(probes, rules, Catalog::builtin(), ctx, backend->name());
  }));
}

void MainWindow::handle_check_done() {
  ui_->progressBar->setRange(0, 1);
  ui_->progressBar->setValue(1);
  ui_->recheckButton->setEnabled(true);
  show_result(watcher_.result());
  Q_EMIT check_finished();
}

void MainWindow::show_result(const CheckResult& result) {
  const Catalog& catalog = Catalog::builtin();
  rendered_.clear();
  for (const auto& f : result.findings) rendered_.push_back(vmstick::render(f, catalog, lang_, fix_os_for(result.backend)));
  show_findings(ui_->findingsView, rendered_);
  const Severity w = worst(result.findings);
  QString verdict;
  switch (w) {
    case Severity::ok:
    case Severity::info: verdict = tr("No problems found."); break;
    case Severity::warning: verdict = tr("Some things need attention."); break;
    case Severity::blocker: verdict = tr("A VM cannot run well here until the problems below are fixed."); break;
  }
  ui_->verdictLabel->setText(verdict);
  ui_->statusbar->showMessage(tr("%n finding(s)", nullptr, static_cast<int>(rendered_.size())));
  if (!rendered_.empty()) ui_->findingsView->setCurrentItem(ui_->findingsView->topLevelItem(0));
}

void MainWindow::show_selected_finding() {
  auto* item = ui_->findingsView->currentItem();
  if (!item) return;
  const auto index = item->data(0, Qt::UserRole).toULongLong();
  if (index < rendered_.size()) ui_->detailView->setHtml(finding_details_html(rendered_[index]));
}

void MainWindow::closeEvent(QCloseEvent* event) {
  if (cancel_) cancel_->cancel();
  QMainWindow::closeEvent(event);
}

}  // namespace vmstick::gui
