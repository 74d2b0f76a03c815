// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The error contract of vmstick. Read this before writing a probe or parser.
//
// 1. Anything that touches the outside world (a file, a device, an OS API, a
//    user-supplied image) returns Result<T>. Exceptions never cross a module
//    boundary; a parser that catches one converts it to an Error.
// 2. The code says what kind of failure it is, because callers act on it:
//      NotFound         the thing is absent (file, device, key). Often normal.
//      NotSupported     this OS/format/variant cannot answer. Shown as
//                       "unknown"/"skipped", never as a failed check.
//      PermissionDenied we lack the rights; the message says which check and
//                       how to grant them.
//      Corrupt          the input exists but its content is malformed. The
//                       message names the file, the field and what is wrong.
//      Io               reading or writing failed (EIO, vanished drive, ENOSPC).
//      Cancelled        the user asked us to stop.
//      InvalidArgument  the caller (usually the user on the command line) asked
//                       for something that makes no sense.
// 3. message is a complete sentence for a human; context is where it happened
//    (a path, a device, "CPUID leaf 0x1"). Neither is parsed by code.
// 4. A probe that gets an Error does not fail the run: it records the fact as
//    unknown with the message as the reason (see fact.hpp).
#include <cassert>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace vmstick {

enum class ErrorCode { NotFound, NotSupported, PermissionDenied, Corrupt, Io, Cancelled, InvalidArgument };

std::string_view to_string(ErrorCode code);

struct Error {
  ErrorCode code{ErrorCode::Io};
  std::string message;
  std::string context;

  // "message (context)" — what a log line or an "unknown because" shows.
  [[nodiscard]] std::string describe() const;
};

inline Error make_error(ErrorCode code, std::string message, std::string context = {}) {
  return Error{code, std::move(message), std::move(context)};
}

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}  // NOLINT(google-explicit-constructor)
  Result(Error error) : v_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  [[nodiscard]] bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & { assert(ok()); return std::get<0>(v_); }
  const T& value() const& { assert(ok()); return std::get<0>(v_); }
  T&& value() && { assert(ok()); return std::get<0>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  const Error& error() const { assert(!ok()); return std::get<1>(v_); }

  T value_or(T fallback) const& { return ok() ? std::get<0>(v_) : std::move(fallback); }

 private:
  std::variant<T, Error> v_;
};

// Result<void>: success carries nothing.
struct Ok {};
using Status = Result<Ok>;

}  // namespace vmstick
