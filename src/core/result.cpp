// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/result.hpp"

namespace vmstick {

std::string_view to_string(ErrorCode code) {
  switch (code) {
    case ErrorCode::NotFound: return "not-found";
    case ErrorCode::NotSupported: return "not-supported";
    case ErrorCode::PermissionDenied: return "permission-denied";
    case ErrorCode::Corrupt: return "corrupt";
    case ErrorCode::Io: return "io";
    case ErrorCode::Cancelled: return "cancelled";
    case ErrorCode::InvalidArgument: return "invalid-argument";
  }
  return "unknown";
}

std::string Error::describe() const {
  if (context.empty()) return message;
  return message + " (" + context + ")";
}

}  // namespace vmstick
