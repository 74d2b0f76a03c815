// SPDX-License-Identifier: GPL-3.0-or-later
#include "platform/null/backend_null.hpp"

namespace vmstick {
namespace {

constexpr const char* kReason = "vmstick has no probe for this operating system";

class NullHostProbe final : public Probe {
 public:
  std::string_view name() const override { return "host"; }
  void run(const ProbeContext&, FactSet& facts) const override {
    HostFacts& h = facts.host;
    h.os = Fact<std::string>::unknown(kReason);
    h.arch = Fact<std::string>::unknown(kReason);
    h.cpu_vendor = Fact<std::string>::unknown(kReason);
    h.cpu_model = Fact<std::string>::unknown(kReason);
    h.cpu_flags = Fact<std::vector<std::string>>::unknown(kReason);
    h.logical_cpus = Fact<std::uint32_t>::unknown(kReason);
    h.hw_virt_available = Fact<bool>::unknown(kReason);
    h.running_in_vm = Fact<bool>::unknown(kReason);
  }
};

class NullBackend final : public Backend {
 public:
  std::string_view name() const override { return "none"; }
  void register_probes(ProbeRegistry& registry) const override { registry.add(std::make_unique<NullHostProbe>()); }
  std::filesystem::path log_dir() const override { return {}; }
};

}  // namespace

std::unique_ptr<Backend> make_null_backend() { return std::make_unique<NullBackend>(); }

}  // namespace vmstick
