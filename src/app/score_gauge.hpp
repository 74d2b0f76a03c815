// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The 0-100 score as a ring, coloured by the worst finding, as the HTML
// report draws it: the number a person looks at first.
#include <QWidget>
#include <optional>

#include "core/findings/finding.hpp"

// Spelled out (not vmstick::gui): Qt 6.4's lupdate needs it to name tr() contexts.
namespace vmstick {
namespace gui {

class ScoreGauge : public QWidget {
  Q_OBJECT
 public:
  explicit ScoreGauge(QWidget* parent = nullptr);
  // No score (nullopt) draws an empty ring: the check has not finished.
  void set_score(std::optional<int> score, Severity worst);
  std::optional<int> score() const { return score_; }
  // The ring's colour for a severity; readable on light and dark palettes.
  static QColor colour_for(Severity worst);
  QSize sizeHint() const override;
  QSize minimumSizeHint() const override;

 protected:
  void paintEvent(QPaintEvent* event) override;

 private:
  std::optional<int> score_;
  Severity worst_{Severity::ok};
};

}  // namespace gui
}  // namespace vmstick
