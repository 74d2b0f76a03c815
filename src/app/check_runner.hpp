// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Runs one check (probes + rules, optionally the speed test) on a worker
// thread. Progress and the result come back as signals on the GUI thread, so
// no caller ever blocks or spins a nested event loop.
#include <QFutureWatcher>
#include <QObject>
#include <functional>
#include <memory>

#include "core/backend.hpp"
#include "core/engine/check.hpp"

// Spelled out (not vmstick::gui): Qt 6.4's lupdate needs it to name tr() contexts.
namespace vmstick {
namespace gui {

// The work itself, injectable so tests can feed fixture results and
// simulated drive changes without hardware.
using CheckJob = std::function<CheckResult(const CheckRequest&, const CancelToken&, const ProgressFn&)>;

// The real job: every core and backend probe, every built-in rule.
CheckJob backend_job(std::shared_ptr<const Backend> backend, PathStore paths);

class CheckRunner : public QObject {
  Q_OBJECT
 public:
  explicit CheckRunner(CheckJob job, QObject* parent = nullptr);
  ~CheckRunner() override;  // cancels and waits: the worker never outlives us

  // False (and nothing happens) while a check is already running.
  bool start(const CheckRequest& request);
  void cancel();
  bool running() const { return watcher_.isRunning(); }
  // Blocks until the worker is done. For shutdown and tests only.
  void wait() { watcher_.waitForFinished(); }
  const CheckJob& job() const { return job_; }

 Q_SIGNALS:
  void progress(const QString& step, double fraction);
  void finished(const vmstick::CheckResult& result);
  void failed(const QString& message);

 private:
  void done();

  CheckJob job_;
  std::shared_ptr<CancelToken> cancel_;
  QFutureWatcher<CheckResult> watcher_;
};

}  // namespace gui
}  // namespace vmstick
