// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Carries spdlog lines from any thread into the GUI thread as a Qt signal.
// The core only sees an spdlog sink; it never learns about Qt.
#include <QObject>
#include <QString>
#include <memory>
#include <spdlog/sinks/sink.h>

// Spelled out (not vmstick::gui): Qt 6.4's lupdate needs it to name tr() contexts.
namespace vmstick {
namespace gui {

class LogBridge : public QObject {
  Q_OBJECT
 public:
  explicit LogBridge(QObject* parent = nullptr);
  ~LogBridge() override;

 Q_SIGNALS:
  void line(const QString& text);

 private:
  std::shared_ptr<spdlog::sinks::sink> sink_;
};

}  // namespace gui
}  // namespace vmstick
