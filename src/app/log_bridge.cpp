// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/log_bridge.hpp"

#include <QMetaObject>
#include <QPointer>
#include <mutex>
#include <spdlog/sinks/base_sink.h>

#include "core/log/log.hpp"

namespace vmstick::gui {
namespace {

class QtForwardSink final : public spdlog::sinks::base_sink<std::mutex> {
 public:
  explicit QtForwardSink(LogBridge* bridge) : bridge_(bridge) {}
  void detach() {
    std::lock_guard lock(mutex_);
    bridge_ = nullptr;
  }

 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override {
    if (!bridge_) return;
    spdlog::memory_buf_t buf;
    formatter_->format(msg, buf);
    QString text = QString::fromUtf8(buf.data(), static_cast<qsizetype>(buf.size())).trimmed();
    // Queued: the log line may come from a worker thread.
    QMetaObject::invokeMethod(bridge_, [b = QPointer<LogBridge>(bridge_), text] {
      if (b) Q_EMIT b->line(text);
    }, Qt::QueuedConnection);
  }
  void flush_() override {}

 private:
  LogBridge* bridge_;
};

}  // namespace

LogBridge::LogBridge(QObject* parent) : QObject(parent) {
  auto sink = std::make_shared<QtForwardSink>(this);
  sink->set_pattern("%H:%M:%S %l [%n] %v");
  sink->set_level(spdlog::level::info);
  sink_ = sink;
  log::add_sink(sink_);
}

LogBridge::~LogBridge() {
  log::remove_sink(sink_);
  static_cast<QtForwardSink*>(sink_.get())->detach();
}

}  // namespace vmstick::gui
