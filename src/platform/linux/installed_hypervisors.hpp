// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/facts/host_facts.hpp"
#include "core/path_store.hpp"

namespace vmstick::linux_backend {

// VirtualBox, VMware Workstation/Player and QEMU, found by their installed
// files; versions from the loaded driver, the product's own config or the
// dpkg database. Call after probe_kvm_state (QEMU's KVM accelerator needs
// dev_kvm_present).
void probe_installed_hypervisors(const PathStore& paths, HostFacts& h);

}  // namespace vmstick::linux_backend
