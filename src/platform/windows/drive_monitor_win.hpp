// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Windows hotplug: WM_DEVICECHANGE for disk and volume device interfaces,
// received by a message-only window on the monitor's own thread.
#include <chrono>
#include <future>
#include <thread>

#include "core/drive_monitor.hpp"

namespace vmstick::windows_backend {

// The message-only window's class. Named so a test can find the window
// (FindWindowExW(HWND_MESSAGE, ...)) and send it a WM_DEVICECHANGE.
inline constexpr wchar_t kDriveMonitorWindowClass[] = L"vmstick.DriveMonitor";

class WinDriveMonitor final : public DriveMonitor {
 public:
  explicit WinDriveMonitor(std::chrono::milliseconds quiet = std::chrono::milliseconds(300),
                           std::chrono::milliseconds max_delay = std::chrono::milliseconds(1500));
  ~WinDriveMonitor() override;
  WinDriveMonitor(const WinDriveMonitor&) = delete;
  WinDriveMonitor& operator=(const WinDriveMonitor&) = delete;
  Status start(Callback on_change) override;
  void stop() override;

 private:
  void loop(const Callback& on_change, std::promise<Status>& started);
  std::chrono::milliseconds quiet_;
  std::chrono::milliseconds max_delay_;
  EventDebouncer debouncer_;
  void* stop_event_{nullptr};  // HANDLE: a manual-reset event stop() sets
  std::thread thread_;
};

}  // namespace vmstick::windows_backend
