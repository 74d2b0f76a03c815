// SPDX-License-Identifier: GPL-3.0-or-later
#include "platform/linux/drive_probe.hpp"

#include <fmt/format.h>

#include "core/log/log.hpp"
#include "core/probes/drive/mountinfo.hpp"
#include "core/probes/drive/udev_properties.hpp"
#include "core/probes/drive/volume_derive.hpp"
#include "core/text.hpp"
#include "platform/linux/drive_blkid.hpp"
#include "platform/linux/drive_target.hpp"
#include "platform/linux/drive_usb_sysfs.hpp"

namespace vmstick::linux_backend {
namespace fs = std::filesystem;
namespace {

// Block devices that are never a place to keep a VM.
bool skip_block(const std::string& name) {
  for (const char* p : {"ram", "zram", "loop", "sr", "fd", "dm-", "md", "nbd"}) {
    if (name.rfind(p, 0) == 0) return true;
  }
  return false;
}

UdevProperties read_udev(const PathStore& paths, const fs::path& dir, const std::optional<DevNum>& num) {
  UdevProperties props;
  // The kernel's uevent file has DEVNAME/MAJOR/MINOR; umockdev and some
  // containers also keep udev's ID_* keys there. The udev database wins.
  if (auto ev = paths.read_text(dir / "uevent", 64u << 10)) props = parse_udev_properties(*ev);
  if (num) {
    if (auto db = paths.read_text(paths.run_udev(fmt::format("data/b{}:{}", num->major, num->minor)), 256u << 10)) {
      for (auto& [k, v] : parse_udev_properties(*db)) props.insert_or_assign(k, v);
    }
  }
  return props;
}

Fact<std::uint32_t> attr_u32(const PathStore& paths, const fs::path& file, const std::string& label) {
  auto s = paths.read_attr(file);
  if (!s) return Fact<std::uint32_t>::unknown(s.error());
  if (auto v = parse_number<std::uint32_t>(*s)) return Fact<std::uint32_t>::known(*v, label);
  return Fact<std::uint32_t>::unknown(label + " holds \"" + printable(*s) + "\"");
}

Fact<bool> attr_flag(const PathStore& paths, const fs::path& file, const std::string& label) {
  auto v = attr_u32(paths, file, label);
  if (!v.is_known()) return Fact<bool>::unknown(v.reason());
  return Fact<bool>::known(v.value() != 0, label);
}

Fact<std::string> text_fact(const UdevProperties& udev, const char* enc_key, const char* key, const PathStore& paths,
                            const fs::path& sysfs_file) {
  if (auto e = udev_get(udev, enc_key)) {
    if (auto s = clean_label(std::string(trim(udev_unescape(*e)))); !s.empty()) return Fact<std::string>::known(s, std::string("udev ") + enc_key);
  }
  if (auto v = udev_get(udev, key)) return Fact<std::string>::known(clean_label(*v), std::string("udev ") + key);
  auto a = paths.read_attr(sysfs_file);
  if (a && !trim(*a).empty()) return Fact<std::string>::known(clean_label(trim(*a)), sysfs_file.filename().string() + " in sysfs");
  return Fact<std::string>::unknown(a ? "empty " + sysfs_file.string() : a.error().describe());
}

void fill_fs_from_udev(VolumeFacts& v, const UdevProperties& udev) {
  auto type = udev_get(udev, "ID_FS_TYPE");
  if (!type) {
    const std::string why = "udev names no filesystem (ID_FS_TYPE)";
    v.fs_type = Fact<std::string>::unknown(why);
    v.fs_version = Fact<std::string>::unknown(why);
    v.label = Fact<std::string>::unknown(why);
    v.uuid = Fact<std::string>::unknown(why);
    v.cluster_bytes = Fact<std::uint64_t>::unknown(why);
    return;
  }
  v.fs_type = Fact<std::string>::known(*type, "udev ID_FS_TYPE");
  if (auto ver = udev_get(udev, "ID_FS_VERSION")) v.fs_version = Fact<std::string>::known(*ver, "udev ID_FS_VERSION");
  else v.fs_version = Fact<std::string>::unknown("udev has no ID_FS_VERSION");
  if (auto l = udev_get(udev, "ID_FS_LABEL_ENC")) v.label = Fact<std::string>::known(clean_label(udev_unescape(*l)), "udev ID_FS_LABEL_ENC");
  else v.label = Fact<std::string>::known("", "udev has no ID_FS_LABEL");
  if (auto u = udev_get(udev, "ID_FS_UUID")) v.uuid = Fact<std::string>::known(clean_label(*u), "udev ID_FS_UUID");
  else v.uuid = Fact<std::string>::unknown("udev has no ID_FS_UUID");
  v.cluster_bytes = Fact<std::uint64_t>::unknown("udev does not record the cluster size; reading it needs the device node");
}

// libblkid on the node when we may read it. It only replaces udev's answer
// when it finds a filesystem (an empty replayed node must not erase facts).
void refine_with_blkid(const PathStore& paths, const std::string& kernel_name, VolumeFacts& v) {
  VolumeFacts probed = v;
  auto st = probe_volume_with_blkid(paths.dev(kernel_name), 0, 0, probed);
  if (st && probed.fs_type.is_known()) {
    v.fs_type = probed.fs_type;
    v.fs_version = probed.fs_version;
    v.label = probed.label;
    v.uuid = probed.uuid;
    v.cluster_bytes = probed.cluster_bytes;
  } else if (!st && !v.cluster_bytes.is_known()) {
    v.cluster_bytes = Fact<std::uint64_t>::unknown(st.error());
  }
}

using BlockScan = std::vector<DevLocation>;

VolumeFacts read_partition(const PathStore& paths, const fs::path& disk_dir, const std::string& part, BlockScan& scan,
                           std::size_t drive_idx, std::size_t vol_idx) {
  const fs::path dir = disk_dir / part;
  VolumeFacts v;
  v.id = os_device_name(part);
  v.device = Fact<std::string>::known(v.id, "sysfs " + part);
  v.number = attr_u32(paths, dir / "partition", part + "/partition");
  // sysfs start and size count 512-byte units whatever the sector size.
  if (auto s = paths.read_attr(dir / "start"); s && parse_number<std::uint64_t>(*s)) {
    v.start_bytes = Fact<std::uint64_t>::known(*parse_number<std::uint64_t>(*s) * 512, part + "/start x 512");
  } else {
    v.start_bytes = Fact<std::uint64_t>::unknown(s ? part + "/start is not a number" : s.error().describe());
  }
  if (auto s = paths.read_attr(dir / "size"); s && parse_number<std::uint64_t>(*s)) {
    v.size_bytes = Fact<std::uint64_t>::known(*parse_number<std::uint64_t>(*s) * 512, part + "/size x 512");
  } else {
    v.size_bytes = Fact<std::uint64_t>::unknown(s ? part + "/size is not a number" : s.error().describe());
  }
  auto num = read_devnum(paths, dir);
  if (num) scan.push_back({*num, drive_idx, vol_idx});
  const UdevProperties udev = read_udev(paths, dir, num);
  fill_fs_from_udev(v, udev);
  refine_with_blkid(paths, part, v);
  v.read_only = attr_flag(paths, dir / "ro", part + "/ro");
  return v;
}

std::string bus_of(const std::string& name, const UdevProperties& udev, bool usb, const fs::path& real) {
  if (usb) return "usb";
  if (auto b = udev_get(udev, "ID_BUS")) return *b;
  if (name.rfind("nvme", 0) == 0) return "nvme";
  if (name.rfind("mmcblk", 0) == 0) return "mmc";
  if (name.rfind("vd", 0) == 0) return "virtio";
  if (real.string().find("/ata") != std::string::npos) return "ata";
  return {};
}

DriveFacts read_block(const PathStore& paths, const std::string& name, BlockScan& scan, std::size_t drive_idx) {
  DriveFacts d;
  d.id = os_device_name(name);
  const fs::path link = paths.sys("block") / name;
  fs::path dir = link;
  if (auto target = paths.read_link(link)) dir = (paths.sys("block") / *target).lexically_normal();
  const auto num = read_devnum(paths, dir);
  if (num) scan.push_back({*num, drive_idx, std::nullopt});
  const UdevProperties udev = read_udev(paths, dir, num);

  if (auto dn = udev_get(udev, "DEVNAME"); dn && dn->rfind('/', 0) == 0) {
    d.device = Fact<std::string>::known(*dn, "udev DEVNAME");
  } else {
    d.device = Fact<std::string>::known(d.id, "sysfs block " + name);
  }
  d.vendor = text_fact(udev, "ID_VENDOR_ENC", "ID_VENDOR", paths, dir / "device/vendor");
  d.model = text_fact(udev, "ID_MODEL_ENC", "ID_MODEL", paths, dir / "device/model");
  d.serial = text_fact(udev, "ID_SERIAL_SHORT_ENC", "ID_SERIAL_SHORT", paths, dir / "device/serial");
  if (auto s = paths.read_attr(dir / "size"); s && parse_number<std::uint64_t>(*s)) {
    d.capacity_bytes = Fact<std::uint64_t>::known(*parse_number<std::uint64_t>(*s) * 512, name + "/size x 512");
  } else {
    d.capacity_bytes = Fact<std::uint64_t>::unknown(s ? name + "/size is not a number" : s.error().describe());
  }
  d.removable = attr_flag(paths, dir / "removable", name + "/removable");
  d.rotational = attr_flag(paths, dir / "queue/rotational", name + "/queue/rotational");
  d.logical_sector_bytes = attr_u32(paths, dir / "queue/logical_block_size", name + "/queue/logical_block_size");
  d.physical_sector_bytes = attr_u32(paths, dir / "queue/physical_block_size", name + "/queue/physical_block_size");
  d.optimal_io_bytes = attr_u32(paths, dir / "queue/optimal_io_size", name + "/queue/optimal_io_size");
  d.write_protected = attr_flag(paths, dir / "ro", name + "/ro");

  auto usb = find_usb_ancestry(paths, dir);
  if (usb) {
    read_usb_link(paths, *usb, udev, d.usb);
  } else {
    mark_usb_link_unknown(d.usb, "not a USB device (no USB parent in sysfs)");
  }
  if (auto bus = bus_of(name, udev, usb.has_value(), dir); !bus.empty()) {
    d.bus = Fact<std::string>::known(bus, usb ? "USB parent in sysfs" : "udev ID_BUS / device name");
  } else {
    d.bus = Fact<std::string>::unknown("neither udev nor the sysfs path names the bus");
  }

  std::vector<std::string> parts;
  if (auto entries = paths.list(dir)) {
    for (const auto& e : *entries) {
      if (e.rfind(name, 0) == 0 && paths.exists(dir / e / "partition")) parts.push_back(e);
    }
  }
  for (const auto& part : parts) {
    d.volumes.push_back(read_partition(paths, dir, part, scan, drive_idx, d.volumes.size()));
  }
  if (auto t = udev_get(udev, "ID_PART_TABLE_TYPE")) {
    d.partition_table = Fact<std::string>::known(*t == "dos" ? "mbr" : *t, "udev ID_PART_TABLE_TYPE");
  } else if (parts.empty() && udev_get(udev, "ID_FS_TYPE")) {
    d.partition_table = Fact<std::string>::known("none", "udev: filesystem on the whole disk");
  } else if (auto whole = probe_disk_with_blkid(paths.dev(name), d.id)) {
    d.partition_table = whole->partition_table;
  } else {
    d.partition_table = Fact<std::string>::unknown(whole.error());
  }
  if (parts.empty() && d.partition_table.is("none")) {
    // A "superfloppy" stick: the filesystem starts at byte 0 of the disk.
    VolumeFacts v;
    v.id = d.id;
    v.device = d.device;
    v.number = Fact<std::uint32_t>::known(0, "whole-disk filesystem");
    v.start_bytes = Fact<std::uint64_t>::known(0, "whole-disk filesystem");
    v.size_bytes = d.capacity_bytes;
    fill_fs_from_udev(v, udev);
    refine_with_blkid(paths, name, v);
    v.read_only = d.write_protected;
    d.volumes.push_back(std::move(v));
    for (auto& loc : scan) {
      if (loc.drive == drive_idx && !loc.volume) loc.volume = 0;
    }
  }
  return d;
}

}  // namespace

std::optional<DevNum> read_devnum(const PathStore& paths, const fs::path& dir) {
  auto s = paths.read_attr(dir / "dev");
  if (!s) return std::nullopt;
  auto colon = s->find(':');
  if (colon == std::string::npos) return std::nullopt;
  auto maj = parse_number<std::uint32_t>(std::string_view(*s).substr(0, colon));
  auto min = parse_number<std::uint32_t>(std::string_view(*s).substr(colon + 1));
  if (!maj || !min) return std::nullopt;
  return DevNum{*maj, *min};
}

void DriveProbe::run(const ProbeContext& ctx, FactSet& facts) const {
  auto log = log::get("probe.drive");
  facts.run_on = ctx.request.run_on;
  BlockScan scan;
  auto names = ctx.paths.list(ctx.paths.sys("block"));
  if (!names) {
    log->warn("cannot list block devices: {}", names.error().describe());
  } else {
    for (const auto& name : *names) {
      if (ctx.cancel.cancelled()) return;
      // umockdev (and some old kernels' compat trees) list partitions here too.
      if (skip_block(name) || ctx.paths.exists(ctx.paths.sys("block") / name / "partition")) continue;
      facts.drives.push_back(read_block(ctx.paths, name, scan, facts.drives.size()));
    }
  }
  std::vector<MountEntry> mounts;
  if (auto text = ctx.paths.read_text(ctx.paths.proc("self/mountinfo"), 8u << 20)) {
    if (auto m = parse_mountinfo(*text)) mounts = std::move(*m);
    else log->warn("{}", m.error().describe());
  } else {
    log->warn("cannot read mountinfo: {}", text.error().describe());
  }
  for (auto& loc : scan) {
    add_mounted_whole_disk(ctx.paths, mounts, space_, loc, facts);
    if (loc.volume) apply_mount(ctx.paths, mounts, loc.num, space_, facts.drives[loc.drive].volumes[*loc.volume]);
  }
  for (auto& d : facts.drives) {
    for (auto& v : d.volumes) {
      if (!v.mount_point.is_known() && v.mount_point.reason() == "not checked") mark_unmounted(v);
      derive_volume_facts(v);
    }
  }
  if (ctx.request.drive) {
    resolve_target(ctx.paths, mounts, scan, space_, *ctx.request.drive, facts);
  }
  log->debug("{} drive(s)", facts.drives.size());
}

}  // namespace vmstick::linux_backend
