// SPDX-License-Identifier: GPL-3.0-or-later
// VMware .vmx: one `key = "value"` per line. Keys are case-insensitive on
// Workstation, so they are compared lower-cased.
#include <algorithm>
#include <cctype>
#include <map>

#include "core/probes/image/vm_config.hpp"
#include "core/text.hpp"

namespace vmstick::image {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool truthy(const std::string& v) { return lower(v) == "true" || v == "1"; }

// "scsi0:1.filename" -> bus "scsi", the "scsi0:1" prefix.
struct DiskKey {
  std::string bus;
  std::string prefix;
};
std::optional<DiskKey> disk_key(const std::string& key) {
  for (const char* bus : {"nvme", "sata", "scsi", "ide"}) {
    const std::string b(bus);
    if (key.rfind(b, 0) != 0) continue;
    const auto dot = key.find('.');
    if (dot == std::string::npos || key.substr(dot) != ".filename") return std::nullopt;
    const std::string prefix = key.substr(0, dot);
    const auto colon = prefix.find(':');
    if (colon == std::string::npos || colon <= b.size()) return std::nullopt;
    return DiskKey{b, prefix};
  }
  return std::nullopt;
}

}  // namespace

Result<VmConfig> parse_vmx(std::string_view text, std::string_view name) {
  std::map<std::string, std::string> kv;
  std::vector<std::string> order;
  for (auto raw : split_lines(text)) {
    auto line = trim(raw);
    if (line.empty() || line.front() == '#' || line.front() == '.') continue;
    const auto eq = line.find('=');
    if (eq == std::string_view::npos) continue;
    std::string key = lower(trim(line.substr(0, eq)));
    auto value = trim(line.substr(eq + 1));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
    if (kv.size() > 100000) return make_error(ErrorCode::Corrupt, ".vmx: more than 100000 keys", std::string(name));
    if (!kv.count(key)) order.push_back(key);
    kv[key] = std::string(value);
  }
  if (!kv.count("config.version") && !kv.count("virtualhw.version") && !kv.count("guestos"))
    return make_error(ErrorCode::Corrupt, ".vmx: none of config.version, virtualHW.version or guestOS is present", std::string(name));
  auto get = [&](const std::string& k) -> std::optional<std::string> {
    auto it = kv.find(k);
    return it == kv.end() ? std::nullopt : std::optional<std::string>(it->second);
  };

  VmConfig c;
  c.kind = "vmx";
  c.name = get("displayname");
  c.guest_os = get("guestos");
  if (auto m = get("memsize")) {
    if (auto mib = parse_number<std::uint64_t>(*m); mib && *mib <= (1u << 24)) c.ram_bytes = *mib << 20;
  }
  if (auto n = get("numvcpus")) {
    if (auto v = parse_number<std::uint32_t>(*n); v && *v >= 1 && *v <= 4096) c.vcpus = *v;
  } else {
    c.vcpus = 1;  // VMware's documented default when the key is absent
    c.notes.push_back("numvcpus absent: VMware's default of 1 vCPU");
  }
  // VMware writes firmware only for UEFI; absent means BIOS.
  c.firmware = lower(get("firmware").value_or("bios")) == "efi" ? "efi" : "bios";
  c.secure_boot = truthy(get("uefi.secureboot.enabled").value_or("false"));
  c.tpm = truthy(get("vtpm.present").value_or("false"));
  c.encrypted = get("encryption.keysafe").has_value() || get("encryption.data").has_value();
  if (c.guest_os) {
    const std::string g = lower(*c.guest_os);
    if (g.find("arm") != std::string::npos) c.arch = "aarch64";
    else if (g.find("64") != std::string::npos) c.arch = "x86_64";
  }
  for (const auto& key : order) {
    auto dk = disk_key(key);
    if (!dk) continue;
    if (!truthy(get(dk->prefix + ".present").value_or("true"))) continue;
    const std::string type = lower(get(dk->prefix + ".devicetype").value_or("disk"));
    if (type.find("cdrom") != std::string::npos) continue;
    const std::string& file = kv[key];
    if (lower(file).size() < 5 || lower(file).substr(lower(file).size() - 5) != ".vmdk") continue;
    VmDisk d;
    d.path = file;
    d.controller = dk->bus;
    c.disks.push_back(d);
  }
  return c;
}

}  // namespace vmstick::image
