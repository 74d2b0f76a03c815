// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The findings catalog: every finding's words, in every language we ship,
// loaded from the JSON files under resources/findings/ that the build embeds.
// phrases.json there holds the words rules put into evidence values.
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
  const LocalizedText* phrase(std::string_view id) const;
  const std::map<std::string, LocalizedText, std::less<>>& phrases() const { return phrases_; }

 private:
  std::vector<CatalogEntry> entries_;
  std::map<std::string, LocalizedText, std::less<>> phrases_;
};

// Evidence values are data (paths, sizes, names) shown as they are, except
// for phrase references: "{{@id}}" stands for the entry `id` of
// resources/findings/phrases.json, for words a rule writes itself ("unknown",
// why a hypervisor cannot run an image, a list separator). A phrase may use
// the finding's {{key}} placeholders. An unknown id stays visible as written.
std::string phrase(std::string_view id);
// The items joined with the reader's list separator (", " or "、").
std::string phrase_list(const std::vector<std::string>& items);
// The phrase references in every evidence value put into words for lang.
Evidence localize_evidence(const Evidence& evidence, const Catalog& catalog, Lang lang);
// Ids of the phrase references in one evidence value, in order.
std::vector<std::string> phrase_ids(std::string_view value);

// A finding with its words filled in for one language and OS.
struct RenderedFinding {
  std::string id;
  Severity severity{Severity::info};
  Area area{Area::virtualization};
  std::string subject;
  std::string title;
  std::string explanation;
  std::string fix;  // empty when there is nothing to do
  // Phrases in English whatever the language: the report's data stays the
  // same in every language, only its sentences change.
  Evidence evidence;
};

// Replaces {{key}} with the evidence value as it is (no phrases); unknown
// keys stay as they are.
std::string fill_placeholders(std::string_view text, const Evidence& evidence);

RenderedFinding render(const Finding& finding, const Catalog& catalog, Lang lang, FixOs os);

}  // namespace vmstick
