// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/report/redact.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdlib>
#include <filesystem>

namespace vmstick {
namespace {

bool iequals_prefix(std::string_view text, std::size_t at, std::string_view prefix) {
  if (at + prefix.size() > text.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(text[at + i])) != std::tolower(static_cast<unsigned char>(prefix[i]))) {
      return false;
    }
  }
  return true;
}

// Replaces the path component after each home prefix ("/home/", "/Users/",
// "\Users\") with <user>, whatever the name is — so names we were not told
// about are caught too.
std::string redact_home_paths(const std::string& text) {
  static constexpr std::array<std::string_view, 4> kPrefixes{"/home/", "/Users/", "\\Users\\", "/Users\\"};
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    bool matched = false;
    for (std::string_view prefix : kPrefixes) {
      if (!iequals_prefix(text, i, prefix)) continue;
      const char sep = prefix.back();
      std::size_t start = i + prefix.size();
      std::size_t end = start;
      while (end < text.size() && text[end] != sep && text[end] != '/' && text[end] != '\\' && text[end] != '"' &&
             text[end] != '\'' && text[end] != ' ' && text[end] != '\n') {
        ++end;
      }
      if (end == start) continue;
      out.append(text, i, prefix.size());
      out += "<user>";
      i = end;
      matched = true;
      break;
    }
    if (!matched) out.push_back(text[i++]);
  }
  return out;
}

void replace_all(std::string& text, const std::string& needle, std::string_view with) {
  if (needle.size() < 2) return;  // one letter would shred the report
  std::size_t pos = 0;
  while ((pos = text.find(needle, pos)) != std::string::npos) {
    text.replace(pos, needle.size(), with);
    pos += with.size();
  }
}

bool is_serial_key(std::string key) {
  std::transform(key.begin(), key.end(), key.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return key.find("serial") != std::string::npos;
}

void walk(nlohmann::json& j, const RedactionContext& ctx) {
  if (j.is_string()) {
    j = redact_text(j.get<std::string>(), ctx);
    return;
  }
  if (j.is_array()) {
    for (auto& e : j) walk(e, ctx);
    return;
  }
  if (!j.is_object()) return;
  for (auto it = j.begin(); it != j.end(); ++it) {
    if (is_serial_key(it.key())) {
      auto& v = it.value();
      // Facts are {"value": …, "source": …}; keep the shape, drop the value.
      if (v.is_object() && v.contains("value") && !v["value"].is_null()) {
        v["value"] = kRedacted;
      } else if (v.is_string() || v.is_number()) {
        v = kRedacted;
      }
    }
    walk(it.value(), ctx);
  }
}

}  // namespace

RedactionContext redaction_context_from_environment(const PathStore& paths) {
  RedactionContext ctx;
  for (const char* var : {"USER", "USERNAME", "LOGNAME"}) {
    if (const char* v = std::getenv(var); v && *v) ctx.user_names.emplace_back(v);
  }
  if (const char* home = std::getenv("HOME"); home && *home) {
    auto name = std::filesystem::path(home).filename().string();
    if (!name.empty()) ctx.user_names.push_back(name);
  }
  for (const char* var : {"HOSTNAME", "COMPUTERNAME"}) {
    if (const char* v = std::getenv(var); v && *v) ctx.host_names.emplace_back(v);
  }
  if (auto h = paths.read_attr(paths.proc("sys/kernel/hostname")); h && !h->empty()) ctx.host_names.push_back(*h);
  return ctx;
}

std::string redact_text(std::string text, const RedactionContext& ctx) {
  text = redact_home_paths(text);
  for (const auto& u : ctx.user_names) replace_all(text, u, "<user>");
  for (const auto& h : ctx.host_names) replace_all(text, h, "<host>");
  return text;
}

void redact_report(nlohmann::json& report, const RedactionContext& ctx) {
  walk(report, ctx);
  report["redacted"] = true;
}

}  // namespace vmstick
