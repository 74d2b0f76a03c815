// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/probe.hpp"

namespace vmstick::linux_backend {

// CPU and virtualization facts from procfs/sysfs, read through the PathStore.
class HostProbe final : public Probe {
 public:
  std::string_view name() const override { return "host"; }
  void run(const ProbeContext& ctx, FactSet& facts) const override;
};

}  // namespace vmstick::linux_backend
