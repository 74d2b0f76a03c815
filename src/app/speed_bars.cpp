// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/speed_bars.hpp"

#include <QPainter>
#include <algorithm>
#include <cmath>

namespace vmstick::gui {
namespace {

struct Bar {
  QString label;
  std::optional<double> mbps;
  bool measured;
};

// Sequential speeds people can relate to; the scale is logarithmic because
// they span two orders of magnitude.
constexpr double kScaleMax = 1000.0;

double scale(double mbps) { return std::clamp(std::log10(std::max(mbps, 1.0)) / std::log10(kScaleMax), 0.0, 1.0); }

}  // namespace

SpeedBars::SpeedBars(QWidget* parent) : QWidget(parent) {
  setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

void SpeedBars::set_speeds(std::optional<double> read_mbps, std::optional<double> write_mbps) {
  read_ = read_mbps;
  write_ = write_mbps;
  setVisible(read_ || write_);
  update();
}

QSize SpeedBars::sizeHint() const { return {320, fontMetrics().height() * 5 + 12}; }
QSize SpeedBars::minimumSizeHint() const { return {160, sizeHint().height()}; }

void SpeedBars::paintEvent(QPaintEvent*) {
  const Bar bars[] = {
      {tr("This drive, read"), read_, true},
      {tr("This drive, write"), write_, true},
      {tr("USB 2 stick"), 30.0, false},
      {tr("USB 3 stick"), 120.0, false},
      {tr("SATA SSD"), 500.0, false},
  };
  QPainter p(this);
  p.setRenderHint(QPainter::Antialiasing);
  const int row = fontMetrics().height() + 2;
  int label_w = 0;
  for (const auto& b : bars) label_w = std::max(label_w, fontMetrics().horizontalAdvance(b.label));
  const int value_w = fontMetrics().horizontalAdvance(QStringLiteral("0000.0 MB/s"));
  const int bar_x = label_w + 8;
  const int bar_w = std::max(10, width() - bar_x - value_w - 8);
  int y = 2;
  for (const auto& b : bars) {
    p.setPen(palette().color(QPalette::WindowText));
    p.drawText(QRect(0, y, label_w, row), Qt::AlignVCenter | Qt::AlignLeft, b.label);
    const QColor fill = b.measured ? palette().color(QPalette::Highlight) : palette().color(QPalette::Mid);
    if (b.mbps) {
      p.fillRect(QRect(bar_x, y + 3, static_cast<int>(bar_w * scale(*b.mbps)), row - 6), fill);
      p.drawText(QRect(bar_x + bar_w + 4, y, value_w, row), Qt::AlignVCenter | Qt::AlignLeft,
                 tr("%1 MB/s").arg(*b.mbps, 0, 'f', 1));
    } else {
      p.drawText(QRect(bar_x, y, bar_w, row), Qt::AlignVCenter | Qt::AlignLeft, tr("not measured"));
    }
    y += row;
  }
}

}  // namespace vmstick::gui
