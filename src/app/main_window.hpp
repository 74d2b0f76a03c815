// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <QMainWindow>
#include <QTimer>
#include <filesystem>
#include <functional>
#include <memory>
#include <vector>

#include "app/check_runner.hpp"
#include "core/backend.hpp"
#include "core/engine/check.hpp"
#include "core/findings/catalog.hpp"
#include "core/path_store.hpp"

namespace Ui {
class MainWindow;
}

// Spelled out (not vmstick::gui): Qt 6.4's lupdate needs it to name tr() contexts.
namespace vmstick {
namespace gui {

class LogBridge;

class MainWindow : public QMainWindow {
  Q_OBJECT
 public:
  // The app: probes this machine (or the recorded one under paths' root).
  MainWindow(std::unique_ptr<Backend> backend, PathStore paths, Lang lang, QWidget* parent = nullptr);
  // Any job: tests pass one that returns fixture results.
  MainWindow(CheckJob job, Lang lang, std::filesystem::path log_file, QWidget* parent = nullptr);
  ~MainWindow() override;

  // Shows a finished check; public so tests can feed fixture results.
  void show_result(const CheckResult& result);
  const std::vector<RenderedFinding>& rendered_findings() const { return rendered_; }
  const CheckResult& last_result() const { return result_; }
  const CheckRequest& request() const { return request_; }
  Lang lang() const { return lang_; }
  bool check_running() const { return runner_->running(); }

  // The VM image or folder to check (Choose VM…, drag and drop).
  void set_image(const QString& path);
  // The drive or folder to run the VM from (drive list, Choose folder…).
  void set_drive(const QString& path);
  // Runs the check with the speed test on the selected drive. The app asks
  // for consent first; tests pass ask = false.
  bool start_speed_test(bool ask = true);
  void cancel_check() { runner_->cancel(); }
  // Writes the report; the format follows the suffix (.json, .html). With
  // redact, serials, user and host names are removed (as the CLI's --redact).
  Status export_report(const QString& file, bool redact = false) const;
  QString summary_text() const;


 public Q_SLOTS:
  // Runs every probe and rule on a worker thread; the window stays responsive.
  void start_check();
  // A DriveMonitor (or any hotplug source) calls this, from any thread via a
  // queued invokeMethod; bursts of events collapse into one re-check.
  void drives_changed();
  void set_language(vmstick::Lang lang);
  void open_plan_wizard();

 Q_SIGNALS:
  void check_finished();
  void check_failed(const QString& message);

 protected:
  void closeEvent(QCloseEvent* event) override;
  void changeEvent(QEvent* event) override;
  void dragEnterEvent(QDragEnterEvent* event) override;
  void dropEvent(QDropEvent* event) override;

 private Q_SLOTS:
  void handle_check_done(const vmstick::CheckResult& result);
  void handle_check_failed(const QString& message);
  void handle_progress(const QString& step, double fraction);
  void show_selected_finding();
  void show_selected_drive();

 private:
  void wire_actions();
  void refresh_views();
  void show_verdict();
  void show_drives();
  void set_busy(bool busy, bool bench);
  void choose_vm();
  void choose_folder();
  void choose_export_file();
  void copy_summary();
  void copy_fix();
  void open_log();
  void pick_language(const QString& setting);
  FixOs fix_os() const;

  std::unique_ptr<Ui::MainWindow> ui_;
  Lang lang_;
  std::filesystem::path log_file_;
  LogBridge* log_bridge_;
  CheckRunner* runner_{nullptr};
  CheckRequest request_;
  CheckResult result_;
  bool have_result_{false};
  bool recheck_pending_{false};
  bool bench_requested_{false};  // the running check includes the speed test
  QTimer drives_debounce_;
  std::vector<RenderedFinding> rendered_;
};

}  // namespace gui
}  // namespace vmstick
