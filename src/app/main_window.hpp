// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <QFutureWatcher>
#include <QMainWindow>
#include <memory>
#include <vector>

#include "core/backend.hpp"
#include "core/engine/check.hpp"
#include "core/findings/catalog.hpp"
#include "core/path_store.hpp"

namespace Ui {
class MainWindow;
}

namespace vmstick::gui {

class LogBridge;

class MainWindow : public QMainWindow {
  Q_OBJECT
 public:
  MainWindow(std::unique_ptr<Backend> backend, PathStore paths, Lang lang, QWidget* parent = nullptr);
  ~MainWindow() override;

  // Shows a finished check; public so tests can feed fixture results.
  void show_result(const CheckResult& result);
  const std::vector<RenderedFinding>& rendered_findings() const { return rendered_; }

 public Q_SLOTS:
  // Runs every probe and rule on a worker thread; the window stays responsive.
  void start_check();

 Q_SIGNALS:
  void check_finished();

 protected:
  void closeEvent(QCloseEvent* event) override;

 private Q_SLOTS:
  void handle_check_done();
  void show_selected_finding();

 private:
  std::unique_ptr<Ui::MainWindow> ui_;
  std::unique_ptr<Backend> backend_;
  PathStore paths_;
  Lang lang_;
  LogBridge* log_bridge_;
  std::shared_ptr<CancelToken> cancel_;
  QFutureWatcher<CheckResult> watcher_;
  std::vector<RenderedFinding> rendered_;
};

}  // namespace vmstick::gui
