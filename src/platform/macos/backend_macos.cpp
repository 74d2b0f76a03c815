// SPDX-License-Identifier: GPL-3.0-or-later
#include <cstdlib>

#include "core/backend.hpp"
#include "platform/macos/drive_probe.hpp"
#include "platform/macos/host_probe_macos.hpp"

namespace vmstick {
namespace {

class MacBackend final : public Backend {
 public:
  std::string_view name() const override { return "macos"; }
  void register_probes(ProbeRegistry& registry) const override {
    registry.add(std::make_unique<macos_backend::HostProbe>());
    macos_backend::register_drive_probe(registry);
  }
  // Apple's place for per-user logs.
  std::filesystem::path log_dir() const override {
    if (const char* home = std::getenv("HOME"); home && *home) {
      return std::filesystem::path(home) / "Library/Logs/vmstick";
    }
    return {};
  }
};

}  // namespace

std::unique_ptr<Backend> make_platform_backend() { return std::make_unique<MacBackend>(); }

}  // namespace vmstick
