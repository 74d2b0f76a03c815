// SPDX-License-Identifier: GPL-3.0-or-later
// VirtualBox .vbox (settings 1.16 to 1.20). Element names follow
// VirtualBox-settings.xsd; settings 1.20 (VirtualBox 7.1) moved CPU and
// firmware under <Platform>, so both places are read.
#include <pugixml.hpp>

#include <cctype>
#include <functional>

#include "core/probes/image/vm_config.hpp"
#include "core/text.hpp"

namespace vmstick::image {
namespace {

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string controller_bus(std::string type) {
  type = lower(std::move(type));
  if (type == "ahci") return "sata";
  if (type == "nvme") return "nvme";
  if (type == "virtioscsi") return "virtio";
  if (type == "usb") return "usb";
  if (type == "piix3" || type == "piix4" || type == "ich6") return "ide";
  if (type == "lsilogic" || type == "buslogic" || type == "lsilogicsas") return "scsi";
  return type;
}

// First element with this name anywhere below node (depth-first, document order).
pugi::xml_node find(pugi::xml_node node, const char* name) {
  return node.find_node([name](pugi::xml_node n) { return std::string_view(n.name()) == name; });
}

struct Medium {
  std::string location;
  bool encrypted{false};
};

// The media registry nests differencing children inside their parent; the
// CRYPT/KeyStore property of the base marks the whole chain as encrypted.
void index_media(pugi::xml_node disk, bool encrypted, std::vector<std::pair<std::string, Medium>>& out, int depth = 0) {
  if (depth > 64 || out.size() > 10000) return;  // hostile nesting: stop, do not recurse without bound
  for (auto p : disk.children("Property"))
    if (std::string_view(p.attribute("name").value()).rfind("CRYPT/", 0) == 0) encrypted = true;
  out.push_back({lower(disk.attribute("uuid").value()), Medium{disk.attribute("location").value(), encrypted}});
  for (auto child : disk.children("HardDisk")) index_media(child, encrypted, out, depth + 1);
}

}  // namespace

Result<VmConfig> parse_vbox(std::string_view xml, std::string_view name) {
  pugi::xml_document doc;
  const auto res = doc.load_buffer(xml.data(), xml.size(), pugi::parse_default, pugi::encoding_utf8);
  if (!res) return make_error(ErrorCode::Corrupt, std::string(".vbox: not well-formed XML: ") + res.description() + " at byte " + std::to_string(res.offset), std::string(name));
  auto root = doc.child("VirtualBox");
  auto machine = root.child("Machine");
  if (!root || !machine) return make_error(ErrorCode::Corrupt, ".vbox: no <VirtualBox><Machine> element", std::string(name));
  VmConfig c;
  c.kind = "vbox";
  const std::string version = root.attribute("version").value();
  if (!version.empty()) c.notes.push_back("settings version " + version);
  if (auto a = machine.attribute("name")) c.name = a.value();
  if (auto a = machine.attribute("OSType")) c.guest_os = a.value();
  auto hw = machine.child("Hardware");
  if (auto cpu = hw.child("CPU") ? hw.child("CPU") : find(hw, "CPU")) {
    c.vcpus = cpu.attribute("count") ? cpu.attribute("count").as_uint() : 1u;  // XSD default 1
  } else if (hw) {
    c.vcpus = 1;
  }
  if (auto mem = hw.child("Memory")) {
    if (auto mib = parse_number<std::uint64_t>(mem.attribute("RAMSize").value()); mib && *mib <= (1u << 24)) c.ram_bytes = *mib << 20;
  }
  if (hw) {
    auto fw = hw.child("Firmware") ? hw.child("Firmware") : find(hw, "Firmware");
    const std::string type = lower(fw.attribute("type").value());
    c.firmware = type.rfind("efi", 0) == 0 ? "efi" : "bios";  // absent: BIOS (XSD default)
    auto tpm = hw.child("TrustedPlatformModule");
    const std::string t = lower(tpm.attribute("type").value());
    c.tpm = !t.empty() && t != "none";
    // VirtualBox keeps the Secure Boot switch in the UEFI variable store
    // (the .nvram file), not in the .vbox: leave it unknown.
  }
  // Architecture: 7.1 names ARM platforms; older OSType ids end in _64 for x86-64.
  const std::string platform = lower(find(machine, "Platform").attribute("architecture").value());
  if (platform == "arm") c.arch = "aarch64";
  else if (c.guest_os) {
    const std::string os = lower(*c.guest_os);
    if (os.find("arm64") != std::string::npos) c.arch = "aarch64";
    else if (os.size() > 3 && os.substr(os.size() - 3) == "_64") c.arch = "x86_64";
    else if (os != "other") c.arch = "x86";
  }

  std::vector<std::pair<std::string, Medium>> media;
  for (auto hd : machine.child("MediaRegistry").child("HardDisks").children("HardDisk")) index_media(hd, false, media);
  if (media.size() > 10000) return make_error(ErrorCode::Corrupt, ".vbox: more than 10000 media", std::string(name));
  // StorageControllers may sit under <Machine> or <Hardware>.
  pugi::xml_node controllers = machine.child("StorageControllers");
  if (!controllers) controllers = hw.child("StorageControllers");
  bool any_encrypted = false;
  for (auto ctl : controllers.children("StorageController")) {
    for (auto dev : ctl.children("AttachedDevice")) {
      if (std::string_view(dev.attribute("type").value()) != "HardDisk") continue;
      const std::string uuid = lower(dev.child("Image").attribute("uuid").value());
      for (const auto& [id, m] : media) {
        if (id != uuid) continue;
        c.disks.push_back(VmDisk{m.location, controller_bus(ctl.attribute("type").value()), m.encrypted});
        any_encrypted = any_encrypted || m.encrypted;
      }
    }
  }
  c.encrypted = any_encrypted;
  return c;
}

}  // namespace vmstick::image
