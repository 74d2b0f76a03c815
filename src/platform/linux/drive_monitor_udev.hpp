// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Linux hotplug: block-device uevents from udev's netlink monitor.
#include <atomic>
#include <memory>
#include <thread>

#include "core/drive_monitor.hpp"

namespace vmstick::linux_backend {

// Where events come from: a pollable file descriptor and a way to drain one
// event. The real one is udev's netlink monitor; tests inject a pipe.
class UeventSource {
 public:
  virtual ~UeventSource() = default;
  virtual int fd() const = 0;
  // Consumes one pending event; true when it concerns a drive.
  virtual bool drain_one() = 0;
};

// udev monitor filtered to the block subsystem (disks and partitions).
Result<std::unique_ptr<UeventSource>> open_udev_block_monitor();

class UdevDriveMonitor final : public DriveMonitor {
 public:
  // source: nullptr opens the udev netlink monitor in start().
  explicit UdevDriveMonitor(std::unique_ptr<UeventSource> source = nullptr,
                            std::chrono::milliseconds quiet = std::chrono::milliseconds(300),
                            std::chrono::milliseconds max_delay = std::chrono::milliseconds(1500));
  ~UdevDriveMonitor() override;
  Status start(Callback on_change) override;
  void stop() override;

 private:
  void loop(Callback on_change);
  std::unique_ptr<UeventSource> source_;
  EventDebouncer debouncer_;
  int stop_pipe_[2]{-1, -1};
  std::thread thread_;
};

}  // namespace vmstick::linux_backend
