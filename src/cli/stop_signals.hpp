// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/cancel.hpp"

namespace vmstick::cli {

// While alive, Ctrl+C and SIGTERM cancel the given token instead of killing
// the process, so long work (the speed test) stops at its next check and
// removes its temp file. On destruction the default handlers return: a second
// Ctrl+C after the work has finished ends the program as usual.
class StopSignalsCancel {
 public:
  explicit StopSignalsCancel(CancelToken& token);
  ~StopSignalsCancel();
  StopSignalsCancel(const StopSignalsCancel&) = delete;
  StopSignalsCancel& operator=(const StopSignalsCancel&) = delete;
};

}  // namespace vmstick::cli
