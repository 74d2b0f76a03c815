// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/check_runner.hpp"

#include <QMetaObject>
#include <QtConcurrent/QtConcurrentRun>
#include <exception>

#include "core/log/log.hpp"

namespace vmstick::gui {

CheckJob backend_job(std::shared_ptr<const Backend> backend, PathStore paths) {
  return [backend = std::move(backend), paths = std::move(paths)](const CheckRequest& request, const CancelToken& cancel,
                                              const ProgressFn& progress) {
    ProbeContext ctx{paths, request, cancel, progress};
    ProbeRegistry probes;
    register_core_probes(probes);
    backend->register_probes(probes);
    RuleRegistry rules;
    register_builtin_rules(rules);
    return run_check(probes, rules, Catalog::builtin(), ctx, backend->name());
  };
}

CheckRunner::CheckRunner(CheckJob job, QObject* parent) : QObject(parent), job_(std::move(job)) {
  connect(&watcher_, &QFutureWatcher<CheckResult>::finished, this, &CheckRunner::done);
}

CheckRunner::~CheckRunner() {
  cancel();
  watcher_.waitForFinished();
}

bool CheckRunner::start(const CheckRequest& request) {
  if (watcher_.isRunning()) return false;
  cancel_ = std::make_shared<CancelToken>();
  // Progress arrives on the worker; it is posted to this object's thread.
  // Posted events die with the receiver, and the destructor waits for the
  // worker, so `this` is valid whenever the lambda runs.
  ProgressFn report = [this](std::string_view step, double fraction) {
    QMetaObject::invokeMethod(
        this, [this, s = QString::fromUtf8(step.data(), static_cast<qsizetype>(step.size())), fraction] {
          Q_EMIT this->progress(s, fraction);
        },
        Qt::QueuedConnection);
  };
  watcher_.setFuture(QtConcurrent::run([job = job_, request, cancel = cancel_, report] {
    return job(request, *cancel, report);
  }));
  return true;
}

void CheckRunner::cancel() {
  if (cancel_) cancel_->cancel();
}

void CheckRunner::done() {
  try {
    const CheckResult result = watcher_.result();
    Q_EMIT finished(result);
  } catch (const std::exception& e) {
    // A probe must not throw; if one does, the user sees it instead of a vanished window.
    log::get("gui")->error("check failed: {}", e.what());
    Q_EMIT failed(QString::fromUtf8(e.what()));
  } catch (...) {
    log::get("gui")->error("check failed with an unknown exception");
    Q_EMIT failed(tr("The check stopped with an unexpected error."));
  }
}

}  // namespace vmstick::gui
