// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/score_gauge.hpp"

#include <QPainter>
#include <algorithm>

namespace vmstick::gui {

ScoreGauge::ScoreGauge(QWidget* parent) : QWidget(parent) { setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed); }

void ScoreGauge::set_score(std::optional<int> score, Severity worst) {
  score_ = score ? std::optional<int>(std::clamp(*score, 0, 100)) : std::nullopt;
  worst_ = worst;
  setAccessibleDescription(score_ ? QString::number(*score_) + QStringLiteral(" / 100") : QString());
  update();
}

QColor ScoreGauge::colour_for(Severity worst) {
  // Mid-tone hues: enough contrast against both a white and a dark window.
  switch (worst) {
    case Severity::blocker: return QColor(0xd0, 0x3b, 0x3b);
    case Severity::warning: return QColor(0xd9, 0x8c, 0x1f);
    case Severity::info:
    case Severity::ok: return QColor(0x2e, 0x9e, 0x4f);
  }
  return QColor(0x2e, 0x9e, 0x4f);
}

QSize ScoreGauge::sizeHint() const {
  const int side = fontMetrics().height() * 4;
  return {side, side};
}

QSize ScoreGauge::minimumSizeHint() const { return sizeHint(); }

void ScoreGauge::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.setRenderHint(QPainter::Antialiasing);
  const int side = std::min(width(), height());
  const qreal pen_width = side / 9.0;
  const QRectF ring(pen_width / 2 + (width() - side) / 2.0, pen_width / 2 + (height() - side) / 2.0, side - pen_width,
                    side - pen_width);
  p.setPen(QPen(palette().color(QPalette::Mid), pen_width, Qt::SolidLine, Qt::FlatCap));
  p.drawEllipse(ring);
  if (score_) {
    p.setPen(QPen(colour_for(worst_), pen_width, Qt::SolidLine, Qt::FlatCap));
    // Qt angles are 1/16 degree, counter-clockwise from 3 o'clock: start at
    // 12 o'clock and go clockwise.
    p.drawArc(ring, 90 * 16, -static_cast<int>(360 * 16 * *score_ / 100));
  }
  QFont f = font();
  f.setPixelSize(std::max(8, side / 3));
  f.setBold(true);
  p.setFont(f);
  p.setPen(palette().color(QPalette::WindowText));
  p.drawText(rect(), Qt::AlignCenter, score_ ? QString::number(*score_) : QStringLiteral("–"));
}

}  // namespace vmstick::gui
