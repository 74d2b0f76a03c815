// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// "Plan a portable VM": five pages that collect plan::Input and show the
// plan::Plan the core computes. No decision is made here.
#include <QWizard>
#include <nlohmann/json.hpp>
#include <optional>

#include "app/check_runner.hpp"
#include "core/facts/fact_set.hpp"
#include "core/findings/catalog.hpp"
#include "core/plan/plan.hpp"

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QPushButton;
class QRadioButton;
class QSpinBox;
class QTextBrowser;
class QVBoxLayout;

// Spelled out (not vmstick::gui): Qt 6.4's lupdate needs it to name tr() contexts.
namespace vmstick {
namespace gui {

class PlanWizard : public QWizard {
  Q_OBJECT
 public:
  enum PageId { StickPage, WherePage, ImagePage, ChecksPage, PlanPage };
  // A page whose Next button follows a condition the wizard owns.
  class GatePage;

  PlanWizard(FactSet facts, Lang lang, CheckJob job, QWidget* parent = nullptr);
  ~PlanWizard() override;

  // What the pages say right now, as the core's plan input.
  plan::Input input() const;
  // The plan shown on the last page (empty before it, or when the input was refused).
  const std::optional<plan::Plan>& plan() const { return plan_; }
  QString plan_error() const { return plan_error_; }
  bool speed_test_running() const;
  // .html: the full report (facts, findings, score) with the plan in it;
  // .json: the plan alone; anything else: the plan as text.
  Status export_plan(const QString& file) const;
  // The report an .html export renders; JSON-schema valid.
  nlohmann::json report_with_plan(const plan::Input& in) const;

 Q_SIGNALS:
  void speed_test_finished();

 protected:
  void initializePage(int id) override;
  bool validateCurrentPage() override;

 private:
  QWizardPage* make_stick_page();
  QWizardPage* make_where_page();
  QWizardPage* make_image_page();
  QWizardPage* make_checks_page();
  QWizardPage* make_plan_page();
  void update_checks_text();
  void build_plan();
  void run_speed_test();
  void speed_test_done(const CheckResult& result);
  const DriveFacts* drive_for_target() const;

  FactSet facts_;
  Lang lang_;
  CheckRunner* runner_;
  std::optional<plan::Plan> plan_;
  QString plan_error_;
  plan::Os this_os_{plan::Os::Linux};

  QListWidget* drive_list_{};
  QLineEdit* target_dir_{};
  QCheckBox* this_computer_{};
  QCheckBox* os_windows_{};
  QCheckBox* os_macos_{};
  QCheckBox* os_linux_{};
  QCheckBox* hv_virtualbox_{};
  QCheckBox* hv_vmware_{};
  QCheckBox* hv_hyperv_{};
  QCheckBox* hv_qemu_{};
  QRadioButton* existing_{};
  QRadioButton* new_vm_{};
  QLineEdit* image_path_{};
  QComboBox* guest_os_{};
  QSpinBox* disk_gib_{};
  QSpinBox* ram_gib_{};
  QLabel* checks_text_{};
  QCheckBox* keep_fs_{};
  QPushButton* speed_button_{};
  QPushButton* cancel_button_{};
  QProgressBar* speed_progress_{};
  QTextBrowser* plan_text_{};
  QVBoxLayout* commands_layout_{};
  QWidget* commands_box_{};
};

}  // namespace gui
}  // namespace vmstick
