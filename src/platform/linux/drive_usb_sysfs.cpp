// SPDX-License-Identifier: GPL-3.0-or-later
#include "platform/linux/drive_usb_sysfs.hpp"
#include "platform/linux/usb_bos_usbfs.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "core/probes/drive/usb_descriptors.hpp"
#include "core/text.hpp"

namespace vmstick::linux_backend {
namespace fs = std::filesystem;
namespace {

bool is_usb_device_dir(const PathStore& paths, const fs::path& dir) {
  return paths.exists(dir / "idVendor") && paths.exists(dir / "busnum") && paths.exists(dir / "devpath");
}

// A root hub is "usbN"; real devices are "B-P[.P...]".
bool is_root_hub(const fs::path& dir) { return dir.filename().string().rfind("usb", 0) == 0; }

Result<UsbDevice> read_descriptors(const PathStore& paths, const fs::path& dir) {
  auto bytes = paths.read_bytes(dir / "descriptors");
  if (!bytes) return bytes.error();
  return parse_usb_descriptors(*bytes);
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

// USB-to-SATA/NVMe bridge chips, by USB vendor (and product where a vendor
// also makes other things). Identifying the chip tells people which firmware
// quirks (UAS blacklists, TRIM) apply.
std::optional<std::string> known_bridge(std::string_view vid, std::string_view pid) {
  if (vid == "174c") return std::string("ASMedia ") + (pid == "55aa" ? "ASM1051E/1053E/1153E" : pid == "2362" ? "ASM2362" : "bridge");
  if (vid == "152d") return std::string("JMicron ") + (pid == "0583" ? "JMS583" : pid == "0578" ? "JMS578" : "bridge");
  if (vid == "0bda" && (pid == "9210" || pid == "9220")) return std::string("Realtek RTL") + std::string(pid);
  if (vid == "2109" && pid == "0715") return std::string("VIA Labs VL715");
  if (vid == "7825") return std::string("Other World Computing bridge");
  return std::nullopt;
}

void read_power(const PathStore& paths, const UsbAncestry& usb, std::uint32_t speed, const Result<UsbDevice>& desc,
                UsbLinkFacts& out) {
  if (desc && !desc->configurations.empty()) {
    const auto raw = desc->configurations[0].max_power_raw;
    out.max_power_ma = Fact<std::uint32_t>::known(
        usb_max_power_ma(raw, speed), fmt::format("bMaxPower 0x{:02x} in {} mA units ({} Mb/s link)", raw, speed >= 5000 ? 8 : 2, speed));
  } else {
    out.max_power_ma = Fact<std::uint32_t>::unknown(desc ? "descriptors hold no configuration" : desc.error().describe());
  }
  // Walk the hubs between the device and the root hub: a bus-powered hub
  // shares its own 500/900 mA among all its ports (USB 2.0 spec 11.13).
  bool bus_powered = false;
  bool hub_known = true;
  std::uint32_t tiers = 0;
  for (fs::path p = usb.device.parent_path(); is_usb_device_dir(paths, p) && !is_root_hub(p); p = p.parent_path()) {
    ++tiers;
    auto hub = read_descriptors(paths, p);
    if (!hub || hub->configurations.empty()) {
      hub_known = false;
      continue;
    }
    if (!hub->configurations[0].self_powered()) bus_powered = true;
  }
  const std::string chain = usb.device.filename().string();
  if (hub_known) {
    out.bus_powered_hub = Fact<bool>::known(bus_powered, fmt::format("bmAttributes of the {} hub(s) above {}", tiers, chain));
  } else {
    out.bus_powered_hub = Fact<bool>::unknown("a hub above " + chain + " has unreadable descriptors");
  }
  if (bus_powered) {
    // One unit load: 100 mA for USB 2, 150 mA at SuperSpeed.
    out.port_budget_ma = Fact<std::uint32_t>::known(speed >= 5000 ? 150 : 100, "port of a bus-powered hub (one unit load)");
  } else if (hub_known) {
    out.port_budget_ma = Fact<std::uint32_t>::known(usb_default_port_budget_ma(speed),
                                                    fmt::format("default budget of a {} Mb/s port", speed));
  } else {
    out.port_budget_ma = Fact<std::uint32_t>::unknown("a hub above " + chain + " has unreadable descriptors");
  }
}

void read_port_peer(const PathStore& paths, const UsbAncestry& usb, std::uint32_t speed, UsbLinkFacts& out) {
  if (speed >= 5000) {
    out.port_usb3_capable = Fact<bool>::known(true, fmt::format("linked at {} Mb/s", speed));
    return;
  }
  // The device's `port` link names its hub port; a USB 3 capable connector
  // has a SuperSpeed twin linked as `peer` (Documentation/ABI/testing/sysfs-bus-usb).
  auto port = paths.read_link(usb.device / "port");
  if (!port) {
    out.port_usb3_capable = Fact<bool>::unknown("no port link: " + port.error().describe());
    return;
  }
  const fs::path port_dir = (usb.device / *port).lexically_normal();
  const bool peer = paths.exists(port_dir / "peer");
  out.port_usb3_capable = Fact<bool>::known(
      peer, fmt::format("{} {} a peer link", port_dir.filename().string(), peer ? "has" : "has no"));
}

void read_transport(const PathStore& paths, const UsbAncestry& usb, UsbLinkFacts& out) {
  auto proto = paths.read_attr(usb.interface / "bInterfaceProtocol");
  auto drv = paths.read_link(usb.interface / "driver");
  if (drv) {
    out.driver = Fact<std::string>::known(drv->filename().string(), usb.interface.filename().string() + "/driver");
  } else {
    out.driver = Fact<std::string>::unknown("no driver bound: " + drv.error().describe());
  }
  if (!proto) {
    out.transport = Fact<std::string>::unknown(proto.error());
    return;
  }
  const std::string p = lower(std::string(trim(*proto)));
  const std::string src = usb.interface.filename().string() + " bInterfaceProtocol " + p;
  if (p == "62") {
    out.transport = Fact<std::string>::known("uas", src);
  } else if (p == "50") {
    out.transport = Fact<std::string>::known("bot", src);
  } else {
    out.transport = Fact<std::string>::known("other:" + p, src);
  }
}

void read_card_reader(const UdevProperties& udev, const Fact<std::string>& model, UsbLinkFacts& out) {
  // udev's hwdb and rules mark card readers with ID_DRIVE_FLASH_SD/CF/MS/SM
  // (60-persistent-storage.rules); the model string catches the rest.
  for (const auto& [key, value] : udev) {
    if (key.rfind("ID_DRIVE_FLASH_", 0) == 0 && value == "1") {
      out.card_reader = Fact<bool>::known(true, "udev " + key);
      return;
    }
  }
  if (const auto* m = model.get()) {
    const std::string l = lower(*m);
    for (const char* word : {"card reader", "cardreader", "sd/mmc", "sd card", "multi-card", "ms/ms-pro"}) {
      if (l.find(word) != std::string::npos) {
        out.card_reader = Fact<bool>::known(true, "model \"" + *m + "\"");
        return;
      }
    }
    out.card_reader = Fact<bool>::known(false, "no ID_DRIVE_FLASH_* mark and model \"" + *m + "\"");
    return;
  }
  out.card_reader = Fact<bool>::unknown("model unknown and no ID_DRIVE_FLASH_* mark");
}

}  // namespace

std::optional<UsbAncestry> find_usb_ancestry(const PathStore& paths, const fs::path& block_dir) {
  const fs::path top = paths.sys("devices");
  fs::path child;
  for (fs::path p = block_dir; !p.empty() && p != top && p != p.parent_path(); p = p.parent_path()) {
    if (p.string().size() <= top.string().size()) break;
    if (is_usb_device_dir(paths, p)) {
      if (is_root_hub(p)) return std::nullopt;
      return UsbAncestry{p, child};
    }
    child = p;
  }
  return std::nullopt;
}

// No BOS in sysfs and a link below SuperSpeed: only the device can say
// whether it could do SuperSpeed, so ask it (usbfs, root). A recorded tree has
// no device behind it, so a replay never asks.
void read_bos_from_the_device(const PathStore& paths, const UsbAncestry& usb, const std::string& name, UsbLinkFacts& out) {
  const std::string no_sysfs = "no " + name + "/bos_descriptors (kernels before 6.3 do not keep the device's BOS)";
  auto unknown = [&](const std::string& why) {
    out.bos_superspeed = Fact<bool>::unknown(no_sysfs + "; " + why);
    out.bos_superspeed_plus = Fact<bool>::unknown(no_sysfs + "; " + why);
  };
  if (paths.is_replay()) {
    unknown("the device itself was not asked: this is a recorded sysfs tree");
    return;
  }
  auto bus = paths.read_attr(usb.device / "busnum");
  auto address = paths.read_attr(usb.device / "devnum");
  const auto b = bus ? parse_number<unsigned>(trim(*bus)) : std::nullopt;
  const auto a = address ? parse_number<unsigned>(trim(*address)) : std::nullopt;
  if (!b || !a || *b > 255 || *a > 255) {
    unknown("its bus number or address in sysfs is unreadable");
    return;
  }
  auto bytes = read_bos_from_device(*b, *a);
  if (!bytes) {
    unknown(bytes.error().describe());
    return;
  }
  auto bos = parse_usb_bos(*bytes);
  if (!bos) {
    unknown(bos.error().describe());
    return;
  }
  const std::string src = "GET_DESCRIPTOR(BOS) asked of " + name + " through usbfs";
  out.bos_superspeed = Fact<bool>::known(bos->superspeed, src);
  out.bos_superspeed_plus = Fact<bool>::known(bos->superspeed_plus, src);
}

void read_usb_link(const PathStore& paths, const UsbAncestry& usb, const UdevProperties& udev, UsbLinkFacts& out) {
  const std::string name = usb.device.filename().string();
  out.port_path = Fact<std::string>::known(name, "sysfs USB device " + name);
  // "B-P.P.P": one dot per hub between the root port and the device.
  auto dash = name.find('-');
  const auto tiers = static_cast<std::uint32_t>(std::count(name.begin() + static_cast<long>(dash == std::string::npos ? 0 : dash), name.end(), '.'));
  out.hub_tiers = Fact<std::uint32_t>::known(tiers, "port path " + name);

  std::uint32_t speed = 0;
  if (auto s = paths.read_attr(usb.device / "speed")) {
    // "1.5" is the only non-integer value the kernel prints.
    auto v = trim(*s) == "1.5" ? std::optional<std::uint32_t>(1) : parse_number<std::uint32_t>(*s);
    if (v) {
      speed = *v;
      out.speed_mbps = Fact<std::uint32_t>::known(speed, name + "/speed");
    } else {
      out.speed_mbps = Fact<std::uint32_t>::unknown(name + "/speed holds \"" + printable(*s) + "\"");
    }
  } else {
    out.speed_mbps = Fact<std::uint32_t>::unknown(s.error());
  }

  auto desc = read_descriptors(paths, usb.device);
  if (desc) {
    out.bcd_usb = Fact<std::uint16_t>::known(desc->bcd_usb, name + "/descriptors bcdUSB");
    out.vendor_id = Fact<std::string>::known(fmt::format("{:04x}", desc->vendor_id), name + "/descriptors idVendor");
    out.product_id = Fact<std::string>::known(fmt::format("{:04x}", desc->product_id), name + "/descriptors idProduct");
    out.uas_offered = Fact<bool>::known(offers_uas(*desc), name + "/descriptors interface alternate settings");
  } else {
    out.uas_offered = Fact<bool>::unknown(desc.error());
    out.bcd_usb = Fact<std::uint16_t>::unknown(desc.error());
    out.vendor_id = Fact<std::string>::unknown(desc.error());
    out.product_id = Fact<std::string>::unknown(desc.error());
  }

  // Linux 6.3+ caches the BOS as bos_descriptors; older kernels do not.
  if (auto bos_bytes = paths.read_bytes(usb.device / "bos_descriptors")) {
    if (auto bos = parse_usb_bos(*bos_bytes)) {
      out.bos_superspeed = Fact<bool>::known(bos->superspeed, name + "/bos_descriptors");
      out.bos_superspeed_plus = Fact<bool>::known(bos->superspeed_plus, name + "/bos_descriptors");
    } else {
      out.bos_superspeed = Fact<bool>::unknown(bos.error());
      out.bos_superspeed_plus = Fact<bool>::unknown(bos.error());
    }
  } else if (speed >= 5000) {
    // Linked at SuperSpeed: the device is SuperSpeed capable by definition.
    out.bos_superspeed = Fact<bool>::known(true, fmt::format("linked at {} Mb/s", speed));
    if (speed >= 10000) {
      out.bos_superspeed_plus = Fact<bool>::known(true, fmt::format("linked at {} Mb/s", speed));
    } else {
      out.bos_superspeed_plus = Fact<bool>::unknown("no bos_descriptors (kernel before 6.3); a 5000 Mb/s link does not tell");
    }
  } else if (desc && desc->bcd_usb < 0x0201) {
    // bcdUSB below 2.01 means the device has no BOS at all (the kernel does
    // not even ask for one), and a USB 3 device at High Speed must report
    // 2.10: this one is USB 2 only.
    const std::string src = fmt::format("{}/descriptors bcdUSB {:x}.{:02x} (below 2.01: no BOS)", name, desc->bcd_usb >> 8, desc->bcd_usb & 0xFF);
    out.bos_superspeed = Fact<bool>::known(false, src);
    out.bos_superspeed_plus = Fact<bool>::known(false, src);
  } else {
    read_bos_from_the_device(paths, usb, name, out);
  }

  read_power(paths, usb, speed, desc, out);
  read_port_peer(paths, usb, speed, out);
  read_transport(paths, usb, out);

  const std::string vid = out.vendor_id.is_known() ? out.vendor_id.value() : "";
  const std::string pid = out.product_id.is_known() ? out.product_id.value() : "";
  if (auto b = known_bridge(vid, pid)) {
    out.bridge = Fact<std::string>::known(*b, "USB id " + vid + ":" + pid);
  } else {
    out.bridge = Fact<std::string>::unknown("USB id " + vid + ":" + pid + " is not in vmstick's bridge-chip table");
  }
  Fact<std::string> model;
  if (auto m = udev_get(udev, "ID_MODEL_ENC")) model = Fact<std::string>::known(std::string(trim(udev_unescape(*m))), "udev ID_MODEL_ENC");
  else if (auto p = paths.read_attr(usb.device / "product")) model = Fact<std::string>::known(*p, name + "/product");
  read_card_reader(udev, model, out);
}

}  // namespace vmstick::linux_backend
