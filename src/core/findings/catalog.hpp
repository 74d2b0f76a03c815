// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The findings catalog: every finding's words, in every language we ship,
// loaded from the JSON files under resources/findings/ that the build embeds.
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/embedded_file.hpp"
#include "core/findings/finding.hpp"
#include "core/result.hpp"

namespace vmstick {

enum class Lang { en, zh_CN };
std::string_view to_string(Lang l);
std::optional<Lang> lang_from_string(std::string_view s);  // "en", "zh_CN", "zh-CN", "zh_CN.UTF-8"

// The OS whose fix text to show (the host's, or the one the user plans for).
// Capitalised because moc and GNU mode predefine `linux` as a macro.
enum class FixOs { Any, Linux, Windows, MacOS };
std::string_view to_string(FixOs os);
// The fix to show on the OS a backend ran on ("linux", "windows", "macos"; anything else: Any).
FixOs fix_os_for_backend(std::string_view backend);

struct LocalizedText {
  std::map<Lang, std::string> text;
  // Falls back to English, which every entry must have.
  const std::string& get(Lang lang) const;
};

struct CatalogEntry {
  std::string id;
  Severity severity{Severity::info};
  Area area{Area::virtualization};
  LocalizedText title;
  LocalizedText explanation;
  // Keyed by FixOs; "any" applies where no OS-specific fix exists.
  std::map<FixOs, LocalizedText> fix;
  // Points taken from the area's 0–100 score; absent: the severity's default
  // (see score/score.hpp).
  std::optional<int> penalty;
};

class Catalog {
 public:
  // Parses catalog files; the error names the file and entry at fault.
  static Result<Catalog> parse(std::span<const EmbeddedFile> files);
  // The catalog compiled into this binary. A broken embedded catalog is a
  // build defect that the catalog tests catch; here it aborts with a message.
  static const Catalog& builtin();

  const CatalogEntry* find(std::string_view id) const;
  const std::vector<CatalogEntry>& entries() const { return entries_; }

 private:
  std::vector<CatalogEntry> entries_;
};

// A finding with its words filled in for one language and OS.
struct RenderedFinding {
  std::string id;
  Severity severity{Severity::info};
  Area area{Area::virtualization};
  std::string subject;
  std::string title;
  std::string explanation;
  std::string fix;  // empty when there is nothing to do
  Evidence evidence;
};

// Replaces {{key}} with the evidence value; unknown keys stay as they are.
std::string fill_placeholders(std::string_view text, const Evidence& evidence);

RenderedFinding render(const Finding& finding, const Catalog& catalog, Lang lang, FixOs os);

}  // namespace vmstick
