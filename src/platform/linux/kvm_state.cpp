// SPDX-License-Identifier: GPL-3.0-or-later
#include "platform/linux/kvm_state.hpp"

#include <unistd.h>

#include <algorithm>
#include <array>
#include <string_view>

#include "core/probes/host/host_text.hpp"

namespace vmstick::linux_backend {
namespace {

// Modules that claim VT-x/AMD-V: KVM, VirtualBox (vboxdrv) and VMware (vmmon).
constexpr std::array<std::string_view, 5> kVmmModules{"kvm", "kvm_intel", "kvm_amd", "vboxdrv", "vmmon"};

void probe_proc_modules(const PathStore& paths, HostFacts& h) {
  const auto path = paths.proc("modules");
  auto text = paths.read_text(path, 4u << 20);
  if (!text) {
    const char* hint = text.error().code == ErrorCode::NotFound
                           ? " (a kernel built without loadable module support has no such file)"
                           : "";
    h.vmm_modules_loaded = Fact<std::vector<std::string>>::unknown("cannot read the module list: " +
                                                                   text.error().describe() + hint);
    return;
  }
  auto names = parse_proc_modules(*text);
  if (!names) {
    h.vmm_modules_loaded = Fact<std::vector<std::string>>::unknown(path.string() + ": " + names.error().describe());
    return;
  }
  std::vector<std::string> vmm;
  for (const auto& n : *names) {
    if (std::find(kVmmModules.begin(), kVmmModules.end(), n) != kVmmModules.end()) vmm.push_back(n);
  }
  h.vmm_modules_loaded = Fact<std::vector<std::string>>::known(vmm, path.string());
}

void probe_kvm_module(const PathStore& paths, HostFacts& h) {
  // /sys/module/<name> exists for loaded modules and for built-in ones that
  // have parameters, which /proc/modules never lists.
  auto dir = paths.sys("module");
  if (!paths.exists(dir)) {
    const std::string why = dir.string() + " is missing (sysfs not mounted?)";
    h.kvm_vendor_module = Fact<std::string>::unknown(why);
    h.kvm_enable_virt_at_load = Fact<bool>::unknown(why);
    return;
  }
  std::string vendor = "none";
  for (std::string_view m : {"kvm_intel", "kvm_amd"}) {
    if (paths.exists(paths.sys("module/" + std::string(m)))) vendor = std::string(m);
  }
  h.kvm_vendor_module = Fact<std::string>::known(vendor, dir.string());

  const auto param = paths.sys("module/kvm/parameters/enable_virt_at_load");
  if (!paths.exists(paths.sys("module/kvm"))) {
    h.kvm_enable_virt_at_load = Fact<bool>::unknown("KVM is not loaded, so the parameter does not apply");
    return;
  }
  auto value = paths.read_attr(param);
  if (!value) {
    if (value.error().code == ErrorCode::NotFound) {
      // The parameter arrived in Linux 6.12; before it KVM enabled VT-x/AMD-V
      // only while one of its VMs ran.
      h.kvm_enable_virt_at_load =
          Fact<bool>::known(false, param.string() + " absent (kernel before 6.12: KVM takes VT-x/AMD-V only while a KVM VM runs)");
    } else {
      h.kvm_enable_virt_at_load = Fact<bool>::unknown(value.error());
    }
    return;
  }
  auto b = parse_module_bool(*value);
  h.kvm_enable_virt_at_load =
      b ? Fact<bool>::known(*b, param.string()) : Fact<bool>::unknown(param.string() + ": " + b.error().describe());
}

void probe_dev_kvm(const PathStore& paths, HostFacts& h) {
  const auto node = paths.dev("kvm");
  std::error_code ec;
  auto st = std::filesystem::status(node, ec);
  if (ec || !std::filesystem::exists(st)) {
    if (ec && ec != std::errc::no_such_file_or_directory) {
      h.dev_kvm_present = Fact<bool>::unknown(node.string() + ": " + ec.message());
      h.dev_kvm_accessible = Fact<bool>::unknown(node.string() + ": " + ec.message());
      return;
    }
    h.dev_kvm_present = Fact<bool>::known(false, node.string() + " does not exist");
    h.dev_kvm_accessible = Fact<bool>::unknown(node.string() + " does not exist");
    return;
  }
  h.dev_kvm_present = Fact<bool>::known(true, node.string());
  if (paths.is_replay()) {
    // Who may open the node depends on the live user's groups, which a
    // recorded tree does not carry.
    h.dev_kvm_accessible = Fact<bool>::unknown("replayed machine: access to /dev/kvm depends on the live user");
    return;
  }
  // access() asks the kernel with this process's real uid/groups, which is
  // exactly what a hypervisor started by this user will get.
  const bool rw = ::access(node.c_str(), R_OK | W_OK) == 0;
  h.dev_kvm_accessible =
      Fact<bool>::known(rw, node.string() + (rw ? " readable and writable by this user"
                                                : " not writable by this user (add the user to the group owning it, usually 'kvm')"));
}

}  // namespace

void probe_kvm_state(const PathStore& paths, HostFacts& h) {
  probe_proc_modules(paths, h);
  probe_kvm_module(paths, h);
  probe_dev_kvm(paths, h);
}

}  // namespace vmstick::linux_backend
