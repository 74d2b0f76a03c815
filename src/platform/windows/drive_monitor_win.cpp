// SPDX-License-Identifier: GPL-3.0-or-later
// The window is message-only, so it never shows up anywhere; but such a
// window gets no broadcasts, so the DBT_DEVTYP_VOLUME messages Windows sends
// to top-level windows never reach it. It registers for the disk interface (a
// stick plugged or pulled) and the volume interface (a volume appearing on a
// disk that stays, as when a card goes into a reader or a stick is
// partitioned), which arrive as DBT_DEVTYP_DEVICEINTERFACE.
#include "platform/windows/drive_monitor_win.hpp"

#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#include <windows.h>
#include <dbt.h>
#include <initguid.h>
#include <winioctl.h>

#include <cstddef>
#include <string>

#include "core/log/log.hpp"
#include "platform/windows/decode/device_change.hpp"

namespace vmstick::windows_backend {
namespace {

// The decoder declares dbt.h's layouts itself (it builds without windows.h);
// every Windows build checks it against the SDK's.
namespace wd = windows_decode;
static_assert(offsetof(DEV_BROADCAST_VOLUME, dbcv_unitmask) == 12);
static_assert(offsetof(DEV_BROADCAST_VOLUME, dbcv_flags) + sizeof(WORD) == wd::kBroadcastVolumeBytes);
static_assert(offsetof(DEV_BROADCAST_DEVICEINTERFACE_W, dbcc_name) == wd::kBroadcastInterfaceBytes);
static_assert(sizeof(DEV_BROADCAST_HDR) == wd::kBroadcastHeaderBytes);
static_assert(DBT_DEVICEARRIVAL == wd::kDbtDeviceArrival && DBT_DEVICEREMOVECOMPLETE == wd::kDbtDeviceRemoveComplete);
static_assert(DBT_DEVTYP_VOLUME == wd::kDbtDevtypVolume && DBT_DEVTYP_DEVICEINTERFACE == wd::kDbtDevtypDeviceInterface);
static_assert(DBTF_NET == wd::kDbtfNet);

Error win_error(DWORD err, const std::string& what) {
  const ErrorCode code = err == ERROR_ACCESS_DENIED ? ErrorCode::PermissionDenied : ErrorCode::NotSupported;
  return make_error(code, what + " (Windows error " + std::to_string(err) + ").", "drive monitor");
}

// Runs on the monitor thread only (Windows sends WM_DEVICECHANGE, and sent
// messages are delivered inside that thread's PeekMessageW), so the debouncer
// needs no lock.
LRESULT CALLBACK window_proc(HWND hwnd, UINT msg, WPARAM wparam, LPARAM lparam) {
  if (msg != WM_DEVICECHANGE) return DefWindowProcW(hwnd, msg, wparam, lparam);
  auto* debouncer = reinterpret_cast<EventDebouncer*>(GetWindowLongPtrW(hwnd, GWLP_USERDATA));
  const auto change = wd::decode_device_change(wparam, wd::broadcast_record(reinterpret_cast<const void*>(lparam)));
  if (debouncer && change) {
    std::string letters;
    for (const auto& l : change->letters) letters += " " + l;
    log::get("probe.drive")->debug("drive {}{}", change->arrival ? "arrived" : "removed", letters);
    debouncer->event(EventDebouncer::Clock::now());
  }
  return TRUE;  // grants any query; we never veto a removal
}

HDEVNOTIFY register_interface(HWND hwnd, const GUID& interface_class) {
  DEV_BROADCAST_DEVICEINTERFACE_W filter{};
  filter.dbcc_size = sizeof filter;
  filter.dbcc_devicetype = DBT_DEVTYP_DEVICEINTERFACE;
  filter.dbcc_classguid = interface_class;
  return RegisterDeviceNotificationW(hwnd, &filter, DEVICE_NOTIFY_WINDOW_HANDLE);
}

// The window and its registrations, undone in reverse on every exit path of
// the monitor thread (the window must be destroyed by the thread that made it).
struct NotifyWindow {
  HWND hwnd{nullptr};
  HDEVNOTIFY disks{nullptr};
  HDEVNOTIFY volumes{nullptr};
  NotifyWindow() = default;
  NotifyWindow(const NotifyWindow&) = delete;
  NotifyWindow& operator=(const NotifyWindow&) = delete;
  ~NotifyWindow() {
    if (volumes) UnregisterDeviceNotification(volumes);
    if (disks) UnregisterDeviceNotification(disks);
    if (hwnd) DestroyWindow(hwnd);
  }
};

}  // namespace

WinDriveMonitor::WinDriveMonitor(std::chrono::milliseconds quiet, std::chrono::milliseconds max_delay)
    : quiet_(quiet), max_delay_(max_delay), debouncer_(quiet, max_delay) {}

WinDriveMonitor::~WinDriveMonitor() { stop(); }

Status WinDriveMonitor::start(Callback on_change) {
  if (thread_.joinable()) return make_error(ErrorCode::InvalidArgument, "the drive monitor is already running", "start");
  stop_event_ = CreateEventW(nullptr, TRUE, FALSE, nullptr);
  if (!stop_event_) return win_error(GetLastError(), "Cannot create the drive monitor's stop event");
  debouncer_ = EventDebouncer(quiet_, max_delay_);  // no burst left over from a previous run
  std::promise<Status> started;
  auto result = started.get_future();
  // The thread owns the promise: start() may return while set_value() is
  // still finishing on the other side.
  thread_ = std::thread([this, p = std::move(started), cb = std::move(on_change)]() mutable { loop(cb, p); });
  Status status = result.get();
  if (!status) stop();
  return status;
}

void WinDriveMonitor::stop() {
  // An event rather than WM_QUIT: setting it cannot fail the way posting to
  // a full message queue can, and the loop sees it even before its window exists.
  if (thread_.joinable()) {
    SetEvent(stop_event_);
    thread_.join();
  }
  if (stop_event_) CloseHandle(stop_event_);
  stop_event_ = nullptr;
}

void WinDriveMonitor::loop(const Callback& on_change, std::promise<Status>& started) {
  const HINSTANCE module = GetModuleHandleW(nullptr);
  WNDCLASSEXW wc{};
  wc.cbSize = sizeof wc;
  wc.lpfnWndProc = window_proc;
  wc.hInstance = module;
  wc.lpszClassName = kDriveMonitorWindowClass;
  // A second monitor, or a restarted one, finds the class registered; it is
  // never unregistered, as another monitor's window may still use it.
  if (!RegisterClassExW(&wc)) {
    if (const DWORD err = GetLastError(); err != ERROR_CLASS_ALREADY_EXISTS) {
      started.set_value(win_error(err, "Cannot register the drive monitor's window class"));
      return;
    }
  }
  NotifyWindow w;
  w.hwnd = CreateWindowExW(0, kDriveMonitorWindowClass, L"", 0, 0, 0, 0, 0, HWND_MESSAGE, nullptr, module, nullptr);
  if (!w.hwnd) {
    started.set_value(win_error(GetLastError(), "Cannot create the drive monitor's message window"));
    return;
  }
  SetWindowLongPtrW(w.hwnd, GWLP_USERDATA, reinterpret_cast<LONG_PTR>(&debouncer_));
  w.disks = register_interface(w.hwnd, GUID_DEVINTERFACE_DISK);
  if (!w.disks) {
    started.set_value(win_error(GetLastError(), "RegisterDeviceNotificationW refused disk notifications"));
    return;
  }
  w.volumes = register_interface(w.hwnd, GUID_DEVINTERFACE_VOLUME);
  if (!w.volumes) {
    started.set_value(win_error(GetLastError(), "RegisterDeviceNotificationW refused volume notifications"));
    return;
  }
  started.set_value(Ok{});

  HANDLE stop_event = stop_event_;
  for (;;) {
    const auto wait = debouncer_.wait(EventDebouncer::Clock::now());
    const DWORD timeout = wait ? static_cast<DWORD>(wait->count()) : INFINITE;
    // MWMO_INPUTAVAILABLE: wake for messages already queued, not only new ones.
    const DWORD r = MsgWaitForMultipleObjectsEx(1, &stop_event, timeout, QS_ALLINPUT, MWMO_INPUTAVAILABLE);
    if (r == WAIT_OBJECT_0) return;
    if (r == WAIT_FAILED) {
      log::get("probe.drive")->warn("drive monitor stopped: MsgWaitForMultipleObjectsEx failed (Windows error {})",
                                    GetLastError());
      return;
    }
    MSG msg;
    while (PeekMessageW(&msg, nullptr, 0, 0, PM_REMOVE)) {
      if (msg.message == WM_QUIT) return;
      DispatchMessageW(&msg);
    }
    if (debouncer_.due(EventDebouncer::Clock::now())) on_change();
  }
}

}  // namespace vmstick::windows_backend
