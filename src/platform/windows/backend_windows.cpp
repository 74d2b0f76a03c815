// SPDX-License-Identifier: GPL-3.0-or-later
#include <cstdlib>

#include "core/backend.hpp"
#include "platform/windows/drive_monitor_win.hpp"
#include "platform/windows/drive_probe.hpp"
#include "platform/windows/host_probe_windows.hpp"

namespace vmstick {
namespace {

class WindowsBackend final : public Backend {
 public:
  std::string_view name() const override { return "windows"; }
  void register_probes(ProbeRegistry& registry) const override {
    registry.add(std::make_unique<windows_backend::HostProbe>());
    windows_backend::register_drive_probe(registry);
  }
  // Per-user, not roaming: logs belong to this machine.
  std::filesystem::path log_dir() const override {
    if (const wchar_t* local = _wgetenv(L"LOCALAPPDATA"); local && *local) {
      return std::filesystem::path(local) / L"vmstick" / L"logs";
    }
    return {};
  }
  std::unique_ptr<DriveMonitor> make_drive_monitor() const override {
    return std::make_unique<windows_backend::WinDriveMonitor>();
  }
};

}  // namespace

std::unique_ptr<Backend> make_platform_backend() { return std::make_unique<WindowsBackend>(); }

}  // namespace vmstick
