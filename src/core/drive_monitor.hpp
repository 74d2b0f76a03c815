// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Hotplug: tells the GUI "the drives changed" so it re-runs only the drive
// probe. Each OS backend implements DriveMonitor (Linux: udev netlink;
// Windows: WM_DEVICECHANGE; macOS: DiskArbitration callbacks).
#include <chrono>
#include <functional>
#include <memory>
#include <optional>

#include "core/result.hpp"

namespace vmstick {

class DriveMonitor {
 public:
  using Callback = std::function<void()>;
  virtual ~DriveMonitor() = default;
  // Calls on_change (on the monitor's own thread) after drives appear or
  // vanish; bursts are coalesced. Error when the OS refuses to deliver events.
  virtual Status start(Callback on_change) = 0;
  // Returns after the monitor thread has ended; no callback runs afterwards.
  virtual void stop() = 0;
};

// One plugged stick produces a burst of kernel events (USB device,
// interface, SCSI host, disk, each partition) over a few hundred ms. The
// debouncer turns a burst into one notification, sent `quiet` after the last
// event but never later than `max_delay` after the first, so the GUI updates
// within 2 s even during a long burst.
class EventDebouncer {
 public:
  using Clock = std::chrono::steady_clock;
  EventDebouncer(std::chrono::milliseconds quiet, std::chrono::milliseconds max_delay)
      : quiet_(quiet), max_delay_(max_delay) {}

  void event(Clock::time_point now) {
    if (!first_) first_ = now;
    last_ = now;
  }
  // True once per burst, when it is time to notify; resets the burst.
  bool due(Clock::time_point now) {
    if (!first_) return false;
    if (now - *last_ >= quiet_ || now - *first_ >= max_delay_) {
      first_.reset();
      last_.reset();
      return true;
    }
    return false;
  }
  // How long a poll may sleep before due() can become true; nullopt = no burst pending.
  std::optional<std::chrono::milliseconds> wait(Clock::time_point now) const {
    if (!first_) return std::nullopt;
    auto until = std::min(*last_ + quiet_, *first_ + max_delay_);
    if (until <= now) return std::chrono::milliseconds(0);
    return std::chrono::duration_cast<std::chrono::milliseconds>(until - now) + std::chrono::milliseconds(1);
  }

 private:
  std::chrono::milliseconds quiet_;
  std::chrono::milliseconds max_delay_;
  std::optional<Clock::time_point> first_;
  std::optional<Clock::time_point> last_;
};

}  // namespace vmstick
