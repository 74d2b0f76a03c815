// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The GUI's language: Qt translators for the window texts, and the same
// choice handed to the core so findings and reports follow it.
#include <QString>

#include "core/findings/catalog.hpp"

namespace vmstick::gui {

// The system locale's language if we ship it, else English.
Lang system_lang();
// "system", "en" or "zh_CN" (QSettings value) → language to use.
Lang lang_for_setting(const QString& setting);
// Installs (or removes) the translators for lang; sends LanguageChange to
// every widget. False if a translation we ship failed to load.
bool apply_language(Lang lang);
// The language last applied (English until apply_language is called).
Lang current_language();

}  // namespace vmstick::gui
