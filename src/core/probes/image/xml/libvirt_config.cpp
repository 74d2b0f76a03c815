// SPDX-License-Identifier: GPL-3.0-or-later
// libvirt domain XML (libvirt docs/formatdomain.rst).
#include <pugixml.hpp>

#include <cctype>

#include "core/probes/image/vm_config.hpp"
#include "core/text.hpp"

namespace vmstick::image {
namespace {

std::optional<std::uint64_t> scaled(std::string_view value, std::string unit) {
  auto n = parse_number<std::uint64_t>(value);
  if (!n) return std::nullopt;
  for (char& c : unit) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::uint64_t mul = 1024;  // formatdomain: the default unit is KiB
  if (unit == "b" || unit == "bytes") mul = 1;
  else if (unit == "k" || unit == "kib") mul = 1ull << 10;
  else if (unit == "kb") mul = 1000;
  else if (unit == "m" || unit == "mib") mul = 1ull << 20;
  else if (unit == "mb") mul = 1000000;
  else if (unit == "g" || unit == "gib") mul = 1ull << 30;
  else if (unit == "gb") mul = 1000000000;
  else if (unit == "t" || unit == "tib") mul = 1ull << 40;
  else if (!unit.empty()) return std::nullopt;
  if (*n > (1ull << 50) / mul) return std::nullopt;
  return *n * mul;
}

}  // namespace

Result<VmConfig> parse_libvirt(std::string_view xml, std::string_view name) {
  pugi::xml_document doc;
  const auto res = doc.load_buffer(xml.data(), xml.size(), pugi::parse_default, pugi::encoding_utf8);
  if (!res) return make_error(ErrorCode::Corrupt, std::string("libvirt XML: not well-formed: ") + res.description() + " at byte " + std::to_string(res.offset), std::string(name));
  auto dom = doc.child("domain");
  if (!dom) return make_error(ErrorCode::Corrupt, "libvirt XML: no <domain> element", std::string(name));
  VmConfig c;
  c.kind = "libvirt";
  if (auto n = dom.child("name")) c.name = n.text().get();
  if (auto mem = dom.child("memory")) c.ram_bytes = scaled(mem.text().get(), mem.attribute("unit").value());
  if (auto v = dom.child("vcpu")) {
    if (auto n = parse_number<std::uint32_t>(v.text().get())) c.vcpus = *n;
  }
  auto os = dom.child("os");
  if (auto t = os.child("type").attribute("arch")) c.arch = t.value();
  const std::string fw = os.attribute("firmware").value();
  auto loader = os.child("loader");
  if (fw == "efi" || std::string_view(loader.attribute("type").value()) == "pflash") c.firmware = "efi";
  else if (fw == "bios" || !loader) c.firmware = "bios";
  bool secure = std::string_view(loader.attribute("secure").value()) == "yes";
  for (auto f : os.child("firmware").children("feature"))
    if (std::string_view(f.attribute("name").value()) == "secure-boot" && std::string_view(f.attribute("enabled").value()) == "yes") secure = true;
  c.secure_boot = secure;
  auto devices = dom.child("devices");
  c.tpm = static_cast<bool>(devices.child("tpm"));
  bool any_encrypted = false;
  for (auto disk : devices.children("disk")) {
    if (std::string_view(disk.attribute("device").value()) != "disk") continue;
    auto src = disk.child("source");
    std::string path = src.attribute("file").value();
    if (path.empty()) path = src.attribute("dev").value();
    if (path.empty()) continue;
    VmDisk d;
    d.path = path;
    d.controller = disk.child("target").attribute("bus").value();
    if (std::string_view(disk.attribute("type").value()) == "nvme") d.controller = "nvme";
    d.encrypted = static_cast<bool>(src.child("encryption")) || static_cast<bool>(disk.child("encryption"));
    any_encrypted = any_encrypted || d.encrypted;
    c.disks.push_back(d);
    if (c.disks.size() > 1000) return make_error(ErrorCode::Corrupt, "libvirt XML: more than 1000 disks", std::string(name));
  }
  c.encrypted = any_encrypted;
  return c;
}

}  // namespace vmstick::image
