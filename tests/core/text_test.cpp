// SPDX-License-Identifier: GPL-3.0-or-later
#include <catch2/catch.hpp>

#include "core/text.hpp"

using namespace vmstick;

TEST_CASE("text helpers split and trim OS text") {
  CHECK(trim("  a b \t\n") == "a b");
  CHECK(split_lines("a\r\nb\n\nc") == std::vector<std::string_view>{"a", "b", "", "c"});
  CHECK(split_words(" fpu  vme\tde ") == std::vector<std::string>{"fpu", "vme", "de"});
}

TEST_CASE("parse_number accepts whole numbers only") {
  CHECK(parse_number<int>("480") == 480);
  CHECK(parse_number<int>(" 42\n") == 42);
  CHECK_FALSE(parse_number<int>("4x").has_value());
  CHECK_FALSE(parse_number<int>("").has_value());
  CHECK_FALSE(parse_number<std::uint8_t>("300").has_value());
  CHECK(parse_number<unsigned>("ff", 16) == 255u);
}

TEST_CASE("printable neutralises control characters and broken UTF-8") {
  CHECK(printable("STICK\x1b[31mRED") == "STICK?[31mRED");
  CHECK(printable("U盘") == "U盘");
  CHECK(printable("\xff\xfe") == "\xEF\xBF\xBD\xEF\xBF\xBD");
  CHECK(printable("\xe2\x82") == "\xEF\xBF\xBD\xEF\xBF\xBD");  // truncated sequence
  CHECK(printable("a\xe2\x80\xae" "b\xe2\x81\xa6" "c") == "a\xEF\xBF\xBD" "b\xEF\xBF\xBD" "c");  // RLO, LRI
  CHECK(printable("\xe2\x80\x94") == "\xe2\x80\x94");  // an em dash stays
  CHECK(printable("\xed\xa0\x80") == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // UTF-16 surrogate
}
