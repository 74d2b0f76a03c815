// SPDX-License-Identifier: GPL-3.0-or-later
// vmstick-gui — the desktop app.
#include <QApplication>
#include <QCommandLineParser>
#include <QMessageBox>
#include <QSettings>
#include <QThread>
#include <cstdlib>
#include <exception>

#include "app/i18n.hpp"
#include "app/main_window.hpp"
#include "core/log/log.hpp"
#include "core/version.hpp"

namespace {

// A fatal error must not look like a silent exit: say so and where the log is.
void fatal_dialog(const QString& what) {
  vmstick::log::get("gui")->critical("fatal: {}", what.toStdString());
  const auto file = vmstick::log::current_file();
  const QString where = file.empty() ? QStringLiteral("(no log file)") : QString::fromStdString(file.string());
  if (qApp && QThread::currentThread() == qApp->thread()) {
    QMessageBox::critical(nullptr, QStringLiteral("vmstick"),
                          QApplication::translate("main", "vmstick has to stop because of an internal error:\n%1\n\n"
                                                           "The log has the details:\n%2")
                              .arg(what, where));
  }
}

void on_terminate() {
  QString what = QStringLiteral("unknown error");
  if (auto e = std::current_exception()) {
    try {
      std::rethrow_exception(e);
    } catch (const std::exception& ex) {
      what = QString::fromUtf8(ex.what());
    } catch (...) {
    }
  }
  fatal_dialog(what);
  std::abort();
}

}  // namespace

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  QApplication::setApplicationName(QStringLiteral("vmstick"));
  QApplication::setApplicationVersion(QString::fromLatin1(vmstick::kVersion));
  QApplication::setOrganizationName(QStringLiteral("vmstick"));

  QCommandLineParser parser;
  parser.setApplicationDescription(QStringLiteral("Checks whether a VM will run well from a USB stick."));
  parser.addHelpOption();
  parser.addVersionOption();
  QCommandLineOption root_opt(QStringLiteral("root"), QStringLiteral("Read a recorded machine from DIR."),
                              QStringLiteral("DIR"));
  parser.addOption(root_opt);
  QCommandLineOption shot_opt(QStringLiteral("screenshot"),
                              QStringLiteral("Save a PNG of the window to FILE once the check is done, then quit."),
                              QStringLiteral("FILE"));
  parser.addOption(shot_opt);
  QCommandLineOption lang_opt(QStringLiteral("lang"), QStringLiteral("Language: en or zh_CN (default: the menu choice, else the system's)."),
                              QStringLiteral("LANG"));
  parser.addOption(lang_opt);
  parser.process(app);

  auto backend = vmstick::make_platform_backend();
  vmstick::log::Options lo;
  lo.console = false;
  if (auto dir = backend->log_dir(); !dir.empty()) lo.file = dir / "vmstick.log";
  (void)vmstick::log::init(lo);  // without a log file the app still works
  std::set_terminate(on_terminate);

  vmstick::PathStore paths = parser.isSet(root_opt) ? vmstick::PathStore(parser.value(root_opt).toStdString())
                                                    : vmstick::PathStore();
  const QString lang_setting = parser.isSet(lang_opt)
                                   ? parser.value(lang_opt)
                                   : QSettings().value(QStringLiteral("language"), QStringLiteral("system")).toString();
  const auto lang = vmstick::gui::lang_for_setting(lang_setting);
  // Hotplug only makes sense on the live machine, not on a recorded one.
  std::unique_ptr<vmstick::DriveMonitor> monitor = paths.is_replay() ? nullptr : backend->make_drive_monitor();
  vmstick::gui::MainWindow window(std::move(backend), std::move(paths), lang);
  window.show();
  if (monitor) {
    // The monitor calls back on its own thread; the slot runs on the GUI thread.
    auto started = monitor->start([&window] {
      QMetaObject::invokeMethod(&window, "drives_changed", Qt::QueuedConnection);
    });
    if (!started) {
      vmstick::log::get("gui")->warn("drive hotplug is off: {}", started.error().describe());
      monitor.reset();
    }
  }
  if (parser.isSet(shot_opt)) {
    // For docs and visual checks: the window as a user sees it after a check.
    QObject::connect(&window, &vmstick::gui::MainWindow::check_finished, &app, [&] {
      const bool saved = window.grab().save(parser.value(shot_opt));
      QApplication::exit(saved ? 0 : 1);
    });
  }
  window.start_check();
  const int rc = QApplication::exec();
  if (monitor) monitor->stop();  // before the window it calls into goes away
  return rc;
}
