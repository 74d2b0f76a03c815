// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/findings/catalog.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <set>

namespace vmstick {

extern const EmbeddedFile kFindingsCatalogFiles[];
extern const std::size_t kFindingsCatalogFiles_count;

namespace {

using nlohmann::json;

constexpr std::array<std::pair<Lang, std::string_view>, 2> kLangs{{{Lang::en, "en"}, {Lang::zh_CN, "zh_CN"}}};
constexpr std::array<std::pair<FixOs, std::string_view>, 4> kOses{
    {{FixOs::Any, "any"}, {FixOs::Linux, "linux"}, {FixOs::Windows, "windows"}, {FixOs::MacOS, "macos"}}};

Result<LocalizedText> parse_text(const json& j, const std::string& where) {
  if (!j.is_object()) return make_error(ErrorCode::Corrupt, "expected an object of language → text", where);
  LocalizedText out;
  for (const auto& [key, value] : j.items()) {
    auto lang = lang_from_string(key);
    if (!lang) return make_error(ErrorCode::Corrupt, "unknown language '" + key + "'", where);
    if (!value.is_string()) return make_error(ErrorCode::Corrupt, "text for '" + key + "' is not a string", where);
    out.text[*lang] = value.get<std::string>();
  }
  if (!out.text.contains(Lang::en)) return make_error(ErrorCode::Corrupt, "English text is missing", where);
  return out;
}

Result<CatalogEntry> parse_entry(const json& j, const std::string& file) {
  if (!j.is_object() || !j.contains("id") || !j["id"].is_string()) {
    return make_error(ErrorCode::Corrupt, "entry without a string id", file);
  }
  CatalogEntry e;
  e.id = j["id"].get<std::string>();
  const std::string where = file + ": " + e.id;
  auto sev = severity_from_string(j.value("severity", ""));
  if (!sev) return make_error(ErrorCode::Corrupt, "missing or unknown severity", where);
  e.severity = *sev;
  auto area = area_from_string(j.value("area", ""));
  if (!area) return make_error(ErrorCode::Corrupt, "missing or unknown area", where);
  e.area = *area;
  for (auto [field, target] : {std::pair{"title", &e.title}, std::pair{"explanation", &e.explanation}}) {
    if (!j.contains(field)) return make_error(ErrorCode::Corrupt, std::string("missing ") + field, where);
    auto text = parse_text(j[field], where + "." + field);
    if (!text) return text.error();
    *target = std::move(text).value();
  }
  if (j.contains("penalty")) {
    if (!j["penalty"].is_number_integer() || j["penalty"].get<int>() < 0 || j["penalty"].get<int>() > 100) {
      return make_error(ErrorCode::Corrupt, "penalty must be a whole number from 0 to 100", where);
    }
    e.penalty = j["penalty"].get<int>();
  }
  if (j.contains("fix")) {
    if (!j["fix"].is_object()) return make_error(ErrorCode::Corrupt, "fix must be an object of OS → text", where);
    for (const auto& [os_name, text_json] : j["fix"].items()) {
      auto it = std::find_if(kOses.begin(), kOses.end(), [&](const auto& p) { return p.second == os_name; });
      if (it == kOses.end()) return make_error(ErrorCode::Corrupt, "unknown fix OS '" + os_name + "'", where);
      auto text = parse_text(text_json, where + ".fix." + os_name);
      if (!text) return text.error();
      e.fix[it->first] = std::move(text).value();
    }
  }
  return e;
}

// The one catalog file that holds phrases rather than findings.
constexpr std::string_view kPhrasesFile = "phrases.json";

Result<std::map<std::string, LocalizedText, std::less<>>> parse_phrases(const json& doc, const std::string& file) {
  if (!doc.is_object()) return make_error(ErrorCode::Corrupt, "phrases file must hold an object of id → texts", file);
  std::map<std::string, LocalizedText, std::less<>> out;
  for (const auto& [id, texts] : doc.items()) {
    const std::string where = file + ": " + id;
    const bool id_ok = !id.empty() && std::all_of(id.begin(), id.end(), [](unsigned char c) {
      return std::isalnum(c) || c == '_' || c == '.' || c == '-';
    });
    if (!id_ok) {
      return make_error(ErrorCode::Corrupt, "phrase id may hold only letters, digits, '_', '.' and '-'", where);
    }
    auto text = parse_text(texts, where);
    if (!text) return text.error();
    // Evidence goes into a phrase as it is; a phrase inside a phrase could
    // loop through the evidence forever.
    for (const auto& [lang, t] : text->text) {
      if (t.find("{{@") != std::string::npos) {
        return make_error(ErrorCode::Corrupt, "a phrase cannot refer to another phrase", where);
      }
    }
    out.emplace(id, std::move(text).value());
  }
  return out;
}

const std::string* find_value(const Evidence& evidence, std::string_view key) {
  auto it = std::find_if(evidence.begin(), evidence.end(), [&](const auto& kv) { return kv.first == key; });
  return it == evidence.end() ? nullptr : &it->second;
}

// Copies text, putting replace(inner) in place of each "{{inner}}" it has a
// value for; everything else, an unclosed "{{" included, stays as written.
template <class Replace>
std::string substitute(std::string_view text, Replace replace) {
  std::string out;
  out.reserve(text.size());
  std::size_t pos = 0;
  while (pos < text.size()) {
    auto open = text.find("{{", pos);
    if (open == std::string_view::npos) break;
    auto close = text.find("}}", open + 2);
    if (close == std::string_view::npos) break;
    out.append(text.substr(pos, open - pos));
    std::optional<std::string> value = replace(text.substr(open + 2, close - open - 2));
    out.append(value ? std::string_view(*value) : text.substr(open, close + 2 - open));
    pos = close + 2;
  }
  out.append(text.substr(pos));
  return out;
}

std::optional<std::string> phrase_text(std::string_view inner, const Evidence& evidence, const Catalog& catalog,
                                       Lang lang) {
  if (!inner.starts_with('@')) return std::nullopt;
  const LocalizedText* p = catalog.phrase(inner.substr(1));
  if (!p) return std::nullopt;
  return fill_placeholders(p->get(lang), evidence);
}

// An evidence value is data: only its phrase references are put into words.
std::string localize_value(std::string_view value, const Evidence& evidence, const Catalog& catalog, Lang lang) {
  return substitute(value, [&](std::string_view inner) { return phrase_text(inner, evidence, catalog, lang); });
}

// A catalog text: {{key}} takes the evidence value in the reader's language.
std::string fill_text(std::string_view text, const Evidence& evidence, const Catalog& catalog, Lang lang) {
  return substitute(text, [&](std::string_view inner) -> std::optional<std::string> {
    if (inner.starts_with('@')) return phrase_text(inner, evidence, catalog, lang);
    const std::string* value = find_value(evidence, inner);
    if (!value) return std::nullopt;
    return localize_value(*value, evidence, catalog, lang);
  });
}

}  // namespace

std::string_view to_string(Lang l) {
  for (const auto& [value, name] : kLangs) {
    if (value == l) return name;
  }
  return "en";
}

std::optional<Lang> lang_from_string(std::string_view s) {
  // Locale names arrive as "zh_CN.UTF-8", "zh-CN", "zh_CN@pinyin" or plain "zh".
  if (s.starts_with("zh")) return Lang::zh_CN;
  if (s.starts_with("en") || s == "C" || s == "POSIX") return Lang::en;
  return std::nullopt;
}

FixOs fix_os_for_backend(std::string_view backend) {
  for (const auto& [value, name] : kOses) {
    if (name == backend) return value;
  }
  return FixOs::Any;
}

std::string_view to_string(FixOs os) {
  for (const auto& [value, name] : kOses) {
    if (value == os) return name;
  }
  return "any";
}

const std::string& LocalizedText::get(Lang lang) const {
  auto it = text.find(lang);
  if (it != text.end() && !it->second.empty()) return it->second;
  static const std::string empty;
  it = text.find(Lang::en);
  return it != text.end() ? it->second : empty;
}

Result<Catalog> Catalog::parse(std::span<const EmbeddedFile> files) {
  Catalog catalog;
  std::set<std::string> seen;
  for (const auto& file : files) {
    json doc = json::parse(file.text(), nullptr, /*allow_exceptions=*/false);
    if (doc.is_discarded()) return make_error(ErrorCode::Corrupt, "catalog file is not valid JSON", file.name);
    if (file.name == kPhrasesFile) {
      auto phrases = parse_phrases(doc, file.name);
      if (!phrases) return phrases.error();
      catalog.phrases_ = std::move(phrases).value();
      continue;
    }
    if (!doc.is_array()) return make_error(ErrorCode::Corrupt, "catalog file must hold an array of entries", file.name);
    for (const auto& j : doc) {
      auto entry = parse_entry(j, file.name);
      if (!entry) return entry.error();
      if (!seen.insert(entry->id).second) {
        return make_error(ErrorCode::Corrupt, "finding id '" + entry->id + "' is defined twice", file.name);
      }
      catalog.entries_.push_back(std::move(entry).value());
    }
  }
  return catalog;
}

const Catalog& Catalog::builtin() {
  static const Catalog catalog = [] {
    auto parsed = parse({kFindingsCatalogFiles, kFindingsCatalogFiles_count});
    if (!parsed) {
      std::fprintf(stderr, "vmstick: built-in findings catalog is broken: %s\n", parsed.error().describe().c_str());
      std::abort();
    }
    return std::move(parsed).value();
  }();
  return catalog;
}

const CatalogEntry* Catalog::find(std::string_view id) const {
  auto it = std::find_if(entries_.begin(), entries_.end(), [&](const CatalogEntry& e) { return e.id == id; });
  return it == entries_.end() ? nullptr : &*it;
}

const LocalizedText* Catalog::phrase(std::string_view id) const {
  auto it = phrases_.find(id);
  return it == phrases_.end() ? nullptr : &it->second;
}

std::string phrase(std::string_view id) { return "{{@" + std::string(id) + "}}"; }

std::string phrase_list(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : phrase("list.separator")) + item;
  return out;
}

std::vector<std::string> phrase_ids(std::string_view value) {
  std::vector<std::string> ids;
  substitute(value, [&](std::string_view inner) -> std::optional<std::string> {
    if (inner.starts_with('@')) ids.emplace_back(inner.substr(1));
    return std::nullopt;
  });
  return ids;
}

Evidence localize_evidence(const Evidence& evidence, const Catalog& catalog, Lang lang) {
  Evidence out;
  out.reserve(evidence.size());
  for (const auto& [key, value] : evidence) out.emplace_back(key, localize_value(value, evidence, catalog, lang));
  return out;
}

std::string fill_placeholders(std::string_view text, const Evidence& evidence) {
  return substitute(text, [&](std::string_view key) -> std::optional<std::string> {
    const std::string* value = find_value(evidence, key);
    return value ? std::optional<std::string>(*value) : std::nullopt;
  });
}

RenderedFinding render(const Finding& finding, const Catalog& catalog, Lang lang, FixOs os) {
  RenderedFinding r;
  r.id = finding.id;
  r.severity = finding.severity;
  r.area = finding.area;
  r.subject = finding.subject;
  r.evidence = localize_evidence(finding.evidence, catalog, Lang::en);
  const CatalogEntry* entry = catalog.find(finding.id);
  if (!entry) {
    // A rule emitted an id the catalog lacks: a defect the catalog tests
    // catch. Show the id rather than nothing.
    r.title = finding.id;
    return r;
  }
  r.title = fill_text(entry->title.get(lang), finding.evidence, catalog, lang);
  r.explanation = fill_text(entry->explanation.get(lang), finding.evidence, catalog, lang);
  auto fix = entry->fix.find(os);
  if (fix == entry->fix.end()) fix = entry->fix.find(FixOs::Any);
  if (fix != entry->fix.end()) r.fix = fill_text(fix->second.get(lang), finding.evidence, catalog, lang);
  return r;
}

}  // namespace vmstick
