// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The measured read/write speed drawn as bars next to reference classes
// (a USB 2 stick, a typical USB 3 stick, an SSD), so a number means something.
#include <QWidget>
#include <optional>

// Spelled out (not vmstick::gui): Qt 6.4's lupdate needs it to name tr() contexts.
namespace vmstick {
namespace gui {

class SpeedBars : public QWidget {
  Q_OBJECT
 public:
  explicit SpeedBars(QWidget* parent = nullptr);
  void set_speeds(std::optional<double> read_mbps, std::optional<double> write_mbps);
  QSize sizeHint() const override;
  QSize minimumSizeHint() const override;

 protected:
  void paintEvent(QPaintEvent* event) override;

 private:
  std::optional<double> read_;
  std::optional<double> write_;
};

}  // namespace gui
}  // namespace vmstick
