// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/probe.hpp"

namespace vmstick::macos_backend {

// sysctl values and /Applications bundles, decoded by decode/host_sysctl.
class HostProbe final : public Probe {
 public:
  std::string_view name() const override { return "host"; }
  void run(const ProbeContext& ctx, FactSet& facts) const override;
};

}  // namespace vmstick::macos_backend
