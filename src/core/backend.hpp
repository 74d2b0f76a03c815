// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The seam between the portable core and one OS. Each folder under
// src/platform implements this; CMake links exactly one of them into the
// programs, so no function body needs an #ifdef.
#include <filesystem>
#include <memory>
#include <string_view>

#include "core/drive_monitor.hpp"
#include "core/probe.hpp"

namespace vmstick {

class Backend {
 public:
  virtual ~Backend() = default;
  virtual std::string_view name() const = 0;  // "linux", "windows", "macos", "none"
  virtual void register_probes(ProbeRegistry& registry) const = 0;
  // Where this OS keeps a user's logs (~/.local/state/vmstick on Linux).
  virtual std::filesystem::path log_dir() const = 0;
  // Tells the GUI when drives come and go, so it can re-check within 2 s;
  // nullptr where this OS has no monitor yet (the GUI then offers "Check again").
  virtual std::unique_ptr<DriveMonitor> make_drive_monitor() const { return nullptr; }
};

// Defined by the backend this build links (src/platform/<os>/backend_*.cpp).
std::unique_ptr<Backend> make_platform_backend();

}  // namespace vmstick
