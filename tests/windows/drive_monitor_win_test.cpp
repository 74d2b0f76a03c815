// SPDX-License-Identifier: GPL-3.0-or-later
// The Windows drive monitor's real thread, window and message loop. No stick
// is plugged in here: the test finds the monitor's message-only window and
// sends it the WM_DEVICECHANGE messages Windows would send.
#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#include <windows.h>
#include <dbt.h>

#include <catch2/catch.hpp>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "platform/windows/drive_monitor_win.hpp"

using namespace vmstick;
using namespace std::chrono_literals;
using windows_backend::WinDriveMonitor;

namespace {

struct Counter {
  std::mutex m;
  std::condition_variable cv;
  int calls{0};
  std::thread::id caller;
  void bump() {
    std::lock_guard lock(m);
    ++calls;
    caller = std::this_thread::get_id();
    cv.notify_all();
  }
  bool wait_for(int n, std::chrono::milliseconds limit) {
    std::unique_lock lock(m);
    return cv.wait_for(lock, limit, [&] { return calls >= n; });
  }
  int count() {
    std::lock_guard lock(m);
    return calls;
  }
};

// This process's monitor window: FindWindowExW searches every process's
// message-only windows, and ctest runs test cases side by side.
HWND monitor_window() {
  HWND w = nullptr;
  while ((w = FindWindowExW(HWND_MESSAGE, w, windows_backend::kDriveMonitorWindowClass, nullptr)) != nullptr) {
    DWORD pid = 0;
    GetWindowThreadProcessId(w, &pid);
    if (pid == GetCurrentProcessId()) return w;
  }
  return nullptr;
}

// Sent, not posted, as Windows does: returns once the monitor thread ran its window procedure.
LRESULT send_volume(HWND w, WPARAM event, DWORD unit_mask, WORD flags = 0) {
  DEV_BROADCAST_VOLUME v{};
  v.dbcv_size = sizeof v;
  v.dbcv_devicetype = DBT_DEVTYP_VOLUME;
  v.dbcv_unitmask = unit_mask;
  v.dbcv_flags = flags;
  return SendMessageW(w, WM_DEVICECHANGE, event, reinterpret_cast<LPARAM>(&v));
}

LRESULT send_disk_interface(HWND w, WPARAM event) {
  DEV_BROADCAST_DEVICEINTERFACE_W d{};
  d.dbcc_size = sizeof d;
  d.dbcc_devicetype = DBT_DEVTYP_DEVICEINTERFACE;
  return SendMessageW(w, WM_DEVICECHANGE, event, reinterpret_cast<LPARAM>(&d));
}

constexpr DWORD kE = 1u << 4, kF = 1u << 5;

// start() with its error spelled out in the test's output when it fails.
bool started(WinDriveMonitor& mon, Counter& counter) {
  const auto status = mon.start([&] { counter.bump(); });
  if (!status) UNSCOPED_INFO(status.error().describe());
  return status.ok();
}

}  // namespace

TEST_CASE("Windows drive monitor: starts, and stop returns promptly without a callback") {
  Counter counter;
  WinDriveMonitor mon(100ms, 1000ms);
  REQUIRE(started(mon, counter));
  CHECK(monitor_window() != nullptr);
  // Running twice would leak the first thread.
  const auto again = mon.start([] {});
  REQUIRE_FALSE(again.ok());
  CHECK(again.error().code == ErrorCode::InvalidArgument);
  const auto t0 = std::chrono::steady_clock::now();
  mon.stop();
  CHECK(std::chrono::steady_clock::now() - t0 < 1s);
  CHECK(monitor_window() == nullptr);  // the thread destroyed its window
  CHECK(counter.count() == 0);
  mon.stop();  // a second stop is harmless
}

TEST_CASE("Windows drive monitor: a burst of arrivals and removals is one callback, on the monitor's thread") {
  Counter counter;
  WinDriveMonitor mon(150ms, 1000ms);
  REQUIRE(started(mon, counter));
  const HWND w = monitor_window();
  REQUIRE(w != nullptr);
  const auto t0 = std::chrono::steady_clock::now();
  CHECK(send_disk_interface(w, DBT_DEVICEARRIVAL) == TRUE);
  CHECK(send_volume(w, DBT_DEVICEARRIVAL, kE | kF) == TRUE);
  CHECK(send_volume(w, DBT_DEVICEREMOVECOMPLETE, kF) == TRUE);
  REQUIRE(counter.wait_for(1, 2s));
  CHECK(std::chrono::steady_clock::now() - t0 < 2s);
  CHECK(counter.caller != std::this_thread::get_id());
  // Nothing that is not a drive change notifies: device nodes, queries,
  // a network share's letter.
  SendMessageW(w, WM_DEVICECHANGE, DBT_DEVNODES_CHANGED, 0);
  CHECK(send_volume(w, DBT_DEVICEQUERYREMOVE, kE) == TRUE);  // never vetoed
  send_volume(w, DBT_DEVICEARRIVAL, kE, DBTF_NET);
  CHECK_FALSE(counter.wait_for(2, 500ms));
  CHECK(counter.count() == 1);
  // The next burst notifies again.
  send_disk_interface(w, DBT_DEVICEREMOVECOMPLETE);
  CHECK(counter.wait_for(2, 2s));
  mon.stop();
  CHECK(counter.count() == 2);
}

TEST_CASE("Windows drive monitor: no callback after stop, even with a burst pending, and a clean restart") {
  Counter counter;
  WinDriveMonitor mon(400ms, 1000ms);
  REQUIRE(started(mon, counter));
  HWND w = monitor_window();
  REQUIRE(w != nullptr);
  send_volume(w, DBT_DEVICEARRIVAL, kE);
  const auto t0 = std::chrono::steady_clock::now();
  mon.stop();  // the burst's quiet time has not passed yet
  CHECK(std::chrono::steady_clock::now() - t0 < 1s);
  std::this_thread::sleep_for(800ms);
  CHECK(counter.count() == 0);

  // Started again, the window class is already registered and the old
  // burst is gone.
  REQUIRE(started(mon, counter));
  w = monitor_window();
  REQUIRE(w != nullptr);
  CHECK_FALSE(counter.wait_for(1, 800ms));
  send_volume(w, DBT_DEVICEREMOVECOMPLETE, kE);
  CHECK(counter.wait_for(1, 2s));
  mon.stop();
  CHECK(counter.count() == 1);
}
