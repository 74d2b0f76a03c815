// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <nlohmann/json.hpp>

#include "core/probe.hpp"

namespace vmstick::windows_backend {

// Reads the live Windows host into the snapshot that
// decode/host_snapshot.hpp documents and decodes.
nlohmann::json read_host_snapshot();

class HostProbe final : public Probe {
 public:
  std::string_view name() const override { return "host"; }
  void run(const ProbeContext& ctx, FactSet& facts) const override;
};

}  // namespace vmstick::windows_backend
