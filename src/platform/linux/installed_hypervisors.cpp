// SPDX-License-Identifier: GPL-3.0-or-later
#include "platform/linux/installed_hypervisors.hpp"

#include <optional>

#include "core/probes/host/host_text.hpp"

namespace vmstick::linux_backend {
namespace {

std::optional<std::string> first_existing(const PathStore& paths, std::initializer_list<std::string_view> candidates) {
  for (auto c : candidates) {
    if (paths.exists(paths.host(c))) return std::string(c);
  }
  return std::nullopt;
}

// The dpkg database is the only version record some distributions keep;
// capped because a big system's status file runs to several MiB.
std::vector<DpkgPackage> dpkg_packages(const PathStore& paths, const std::vector<std::string_view>& prefixes) {
  auto text = paths.read_text(paths.host("/var/lib/dpkg/status"), 32u << 20);
  if (!text) return {};
  return parse_dpkg_status(*text, prefixes);
}

void set_version_from_dpkg(const PathStore& paths, InstalledHypervisor& hv, const std::vector<std::string_view>& prefixes) {
  for (const auto& p : dpkg_packages(paths, prefixes)) {
    // Debian versions may carry an epoch ("1:7.2+dfsg-7") that is not the product's.
    std::string_view text = p.version;
    if (auto colon = text.find(':'); colon != std::string_view::npos) text.remove_prefix(colon + 1);
    if (auto v = parse_version(text)) {
      hv.version = v->str();
      hv.version_from = "dpkg package " + p.name + " " + p.version;
      return;
    }
  }
  hv.version_from = "no version found (driver not loaded, no dpkg record)";
}

std::optional<InstalledHypervisor> find_virtualbox(const PathStore& paths) {
  auto where = first_existing(paths, {"/usr/lib/virtualbox/VBoxManage", "/opt/VirtualBox/VBoxManage", "/usr/bin/VBoxManage"});
  if (!where) return std::nullopt;
  InstalledHypervisor hv{"VirtualBox", {}, {}, *where, {}};
  // vboxdrv's MODULE_VERSION ("7.0.14 r161095 (0x00330004)") is the running
  // product's own version.
  const auto mod = paths.sys("module/vboxdrv/version");
  if (auto v = paths.read_attr(mod); v) {
    if (auto parsed = parse_version(*v)) {
      hv.version = parsed->str();
      hv.version_from = mod.string();
      return hv;
    }
  }
  set_version_from_dpkg(paths, hv, {"virtualbox"});
  return hv;
}

std::optional<InstalledHypervisor> find_vmware(const PathStore& paths) {
  auto where = first_existing(paths, {"/usr/bin/vmware", "/usr/bin/vmplayer", "/usr/lib/vmware/bin/vmware-vmx"});
  if (!where) return std::nullopt;
  InstalledHypervisor hv{*where == "/usr/bin/vmplayer" ? "VMware Player" : "VMware Workstation", {}, {}, *where, {}};
  const auto cfg = paths.host("/etc/vmware/config");
  if (auto text = paths.read_text(cfg, 1u << 20); text) {
    hv.version = vmware_config_version(*text);
    hv.version_from = hv.version.empty() ? cfg.string() + " has no product version" : cfg.string();
  } else {
    hv.version_from = "cannot read " + text.error().describe();
  }
  return hv;
}

std::optional<InstalledHypervisor> find_qemu(const PathStore& paths, const HostFacts& h) {
  auto where = first_existing(paths, {"/usr/bin/qemu-system-x86_64", "/usr/bin/qemu-system-aarch64",
                                      "/usr/bin/qemu-kvm", "/usr/libexec/qemu-kvm"});
  if (!where) return std::nullopt;
  InstalledHypervisor hv{"QEMU", {}, {}, *where, {}};
  set_version_from_dpkg(paths, hv, {"qemu-system"});
  // TCG (software emulation) always works; KVM needs /dev/kvm.
  if (h.dev_kvm_present.is(true)) hv.accelerators.push_back("kvm");
  hv.accelerators.push_back("tcg");
  return hv;
}

}  // namespace

void probe_installed_hypervisors(const PathStore& paths, HostFacts& h) {
  std::vector<InstalledHypervisor> found;
  for (auto hv : {find_virtualbox(paths), find_vmware(paths), find_qemu(paths, h)}) {
    if (hv) found.push_back(std::move(*hv));
  }
  h.installed_hypervisors = Fact<std::vector<InstalledHypervisor>>::known(
      std::move(found), "installed files under " + paths.host("/usr").string() + ", " + paths.host("/opt").string());
}

}  // namespace vmstick::linux_backend
