// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <atomic>
#include <functional>
#include <string_view>

namespace vmstick {

// Shared between the thread that asks for cancellation (GUI, signal handler)
// and the worker that polls it between steps. Polling, not interruption: a
// probe checks it before each slow step so cancellation is prompt and clean.
class CancelToken {
 public:
  void cancel() { cancelled_.store(true, std::memory_order_relaxed); }
  [[nodiscard]] bool cancelled() const { return cancelled_.load(std::memory_order_relaxed); }

 private:
  std::atomic<bool> cancelled_{false};
};

// Progress of long work: the step's stable id (a probe's name, "rules", a
// speed-test phase id such as "rand_read_qd1", "sustained_write", "done") and
// 0..1 (negative when the total is not known). Front ends word the id in the
// user's language with progress_text(). Called on the worker thread; the
// receiver marshals it.
using ProgressFn = std::function<void(std::string_view step, double fraction)>;

}  // namespace vmstick
