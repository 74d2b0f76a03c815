// SPDX-License-Identifier: GPL-3.0-or-later
// vmstick-gui — the desktop app.
#include <QApplication>
#include <QCommandLineParser>
#include <QLocale>

#include "app/main_window.hpp"
#include "core/log/log.hpp"
#include "core/version.hpp"

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
  parser.process(app);

  auto backend = vmstick::make_platform_backend();
  vmstick::log::Options lo;
  lo.console = false;
  if (auto dir = backend->log_dir(); !dir.empty()) lo.file = dir / "vmstick.log";
  (void)vmstick::log::init(lo);  // without a log file the app still works

  vmstick::PathStore paths = parser.isSet(root_opt) ? vmstick::PathStore(parser.value(root_opt).toStdString())
                                                    : vmstick::PathStore();
  const auto lang = vmstick::lang_from_string(QLocale::system().name().toStdString()).value_or(vmstick::Lang::en);
  vmstick::gui::MainWindow window(std::move(backend), std::move(paths), lang);
  window.show();
  if (parser.isSet(shot_opt)) {
    // For docs and visual checks: the window as a user sees it after a check.
    QObject::connect(&window, &vmstick::gui::MainWindow::check_finished, &app, [&] {
      const bool saved = window.grab().save(parser.value(shot_opt));
      QApplication::exit(saved ? 0 : 1);
    });
  }
  window.start_check();
  return QApplication::exec();
}
