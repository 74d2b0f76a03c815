// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/findings/catalog.hpp"

#include <algorithm>
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

std::string fill_placeholders(std::string_view text, const Evidence& evidence) {
  std::string out;
  out.reserve(text.size());
  std::size_t pos = 0;
  while (pos < text.size()) {
    auto open = text.find("{{", pos);
    if (open == std::string_view::npos) break;
    auto close = text.find("}}", open + 2);
    if (close == std::string_view::npos) break;
    out.append(text.substr(pos, open - pos));
    std::string_view key = text.substr(open + 2, close - open - 2);
    auto it = std::find_if(evidence.begin(), evidence.end(), [&](const auto& kv) { return kv.first == key; });
    if (it != evidence.end()) {
      out.append(it->second);
    } else {
      out.append(text.substr(open, close + 2 - open));
    }
    pos = close + 2;
  }
  out.append(text.substr(pos));
  return out;
}

RenderedFinding render(const Finding& finding, const Catalog& catalog, Lang lang, FixOs os) {
  RenderedFinding r;
  r.id = finding.id;
  r.severity = finding.severity;
  r.area = finding.area;
  r.subject = finding.subject;
  r.evidence = finding.evidence;
  const CatalogEntry* entry = catalog.find(finding.id);
  if (!entry) {
    // A rule emitted an id the catalog lacks: a defect the catalog tests
    // catch. Show the id rather than nothing.
    r.title = finding.id;
    return r;
  }
  r.title = fill_placeholders(entry->title.get(lang), finding.evidence);
  r.explanation = fill_placeholders(entry->explanation.get(lang), finding.evidence);
  auto fix = entry->fix.find(os);
  if (fix == entry->fix.end()) fix = entry->fix.find(FixOs::Any);
  if (fix != entry->fix.end()) r.fix = fill_placeholders(fix->second.get(lang), finding.evidence);
  return r;
}

}  // namespace vmstick
