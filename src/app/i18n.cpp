// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/i18n.hpp"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace vmstick::gui {
namespace {

QTranslator& app_translator() {
  static QTranslator t;
  return t;
}

QTranslator& qt_translator() {
  static QTranslator t;
  return t;
}

}  // namespace

Lang system_lang() { return lang_from_string(QLocale::system().name().toStdString()).value_or(Lang::en); }

Lang lang_for_setting(const QString& setting) {
  if (setting == QLatin1String("system") || setting.isEmpty()) return system_lang();
  return lang_from_string(setting.toStdString()).value_or(Lang::en);
}

namespace {
Lang g_current = Lang::en;
}  // namespace

Lang current_language() { return g_current; }

bool apply_language(Lang lang) {
  g_current = lang;
  QCoreApplication::removeTranslator(&app_translator());
  QCoreApplication::removeTranslator(&qt_translator());
  if (lang == Lang::en) return true;
  // Our texts are compiled in (CMake qt_add_translations); Qt's own (wizard
  // and dialog buttons) come from the system's Qt translations when present.
  const bool ours = app_translator().load(QStringLiteral(":/i18n/vmstick_zh_CN.qm"));
  if (ours) QCoreApplication::installTranslator(&app_translator());
  if (qt_translator().load(QStringLiteral("qtbase_zh_CN"), QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
    QCoreApplication::installTranslator(&qt_translator());
  return ours;
}

}  // namespace vmstick::gui
