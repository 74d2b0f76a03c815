// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/facts/host_facts.hpp"
#include "core/path_store.hpp"

namespace vmstick::linux_backend {

// Who holds VT-x/AMD-V on Linux: hypervisor modules in /proc/modules, the KVM
// vendor module under /sys/module (also when built in), the 6.12+
// kvm.enable_virt_at_load parameter, and /dev/kvm with its permissions.
void probe_kvm_state(const PathStore& paths, HostFacts& h);

}  // namespace vmstick::linux_backend
