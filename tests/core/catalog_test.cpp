// SPDX-License-Identifier: GPL-3.0-or-later
#include <catch2/catch.hpp>
#include <set>

#include "core/findings/catalog.hpp"
#include "core/rules/rule.hpp"

using namespace vmstick;

TEST_CASE("the built-in catalog has every entry in English and Simplified Chinese") {
  const Catalog& catalog = Catalog::builtin();
  REQUIRE_FALSE(catalog.entries().empty());
  for (const auto& e : catalog.entries()) {
    INFO(e.id);
    CHECK_FALSE(e.title.get(Lang::en).empty());
    CHECK(e.title.text.count(Lang::zh_CN) == 1);
    CHECK(e.explanation.text.count(Lang::zh_CN) == 1);
    for (const auto& [os, text] : e.fix) {
      INFO(to_string(os));
      CHECK(text.text.count(Lang::zh_CN) == 1);
    }
    // A problem must say what to do about it.
    if (e.severity == Severity::warning || e.severity == Severity::blocker) CHECK_FALSE(e.fix.empty());
  }
}

TEST_CASE("every finding a rule can emit is in the catalog, and every catalog entry is emitted by a rule") {
  RuleRegistry rules;
  register_builtin_rules(rules);
  std::set<std::string> emitted;
  for (const auto& rule : rules.rules()) {
    for (const auto& id : rule.emits) {
      INFO(rule.name << " emits " << id);
      CHECK(Catalog::builtin().find(id) != nullptr);
      emitted.insert(id);
    }
  }
  for (const auto& e : Catalog::builtin().entries()) {
    INFO(e.id);
    CHECK(emitted.count(e.id) == 1);
  }
}

TEST_CASE("catalog parsing names the file and entry at fault") {
  auto parse_one = [](const char* text) {
    EmbeddedFile f{"bad.json", text, std::char_traits<char>::length(text)};
    return Catalog::parse({&f, 1});
  };
  auto not_json = parse_one("[{");
  REQUIRE_FALSE(not_json.ok());
  CHECK(not_json.error().context == "bad.json");

  auto no_severity = parse_one(R"([{"id":"x.y","area":"usb_link","title":{"en":"t"},"explanation":{"en":"e"}}])");
  REQUIRE_FALSE(no_severity.ok());
  CHECK(no_severity.error().context == "bad.json: x.y");

  auto no_english = parse_one(
      R"([{"id":"x.y","area":"usb_link","severity":"ok","title":{"zh_CN":"t"},"explanation":{"en":"e"}}])");
  REQUIRE_FALSE(no_english.ok());
  CHECK(no_english.error().message == "English text is missing");

  const char* dup_text =
      R"([{"id":"a","area":"usb_link","severity":"ok","title":{"en":"t"},"explanation":{"en":"e"}},
          {"id":"a","area":"usb_link","severity":"ok","title":{"en":"t"},"explanation":{"en":"e"}}])";
  auto dup = parse_one(dup_text);
  REQUIRE_FALSE(dup.ok());
  CHECK(dup.error().message.find("defined twice") != std::string::npos);
}

TEST_CASE("placeholders are filled from evidence, unknown ones stay visible") {
  Evidence ev{{"cpu", "Ryzen"}, {"virt", "AMD-V"}};
  CHECK(fill_placeholders("{{cpu}} has {{virt}}", ev) == "Ryzen has AMD-V");
  CHECK(fill_placeholders("bcdedit /set {current} x {{nope}}", ev) == "bcdedit /set {current} x {{nope}}");
  CHECK(fill_placeholders("unclosed {{cpu", ev) == "unclosed {{cpu");
}

TEST_CASE("rendering picks the OS-specific fix and the language") {
  const char* text = R"([{"id":"a.b","area":"usb_link","severity":"warning","title":{"en":"T {{x}}","zh_CN":"标题 {{x}}"},
     "explanation":{"en":"E"},"fix":{"any":{"en":"generic"},"windows":{"en":"win fix","zh_CN":"视窗"}}}])";
  EmbeddedFile f{"t.json", text, std::char_traits<char>::length(text)};
  auto catalog = Catalog::parse({&f, 1});
  REQUIRE(catalog.ok());
  Finding finding{"a.b", Severity::warning, Area::usb_link, "host", {{"x", "1"}}};
  auto en_linux = render(finding, *catalog, Lang::en, FixOs::Linux);
  CHECK(en_linux.title == "T 1");
  CHECK(en_linux.fix == "generic");
  auto zh_win = render(finding, *catalog, Lang::zh_CN, FixOs::Windows);
  CHECK(zh_win.title == "标题 1");
  CHECK(zh_win.explanation == "E");  // falls back to English
  CHECK(zh_win.fix == "视窗");
}

TEST_CASE("language names from locales") {
  CHECK(lang_from_string("zh_CN.UTF-8") == Lang::zh_CN);
  CHECK(lang_from_string("zh-CN") == Lang::zh_CN);
  CHECK(lang_from_string("en_US.UTF-8") == Lang::en);
  CHECK(lang_from_string("C") == Lang::en);
  CHECK_FALSE(lang_from_string("de_DE").has_value());
}

TEST_CASE("the fix shown follows the backend the check ran on") {
  CHECK(fix_os_for_backend("linux") == FixOs::Linux);
  CHECK(fix_os_for_backend("windows") == FixOs::Windows);
  CHECK(fix_os_for_backend("macos") == FixOs::MacOS);
  CHECK(fix_os_for_backend("none") == FixOs::Any);
  CHECK(fix_os_for_backend("") == FixOs::Any);
}
