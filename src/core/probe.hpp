// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Probes collect facts. Each reads the OS only through the PathStore or a
// narrow source interface the platform backend hands it, writes what it
// learned into the FactSet, and never judges (that is what rules do).
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/cancel.hpp"
#include "core/facts/fact_set.hpp"
#include "core/path_store.hpp"

namespace vmstick {

// What the user asked to check.
struct CheckRequest {
  std::optional<std::string> drive;  // a folder, mount point or device
  std::optional<std::string> image;  // a disk image, VM folder or VM config
  bool bench{false};                 // consent to write the speed test's temp file
  std::vector<std::string> run_on;   // OSes to run the VM on: "linux", "windows", "macos"; empty = all
};

struct ProbeContext {
  const PathStore& paths;
  const CheckRequest& request;
  const CancelToken& cancel;
  ProgressFn progress;  // may be empty
};

class Probe {
 public:
  virtual ~Probe() = default;
  virtual std::string_view name() const = 0;
  // Must not throw: failures become unknown facts with their reason.
  virtual void run(const ProbeContext& ctx, FactSet& facts) const = 0;
};

class ProbeRegistry {
 public:
  void add(std::unique_ptr<Probe> probe) { probes_.push_back(std::move(probe)); }
  const std::vector<std::unique_ptr<Probe>>& probes() const { return probes_; }

 private:
  std::vector<std::unique_ptr<Probe>> probes_;
};

// Probes that need no OS API (the VM image analysis, for one) are the core's
// own; every program registers them next to its backend's probes.
void register_core_probes(ProbeRegistry& registry);

}  // namespace vmstick
