// SPDX-License-Identifier: GPL-3.0-or-later
// Rules about the host computer: can it run a VM at hardware speed?
#include "core/rules/rule.hpp"

namespace vmstick {
namespace {

std::string cpu_label(const HostFacts& h) {
  std::string label = h.cpu_model.is_known() ? h.cpu_model.value() : std::string("unknown CPU");
  if (h.cpu_vendor.is_known()) label += " (" + h.cpu_vendor.value() + ")";
  return label;
}

std::string virt_name(const HostFacts& h) {
  if (h.cpu_vendor.is("AuthenticAMD") || h.cpu_vendor.is("HygonGenuine")) return "AMD-V";
  if (h.cpu_vendor.is("GenuineIntel")) return "VT-x";
  return "VT-x/AMD-V";
}

void hardware_virtualization(const FactSet& facts, FindingSink& sink) {
  const HostFacts& h = facts.host;
  const Fact<bool>& hv = h.hw_virt_available;
  Evidence ev{{"cpu", cpu_label(h)}, {"virt", virt_name(h)}};
  if (!hv.is_known()) {
    ev.emplace_back("reason", hv.reason());
    sink.add("host.virtualization_unknown", "host", std::move(ev));
    return;
  }
  ev.emplace_back("source", hv.source());
  if (hv.value()) {
    sink.add("host.virtualization_available", "host", std::move(ev));
    return;
  }
  // Inside a VM the flag is missing because the outer hypervisor does not
  // pass it through (nested virtualization off), not because the CPU lacks it.
  if (h.running_in_vm.is(true)) {
    sink.add("host.virtualization_not_nested", "host", std::move(ev));
  } else {
    sink.add("host.virtualization_missing", "host", std::move(ev));
  }
}

}  // namespace

void register_host_rules(RuleRegistry& registry) {
  registry.add(Rule{
      "host.hardware_virtualization",
      {"host.virtualization_available", "host.virtualization_missing", "host.virtualization_not_nested",
       "host.virtualization_unknown"},
      hardware_virtualization,
  });
}

}  // namespace vmstick
