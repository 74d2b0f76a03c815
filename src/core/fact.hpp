// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A Fact is one thing a probe learned about the machine, the drive or the
// image — or the honest statement that it could not learn it, and why.
// Rules must treat an unknown fact as unknown: never as "no".
#include <optional>
#include <string>
#include <utility>

#include "core/result.hpp"

namespace vmstick {

template <class T>
class Fact {
 public:
  // A default Fact means no probe looked at it.
  Fact() : reason_("not checked") {}

  static Fact known(T value, std::string source) {
    Fact f;
    f.value_ = std::move(value);
    f.source_ = std::move(source);
    f.reason_.clear();
    return f;
  }
  static Fact unknown(std::string reason) {
    Fact f;
    f.reason_ = std::move(reason);
    return f;
  }
  static Fact unknown(const Error& error) { return unknown(error.describe()); }

  [[nodiscard]] bool is_known() const { return value_.has_value(); }
  // Only valid when is_known().
  const T& value() const { return *value_; }
  const T* get() const { return value_ ? &*value_ : nullptr; }
  // How it was learned ("/proc/cpuinfo flags", "CPUID leaf 0x1 ECX[5]").
  const std::string& source() const { return source_; }
  // Why it is unknown.
  const std::string& reason() const { return reason_; }

  // True only when known and equal: an unknown fact is never "equal to false".
  [[nodiscard]] bool is(const T& expected) const { return value_ && *value_ == expected; }

 private:
  std::optional<T> value_;
  std::string source_;
  std::string reason_;
};

}  // namespace vmstick
