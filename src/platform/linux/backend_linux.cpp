// SPDX-License-Identifier: GPL-3.0-or-later
#include <cstdlib>

#include "core/backend.hpp"
#include "platform/linux/drive_probe.hpp"
#include "core/bench/bench_probe.hpp"
#include "platform/linux/bench_io_linux.hpp"
#include "platform/linux/drive_monitor_udev.hpp"
#include "platform/linux/host_probe.hpp"

namespace vmstick {
namespace {

class LinuxBackend final : public Backend {
 public:
  std::string_view name() const override { return "linux"; }
  void register_probes(ProbeRegistry& registry) const override {
    registry.add(std::make_unique<linux_backend::HostProbe>());
    registry.add(std::make_unique<linux_backend::DriveProbe>());
    registry.add(bench::make_bench_probe(linux_backend::make_bench_io()));
  }
  // XDG Base Directory: logs are state, not config or cache.
  std::filesystem::path log_dir() const override {
    if (const char* state = std::getenv("XDG_STATE_HOME"); state && *state == '/') {
      return std::filesystem::path(state) / "vmstick";
    }
    if (const char* home = std::getenv("HOME"); home && *home) {
      return std::filesystem::path(home) / ".local/state/vmstick";
    }
    return {};
  }
  std::unique_ptr<DriveMonitor> make_drive_monitor() const override {
    return std::make_unique<linux_backend::UdevDriveMonitor>();
  }
};

}  // namespace

std::unique_ptr<Backend> make_platform_backend() { return std::make_unique<LinuxBackend>(); }

}  // namespace vmstick
