// SPDX-License-Identifier: GPL-3.0-or-later
// Rules about the target drive: USB link, power, transport, filesystem and layout.
#include <fmt/format.h>

#include <algorithm>

#include "core/rules/rule.hpp"

namespace vmstick {
namespace {

std::string mbps(std::uint32_t v) { return v == 1 ? "1.5 Mb/s" : fmt::format("{} Mb/s", v); }
std::string gib(std::uint64_t bytes) { return fmt::format("{:.1f} GiB", static_cast<double>(bytes) / (1ull << 30)); }

// Whether path lies inside the folder mount (both as the OS spelled them).
bool inside(const std::string& path, const std::string& mount) {
  if (mount.empty() || path.size() <= mount.size() || path.compare(0, mount.size(), mount) != 0) return false;
  const char last = mount.back();
  const char next = path[mount.size()];
  return last == '/' || last == '\\' || next == '/' || next == '\\';
}

struct SpaceNeed {
  std::uint64_t copy;    // bytes to copy onto the volume (0 when already there)
  std::uint64_t growth;  // bytes the image can still grow by
};

// What the image still needs on the volume: a dynamic image grows by what it
// has not yet allocated (virtual - allocated); an image not on the volume yet
// must also be copied there. Unknown figures fall back so that copy + growth
// is never below the virtual size, which errs towards warning.
SpaceNeed space_needed(const ImageFacts& image, std::uint64_t virtual_size, const VolumeFacts& v) {
  const std::uint64_t* allocated = image.allocated_bytes.get();
  const std::uint64_t growth = allocated ? (virtual_size > *allocated ? virtual_size - *allocated : 0) : virtual_size;
  const std::string* mount = v.mount_point.get();
  const auto* files = image.files.get();
  const bool on_volume = mount && files && !files->empty() &&
                         std::all_of(files->begin(), files->end(), [&](const std::string& f) { return inside(f, *mount); });
  if (on_volume) return {0, growth};
  if (const std::uint64_t* total = image.total_file_bytes.get()) return {*total, growth};
  return {allocated ? std::min(*allocated, virtual_size) : 0, growth};
}

std::string drive_name(const DriveFacts& d) {
  std::string n = d.model.is_known() ? d.model.value() : d.id;
  if (d.vendor.is_known() && !d.vendor.value().empty()) n = d.vendor.value() + " " + n;
  return n;
}

void usb_link(const FactSet& facts, FindingSink& sink) {
  const DriveFacts* d = facts.target();
  if (!d || !d->bus.is("usb")) return;
  const UsbLinkFacts& u = d->usb;
  const auto* speed = u.speed_mbps.get();
  if (!speed) return;
  Evidence ev{{"drive", drive_name(*d)}, {"speed", mbps(*speed)}, {"port", u.port_path.is_known() ? u.port_path.value() : "?"}};
  if (*speed >= 5000) return;
  // bcdUSB alone cannot tell: a USB 3 device linked at High Speed reports 2.10.
  // The BOS SuperSpeed capability is what says the device could go faster.
  if (u.bos_superspeed.is(true)) {
    ev.emplace_back("port_usb3", phrase(u.port_usb3_capable.is(true)    ? "value.yes"
                                        : u.port_usb3_capable.is(false) ? "value.no"
                                                                         : "value.unknown"));
    sink.add(u.port_usb3_capable.is(true) ? "drive.usb3_device_at_high_speed_on_usb3_port" : "drive.usb3_device_at_high_speed",
             d->id, std::move(ev));
  } else if (u.bos_superspeed.is(false)) {
    sink.add("drive.usb2_only_device", d->id, std::move(ev));
  } else {
    ev.emplace_back("reason", u.bos_superspeed.reason());
    sink.add("drive.usb_slow_link_capability_unknown", d->id, std::move(ev));
  }
}

void transport(const FactSet& facts, FindingSink& sink) {
  const DriveFacts* d = facts.target();
  if (!d || !d->bus.is("usb")) return;
  if (!d->usb.transport.is("bot")) return;
  Evidence ev{{"drive", drive_name(*d)}, {"driver", d->usb.driver.is_known() ? d->usb.driver.value() : "?"}};
  // A bridge that offers UAS but runs Bulk-Only was refused UAS by the OS
  // (Linux: a quirk for a bridge known to misbehave, or no uas module): the
  // user's remedy is different from a stick that cannot do better.
  if (d->usb.uas_offered.is(true)) {
    ev.emplace_back("id", (d->usb.vendor_id.is_known() ? d->usb.vendor_id.value() : "?") + ":" +
                              (d->usb.product_id.is_known() ? d->usb.product_id.value() : "?"));
    sink.add("drive.uas_offered_but_bulk_only", d->id, std::move(ev));
  } else {
    sink.add("drive.bulk_only_transport", d->id, std::move(ev));
  }
}

void power(const FactSet& facts, FindingSink& sink) {
  const DriveFacts* d = facts.target();
  if (!d || !d->bus.is("usb")) return;
  const auto* need = d->usb.max_power_ma.get();
  const auto* budget = d->usb.port_budget_ma.get();
  if (need && budget && *need > *budget) {
    sink.add("drive.power_above_port_budget", d->id,
             {{"drive", drive_name(*d)}, {"need", fmt::format("{} mA", *need)}, {"budget", fmt::format("{} mA", *budget)}});
  } else if (d->usb.bus_powered_hub.is(true)) {
    sink.add("drive.behind_bus_powered_hub", d->id, {{"drive", drive_name(*d)}});
  }
}

void reader(const FactSet& facts, FindingSink& sink) {
  const DriveFacts* d = facts.target();
  if (!d || !d->bus.is("usb")) return;
  if (d->usb.card_reader.is(true)) sink.add("drive.card_reader", d->id, {{"drive", drive_name(*d)}});
}

void image_fits(const FactSet& facts, FindingSink& sink) {
  const DriveFacts* d = facts.target();
  const VolumeFacts* v = d ? d->target() : nullptr;
  if (!v || !facts.image) return;
  const std::vector<const ImageFacts*> disks = every_disk(*facts.image);
  const auto* max = v->max_file_bytes.get();
  const auto* fs = v->fs_type.get();
  if (max && fs) {
    for (const ImageFacts* disk : disks) {
      // How large one file can get, not the virtual size: a split VMDK of
      // any size fits FAT32 (its extents stay near 2 GiB each).
      const auto* size = disk->largest_file_reach_bytes.get();
      if (!size) size = disk->virtual_size_bytes.get();
      if (!size || *size <= *max) continue;
      const bool boot = disk == disks.front();
      Evidence ev{{"fs", *fs + (v->fs_version.is_known() ? " (" + v->fs_version.value() + ")" : "")},
                  {"max", gib(*max)},
                  {"size", gib(*size)},
                  {"disk", disk->disk_path.empty() ? disk->path : disk->disk_path}};
      sink.add("drive.image_exceeds_max_file_size", boot ? v->id : v->id + " (" + disk->path + ")", std::move(ev));
    }
  }
  // The whole VM has to fit: every disk's copy and growth, added up. A disk
  // whose size is unknown cannot be counted, and then no sum is claimed.
  const auto* free = v->free_bytes.get();
  if (!free) return;
  SpaceNeed need{0, 0};
  std::uint64_t size = 0;
  for (const ImageFacts* disk : disks) {
    const auto* virtual_size = disk->virtual_size_bytes.get();
    if (!virtual_size) return;
    const SpaceNeed n = space_needed(*disk, *virtual_size, *v);
    need.copy += n.copy;
    need.growth += n.growth;
    size += *virtual_size;
  }
  if (need.copy + need.growth > *free) {
    Evidence ev{{"free", gib(*free)},
                {"need", gib(need.copy + need.growth)},
                {"size", gib(size)},
                {"copy", gib(need.copy)},
                {"growth", gib(need.growth)}};
    if (disks.size() > 1) ev.emplace_back("disks", std::to_string(disks.size()));
    sink.add("drive.free_space_below_image_growth", v->id, std::move(ev));
  }
}

void writable_everywhere(const FactSet& facts, FindingSink& sink) {
  const DriveFacts* d = facts.target();
  const VolumeFacts* v = d ? d->target() : nullptr;
  if (!v || !v->native_writers.is_known() || !v->fs_type.is_known()) return;
  std::vector<std::string> wanted = facts.run_on.empty() ? std::vector<std::string>{"linux", "windows", "macos"} : facts.run_on;
  std::vector<std::string> missing;
  for (const auto& os : wanted) {
    const auto& w = v->native_writers.value();
    const std::string shown = os == "windows" ? "Windows" : os == "macos" ? "macOS" : os == "linux" ? "Linux" : os;
    if (std::find(w.begin(), w.end(), os) == w.end()) missing.push_back(shown);
  }
  if (!missing.empty()) sink.add("drive.fs_not_writable_on_os", v->id, {{"fs", v->fs_type.value()}, {"os", phrase_list(missing)}});
}

void layout(const FactSet& facts, FindingSink& sink) {
  const DriveFacts* d = facts.target();
  const VolumeFacts* v = d ? d->target() : nullptr;
  if (!v) return;
  if (v->number.is_known() && v->number.value() > 0 && (v->aligned_4kib.is(false) || v->aligned_1mib.is(false))) {
    sink.add(v->aligned_4kib.is(false) ? "drive.partition_misaligned_4k" : "drive.partition_not_1mib_aligned", v->id,
             {{"start", v->start_bytes.is_known() ? std::to_string(v->start_bytes.value()) : "?"}});
  }
  if (v->mounted_sync.is(true)) {
    sink.add("drive.mounted_sync", v->id,
             {{"mount", v->mount_point.is_known() ? v->mount_point.value() : "?"}, {"options", v->mount_options.is_known() ? v->mount_options.value() : ""}});
  }
  if (d->write_protected.is(true) || v->read_only.is(true)) {
    sink.add("drive.read_only", v->id, {{"drive", drive_name(*d)}});
  }
}

}  // namespace

void register_drive_rules(RuleRegistry& registry) {
  registry.add(Rule{"drive.usb_link",
                    {"drive.usb3_device_at_high_speed", "drive.usb3_device_at_high_speed_on_usb3_port",
                     "drive.usb2_only_device", "drive.usb_slow_link_capability_unknown"},
                    usb_link});
  registry.add(Rule{"drive.transport", {"drive.bulk_only_transport", "drive.uas_offered_but_bulk_only"}, transport});
  registry.add(Rule{"drive.power", {"drive.power_above_port_budget", "drive.behind_bus_powered_hub"}, power});
  registry.add(Rule{"drive.card_reader", {"drive.card_reader"}, reader});
  registry.add(Rule{"drive.image_fits", {"drive.image_exceeds_max_file_size", "drive.free_space_below_image_growth"}, image_fits});
  registry.add(Rule{"drive.writable_on_planned_os", {"drive.fs_not_writable_on_os"}, writable_everywhere});
  registry.add(Rule{"drive.layout",
                    {"drive.partition_misaligned_4k", "drive.partition_not_1mib_aligned", "drive.mounted_sync", "drive.read_only"},
                    layout});
}

}  // namespace vmstick
