// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/plan_wizard.hpp"

#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QTextBrowser>
#include <algorithm>
#include <functional>

#include "core/atomic_write.hpp"
#include "core/facts/fact_json.hpp"
#include "core/engine/check.hpp"
#include "core/plan/plan_text.hpp"
#include "core/report/html_report.hpp"
#include "core/report/json_report.hpp"
#include "core/report/plan_section.hpp"
#include "core/rules/rule.hpp"

namespace vmstick::gui {

// A page whose Next button follows a condition the wizard owns.
class PlanWizard::GatePage : public QWizardPage {
 public:
  std::function<bool()> complete;
  bool isComplete() const override { return complete ? complete() : true; }
  void changed() { Q_EMIT completeChanged(); }
};

namespace {

PlanWizard::GatePage* new_page(const char* name, const QString& title, const QString& subtitle = {}) {
  auto* page = new PlanWizard::GatePage;
  page->setObjectName(QLatin1String(name));
  page->setTitle(title);
  if (!subtitle.isEmpty()) page->setSubTitle(subtitle);
  return page;
}

}  // namespace

namespace {

constexpr std::uint64_t kGiB = 1ULL << 30;

QString q(const std::string& s) { return QString::fromStdString(s); }

// A known string fact of a drive's JSON form (robust to facts the drive
// probe adds later: absent or unknown gives nullopt).
std::optional<std::string> known_string(const nlohmann::json& j, const char* key) {
  if (!j.contains(key) || !j[key].is_object() || !j[key].contains("value") || !j[key]["value"].is_string())
    return std::nullopt;
  return j[key]["value"].get<std::string>();
}

std::optional<std::uint64_t> known_u64(const nlohmann::json& j, const char* key) {
  if (!j.contains(key) || !j[key].is_object() || !j[key].contains("value") || !j[key]["value"].is_number_unsigned())
    return std::nullopt;
  return j[key]["value"].get<std::uint64_t>();
}

std::optional<double> known_speed(const Fact<double>& f) {
  return f.is_known() ? std::optional(f.value()) : std::nullopt;
}

}  // namespace

PlanWizard::PlanWizard(FactSet facts, Lang lang, CheckJob job, QWidget* parent)
    : QWizard(parent), facts_(std::move(facts)), lang_(lang), runner_(new CheckRunner(std::move(job), this)) {
  setWindowTitle(tr("Plan a portable VM"));
  setObjectName(QStringLiteral("planWizard"));
  setOption(QWizard::NoBackButtonOnStartPage);
  setWizardStyle(QWizard::ClassicStyle);
  if (facts_.host.os.is_known()) this_os_ = plan::os_from_string(facts_.host.os.value()).value_or(plan::Os::Linux);
  setPage(StickPage, make_stick_page());
  setPage(WherePage, make_where_page());
  setPage(ImagePage, make_image_page());
  setPage(ChecksPage, make_checks_page());
  setPage(PlanPage, make_plan_page());
  connect(runner_, &CheckRunner::finished, this, &PlanWizard::speed_test_done);
  connect(runner_, &CheckRunner::progress, this, [this](const QString&, double f) {
    if (f < 0) speed_progress_->setRange(0, 0);
    else {
      speed_progress_->setRange(0, 1000);
      speed_progress_->setValue(static_cast<int>(std::min(f, 1.0) * 1000));
    }
  });
  resize(720, 560);
}

PlanWizard::~PlanWizard() {
  runner_->cancel();
  runner_->wait();
}

QWizardPage* PlanWizard::make_stick_page() {
  auto* page = new_page("stickPage", tr("1. The stick"),
                        tr("Which USB stick (or which folder on it) will carry the VM?"));
  auto* layout = new QVBoxLayout(page);
  drive_list_ = new QListWidget;
  drive_list_->setObjectName(QStringLiteral("wizDriveList"));
  drive_list_->setAccessibleName(tr("Drives"));
  for (const auto& d : facts_.drives) {
    const auto j = to_json(d);
    const std::string where = known_string(j, "mount_point").value_or(d.id);
    auto* item = new QListWidgetItem(q(d.id), drive_list_);
    item->setData(Qt::UserRole, q(where));
  }
  if (facts_.drives.empty()) drive_list_->setVisible(false);
  layout->addWidget(drive_list_);
  auto* row = new QHBoxLayout;
  target_dir_ = new QLineEdit;
  target_dir_->setObjectName(QStringLiteral("wizTargetDir"));
  target_dir_->setAccessibleName(tr("Folder for the VM"));
  target_dir_->setPlaceholderText(tr("Folder on the stick, e.g. /media/me/STICK/vms"));
  if (const auto* t = facts_.target()) target_dir_->setText(q(known_string(to_json(*t), "mount_point").value_or(t->id)));
  auto* browse = new QPushButton(tr("&Browse…"));
  row->addWidget(target_dir_);
  row->addWidget(browse);
  layout->addLayout(row);
  layout->addStretch();
  connect(drive_list_, &QListWidget::currentItemChanged, this, [this](QListWidgetItem* item) {
    if (item) target_dir_->setText(item->data(Qt::UserRole).toString());
  });
  connect(browse, &QPushButton::clicked, this, [this] {
    auto* dlg = new QFileDialog(this, tr("Choose the folder for the VM"), target_dir_->text());
    dlg->setAttribute(Qt::WA_DeleteOnClose);
    dlg->setFileMode(QFileDialog::Directory);
    connect(dlg, &QFileDialog::fileSelected, target_dir_, &QLineEdit::setText);
    dlg->open();
  });
  page->complete = [this] { return !target_dir_->text().trimmed().isEmpty(); };
  connect(target_dir_, &QLineEdit::textChanged, page, [page] { page->changed(); });
  return page;
}

QWizardPage* PlanWizard::make_where_page() {
  auto* page = new_page("wherePage", tr("2. Where must the VM run?"),
                        tr("Every computer that runs the VM writes to the stick, so the stick must suit all of them."));
  auto* layout = new QVBoxLayout(page);
  auto* oses = new QGroupBox(tr("Computers"));
  auto* ol = new QVBoxLayout(oses);
  auto make = [](const QString& text, const char* name, QLayout* into) {
    auto* box = new QCheckBox(text);
    box->setObjectName(QLatin1String(name));
    into->addWidget(box);
    return box;
  };
  const QString this_name = this_os_ == plan::Os::Windows ? QStringLiteral("Windows")
                            : this_os_ == plan::Os::MacOS ? QStringLiteral("macOS")
                                                          : QStringLiteral("Linux");
  this_computer_ = make(tr("This computer (%1)").arg(this_name), "wizThisComputer", ol);
  os_windows_ = make(tr("Other Windows computers"), "wizWindows", ol);
  os_macos_ = make(tr("Other Macs"), "wizMacOS", ol);
  os_linux_ = make(tr("Other Linux computers"), "wizLinux", ol);
  this_computer_->setChecked(true);
  auto* hvs = new QGroupBox(tr("Hypervisors"));
  auto* hl = new QVBoxLayout(hvs);
  hv_virtualbox_ = make(QStringLiteral("VirtualBox"), "wizVirtualBox", hl);
  hv_vmware_ = make(QStringLiteral("VMware Workstation / Fusion"), "wizVMware", hl);
  hv_hyperv_ = make(QStringLiteral("Hyper-V"), "wizHyperV", hl);
  hv_qemu_ = make(QStringLiteral("QEMU / KVM"), "wizQemu", hl);
  hv_virtualbox_->setChecked(true);
  layout->addWidget(oses);
  layout->addWidget(hvs);
  layout->addStretch();
  page->complete = [this] {
    const bool os = this_computer_->isChecked() || os_windows_->isChecked() || os_macos_->isChecked() ||
                    os_linux_->isChecked();
    const bool hv = hv_virtualbox_->isChecked() || hv_vmware_->isChecked() || hv_hyperv_->isChecked() ||
                    hv_qemu_->isChecked();
    return os && hv;
  };
  for (auto* box : page->findChildren<QCheckBox*>()) connect(box, &QCheckBox::toggled, page, [page] { page->changed(); });
  return page;
}

QWizardPage* PlanWizard::make_image_page() {
  auto* page = new_page("imagePage", tr("3. The VM"),
                        tr("Carry an existing VM disk, or plan a new one."));
  auto* layout = new QVBoxLayout(page);
  existing_ = new QRadioButton(tr("Use an &existing disk image"));
  existing_->setObjectName(QStringLiteral("wizExisting"));
  new_vm_ = new QRadioButton(tr("Plan a &new VM"));
  new_vm_->setObjectName(QStringLiteral("wizNew"));
  auto* row = new QHBoxLayout;
  image_path_ = new QLineEdit;
  image_path_->setObjectName(QStringLiteral("wizImagePath"));
  image_path_->setAccessibleName(tr("Existing disk image"));
  auto* browse = new QPushButton(tr("B&rowse…"));
  row->addWidget(image_path_);
  row->addWidget(browse);
  auto* form = new QFormLayout;
  guest_os_ = new QComboBox;
  guest_os_->setObjectName(QStringLiteral("wizGuestOs"));
  guest_os_->setEditable(true);
  guest_os_->addItems({QStringLiteral("Windows 11"), QStringLiteral("Windows 10"), QStringLiteral("Ubuntu 24.04"),
                       QStringLiteral("Debian 12"), QStringLiteral("Fedora"), tr("Other")});
  disk_gib_ = new QSpinBox;
  disk_gib_->setObjectName(QStringLiteral("wizDiskGiB"));
  disk_gib_->setRange(1, 65536);
  disk_gib_->setValue(40);
  disk_gib_->setSuffix(QStringLiteral(" GiB"));
  ram_gib_ = new QSpinBox;
  ram_gib_->setObjectName(QStringLiteral("wizRamGiB"));
  ram_gib_->setRange(1, 1024);
  ram_gib_->setValue(4);
  ram_gib_->setSuffix(QStringLiteral(" GiB"));
  form->addRow(tr("&Guest OS:"), guest_os_);
  form->addRow(tr("&Disk size:"), disk_gib_);
  form->addRow(tr("&Memory:"), ram_gib_);
  layout->addWidget(existing_);
  layout->addLayout(row);
  layout->addWidget(new_vm_);
  layout->addLayout(form);
  layout->addStretch();
  if (facts_.image) {
    existing_->setChecked(true);
    image_path_->setText(q(facts_.image->path));
    if (facts_.image->virtual_size_bytes.is_known())
      disk_gib_->setValue(static_cast<int>(std::clamp<std::uint64_t>(
          (facts_.image->virtual_size_bytes.value() + kGiB - 1) / kGiB, 1, 65536)));
  } else {
    new_vm_->setChecked(true);
  }
  connect(browse, &QPushButton::clicked, this, [this] {
    auto* dlg = new QFileDialog(this, tr("Choose a disk image"), image_path_->text());
    dlg->setAttribute(Qt::WA_DeleteOnClose);
    dlg->setFileMode(QFileDialog::ExistingFile);
    connect(dlg, &QFileDialog::fileSelected, image_path_, &QLineEdit::setText);
    connect(dlg, &QFileDialog::fileSelected, existing_, [this] { existing_->setChecked(true); });
    dlg->open();
  });
  page->complete = [this] { return new_vm_->isChecked() || !image_path_->text().trimmed().isEmpty(); };
  connect(existing_, &QRadioButton::toggled, page, [page] { page->changed(); });
  connect(image_path_, &QLineEdit::textChanged, page, [page] { page->changed(); });
  return page;
}

QWizardPage* PlanWizard::make_checks_page() {
  auto* page = new_page("checksPage", tr("4. Checks"),
                        tr("What vmstick knows about the stick. The speed test is optional; it makes the plan's "
                       "performance estimate real."));
  auto* layout = new QVBoxLayout(page);
  checks_text_ = new QLabel;
  checks_text_->setObjectName(QStringLiteral("wizChecksText"));
  checks_text_->setWordWrap(true);
  checks_text_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  keep_fs_ = new QCheckBox(tr("&Keep the stick's current filesystem (do not reformat)"));
  keep_fs_->setObjectName(QStringLiteral("wizKeepFs"));
  auto* row = new QHBoxLayout;
  speed_button_ = new QPushButton(tr("Run the &speed test"));
  speed_button_->setObjectName(QStringLiteral("wizSpeedTest"));
  speed_progress_ = new QProgressBar;
  speed_progress_->setObjectName(QStringLiteral("wizSpeedProgress"));
  speed_progress_->setAccessibleName(tr("Speed test progress"));
  speed_progress_->setVisible(false);
  cancel_button_ = new QPushButton(tr("&Cancel test"));
  cancel_button_->setObjectName(QStringLiteral("wizCancel"));
  cancel_button_->setVisible(false);
  row->addWidget(speed_button_);
  row->addWidget(speed_progress_);
  row->addWidget(cancel_button_);
  row->addStretch();
  layout->addWidget(checks_text_);
  layout->addWidget(keep_fs_);
  layout->addLayout(row);
  layout->addWidget(new QLabel(tr("The speed test writes a temporary file into the chosen folder, reads it back "
                                  "and deletes it. Nothing else is changed.")));
  layout->addStretch();
  connect(speed_button_, &QPushButton::clicked, this, &PlanWizard::run_speed_test);
  connect(cancel_button_, &QPushButton::clicked, runner_, &CheckRunner::cancel);
  page->complete = [this] { return !runner_->running(); };
  return page;
}

QWizardPage* PlanWizard::make_plan_page() {
  auto* page = new QWizardPage;
  page->setObjectName(QStringLiteral("planPage"));
  page->setTitle(tr("5. The plan"));
  page->setFinalPage(true);
  auto* layout = new QVBoxLayout(page);
  plan_text_ = new QTextBrowser;
  plan_text_->setObjectName(QStringLiteral("wizPlanText"));
  plan_text_->setAccessibleName(tr("The plan"));
  commands_box_ = new QGroupBox(tr("Commands (copy one)"));
  commands_layout_ = new QVBoxLayout(commands_box_);
  auto* export_button = new QPushButton(tr("&Export plan…"));
  export_button->setObjectName(QStringLiteral("wizExportPlan"));
  layout->addWidget(plan_text_, 1);
  layout->addWidget(commands_box_);
  layout->addWidget(export_button, 0, Qt::AlignRight);
  connect(export_button, &QPushButton::clicked, this, [this] {
    auto* dlg = new QFileDialog(this, tr("Export plan"));
    dlg->setAttribute(Qt::WA_DeleteOnClose);
    dlg->setAcceptMode(QFileDialog::AcceptSave);
    dlg->setNameFilters({tr("HTML report with the plan (*.html)"), tr("Text (*.txt)"), tr("JSON (*.json)")});
    dlg->setDefaultSuffix(QStringLiteral("html"));
    dlg->selectFile(QStringLiteral("vmstick-plan"));
    connect(dlg, &QFileDialog::fileSelected, this, [this](const QString& file) {
      if (auto st = export_plan(file); !st) {
        auto* box = new QMessageBox(QMessageBox::Warning, tr("Export plan"),
                                    tr("The plan could not be written:\n%1").arg(q(st.error().describe())),
                                    QMessageBox::Ok, this);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
      }
    });
    dlg->open();
  });
  return page;
}

const DriveFacts* PlanWizard::drive_for_target() const {
  // The folder is on a drive when it is the drive's path or lies below it.
  const std::string dir = target_dir_->text().trimmed().toStdString();
  auto under = [&dir](const std::string& root) {
    return !root.empty() && (dir == root || (dir.starts_with(root) && (dir[root.size()] == '/' || dir[root.size()] == '\\')));
  };
  for (const auto& d : facts_.drives) {
    const auto j = to_json(d);
    if (under(d.id) || under(known_string(j, "mount_point").value_or(std::string()))) return &d;
  }
  return nullptr;
}

plan::Input PlanWizard::input() const {
  plan::Input in;
  auto add_os = [&in](plan::Os os) {
    if (std::find(in.run_on.begin(), in.run_on.end(), os) == in.run_on.end()) in.run_on.push_back(os);
  };
  if (this_computer_->isChecked()) add_os(this_os_);
  if (os_windows_->isChecked()) add_os(plan::Os::Windows);
  if (os_macos_->isChecked()) add_os(plan::Os::MacOS);
  if (os_linux_->isChecked()) add_os(plan::Os::Linux);
  if (hv_virtualbox_->isChecked()) in.hypervisors.push_back(plan::Hypervisor::VirtualBox);
  if (hv_vmware_->isChecked()) in.hypervisors.push_back(plan::Hypervisor::VMware);
  if (hv_hyperv_->isChecked()) in.hypervisors.push_back(plan::Hypervisor::HyperV);
  if (hv_qemu_->isChecked()) in.hypervisors.push_back(plan::Hypervisor::Qemu);
  in.target_dir = target_dir_->text().trimmed().toStdString();
  in.guest_os = guest_os_->currentText().toStdString();
  in.vm_name = guest_os_->currentText().toStdString();
  in.disk_bytes = static_cast<std::uint64_t>(disk_gib_->value()) * kGiB;
  in.ram_bytes = static_cast<std::uint64_t>(ram_gib_->value()) * kGiB;
  if (existing_->isChecked()) {
    in.existing_image = image_path_->text().trimmed().toStdString();
    // The format is what the image probe found, never a guess from the name.
    if (facts_.image && facts_.image->path == *in.existing_image && facts_.image->format.is_known())
      in.existing_format = plan::format_from_string(facts_.image->format.value());
  }
  if (const auto* d = drive_for_target()) {
    const auto j = to_json(*d);
    if (auto fs = known_string(j, "filesystem")) in.current_filesystem = plan::filesystem_from_string(*fs);
    in.capacity_bytes = known_u64(j, "capacity_bytes");
  }
  in.keep_current_filesystem = keep_fs_->isChecked();
  if (facts_.bench) {
    in.seq_read_mbps = known_speed(facts_.bench->seq_read_mbps);
    in.seq_write_mbps = known_speed(facts_.bench->seq_write_mbps);
  }
  return in;
}

void PlanWizard::update_checks_text() {
  const plan::Input in = input();
  const QString unknown = tr("not known");
  QStringList lines;
  lines << tr("Folder: %1").arg(q(in.target_dir));
  lines << tr("Current filesystem: %1")
               .arg(in.current_filesystem ? q(plan::filesystem_name(*in.current_filesystem)) : unknown);
  lines << tr("Capacity: %1")
               .arg(in.capacity_bytes ? QLocale().formattedDataSize(static_cast<qint64>(*in.capacity_bytes), 1,
                                                                    QLocale::DataSizeTraditionalFormat)
                                      : unknown);
  auto speed = [&](const std::optional<double>& v) { return v ? tr("%1 MB/s").arg(*v, 0, 'f', 1) : unknown; };
  lines << tr("Sequential read: %1").arg(speed(in.seq_read_mbps));
  lines << tr("Sequential write: %1").arg(speed(in.seq_write_mbps));
  checks_text_->setText(lines.join(QLatin1Char('\n')));
  keep_fs_->setEnabled(in.current_filesystem.has_value());
}

void PlanWizard::run_speed_test() {
  CheckRequest request;
  request.drive = target_dir_->text().trimmed().toStdString();
  if (existing_->isChecked() && !image_path_->text().trimmed().isEmpty())
    request.image = image_path_->text().trimmed().toStdString();
  request.bench = true;  // the button is the consent; the page says what it writes
  if (!runner_->start(request)) return;
  speed_button_->setEnabled(false);
  speed_progress_->setVisible(true);
  speed_progress_->setRange(0, 0);
  cancel_button_->setVisible(true);
  static_cast<GatePage*>(page(ChecksPage))->changed();
}

void PlanWizard::speed_test_done(const CheckResult& result) {
  speed_button_->setEnabled(true);
  speed_progress_->setVisible(false);
  cancel_button_->setVisible(false);
  if (!result.cancelled) {
    // Keep the fresh drive facts too: the run may have learned the filesystem.
    if (!result.facts.drives.empty()) {
      facts_.drives = result.facts.drives;
      facts_.target_drive = result.facts.target_drive;
    }
    facts_.bench = result.facts.bench;
    if (result.facts.image) facts_.image = result.facts.image;
  }
  update_checks_text();
  static_cast<GatePage*>(page(ChecksPage))->changed();
  Q_EMIT speed_test_finished();
}

bool PlanWizard::speed_test_running() const { return runner_->running(); }

void PlanWizard::initializePage(int id) {
  if (id == ChecksPage) update_checks_text();
  if (id == PlanPage) build_plan();
  QWizard::initializePage(id);
}

bool PlanWizard::validateCurrentPage() { return !runner_->running() && QWizard::validateCurrentPage(); }

void PlanWizard::build_plan() {
  while (auto* item = commands_layout_->takeAt(0)) {
    if (auto* w = item->widget()) w->deleteLater();
    delete item;
  }
  const plan::Input in = input();
  auto result = plan::make_plan(in);
  if (!result) {
    plan_.reset();
    plan_error_ = q(result.error().message);
    plan_text_->setPlainText(tr("No plan: %1").arg(plan_error_));
    commands_box_->setVisible(false);
    return;
  }
  plan_ = *result;
  plan_error_.clear();
  plan_text_->setPlainText(q(plan::plan_text(in, *plan_, lang_)));
  commands_box_->setVisible(!plan_->commands.empty());
  int i = 0;
  for (const auto& c : plan_->commands) {
    auto* row = new QWidget;
    auto* rl = new QHBoxLayout(row);
    rl->setContentsMargins(0, 0, 0, 0);
    auto* line = new QLineEdit(q(c.line));
    line->setReadOnly(true);
    line->setObjectName(QStringLiteral("wizCommand%1").arg(i));
    line->setAccessibleName(q(c.tool));
    line->setCursorPosition(0);
    auto* copy = new QPushButton(tr("Copy"));
    copy->setObjectName(QStringLiteral("wizCopy%1").arg(i));
    copy->setAccessibleName(tr("Copy the %1 command").arg(q(c.tool)));
    connect(copy, &QPushButton::clicked, this, [text = q(c.line)] { QGuiApplication::clipboard()->setText(text); });
    rl->addWidget(new QLabel(q(c.tool)));
    rl->addWidget(line, 1);
    rl->addWidget(copy);
    commands_layout_->addWidget(row);
    ++i;
  }
}

Status PlanWizard::export_plan(const QString& file) const {
  if (!plan_) return make_error(ErrorCode::InvalidArgument, "There is no plan to export.");
  const plan::Input in = input();
  if (file.endsWith(QLatin1String(".html"), Qt::CaseInsensitive) ||
      file.endsWith(QLatin1String(".htm"), Qt::CaseInsensitive)) {
    auto html = render_html_report(report_with_plan(in), lang_);
    if (!html) return html.error();
    return write_file_atomically(file.toStdString(), *html);
  }
  const std::string content = file.endsWith(QLatin1String(".json"), Qt::CaseInsensitive)
                                  ? plan::plan_json(in, *plan_).dump(2) + "\n"
                                  : plan::plan_text(in, *plan_, lang_);
  return write_file_atomically(file.toStdString(), content);
}

nlohmann::json PlanWizard::report_with_plan(const plan::Input& in) const {
  // The findings are judged afresh from the facts the wizard holds now, which
  // include a speed test run on its checks page.
  CheckResult result;
  result.backend = facts_.host.os.is_known() ? facts_.host.os.value() : "none";
  result.generated_at = utc_timestamp();
  result.facts = facts_;
  RuleRegistry rules;
  register_builtin_rules(rules);
  const Catalog& catalog = Catalog::builtin();
  result.findings = rules.evaluate(result.facts, catalog);
  nlohmann::json report = report_json(result, catalog, lang_, fix_os_for_backend(result.backend));
  add_plan_to_report(report, in, *plan_, lang_);
  return report;
}

}  // namespace vmstick::gui
