// SPDX-License-Identifier: GPL-3.0-or-later
#include "platform/linux/drive_target.hpp"

#include <fmt/format.h>

#include "core/probes/drive/volume_derive.hpp"
#include "core/text.hpp"
#include "platform/linux/drive_usb_sysfs.hpp"

namespace vmstick::linux_backend {
namespace fs = std::filesystem;
namespace {

const MountEntry* mount_of(const std::vector<MountEntry>& mounts, DevNum num) {
  const MountEntry* found = nullptr;
  for (const auto& m : mounts) {
    // A bind mount of a subfolder has root != "/"; prefer the real mount.
    if (m.major == num.major && m.minor == num.minor && (!found || m.root == "/")) found = &m;
  }
  return found;
}

void fill_mount(const PathStore& paths, const MountEntry& m, const SpaceSource& space, const fs::path& stat_path,
                VolumeFacts& v) {
  const std::string src = "mountinfo";
  v.mount_point = Fact<std::string>::known(printable(m.mount_point), src);
  v.mount_options = Fact<std::string>::known(m.mount_options + "," + m.super_options, src);
  // "sync" makes every write wait for the device; vfat's "flush" makes it
  // flush at each close, which desktop automounters set on FAT sticks.
  const bool sync = has_mount_option(m.mount_options, "sync") || has_mount_option(m.super_options, "sync");
  const bool flush = has_mount_option(m.super_options, "flush");
  v.mounted_sync = Fact<bool>::known(sync || flush, src + (sync ? " option sync" : flush ? " option flush" : " options"));
  const bool ro = has_mount_option(m.mount_options, "ro") || has_mount_option(m.super_options, "ro");
  auto st = space(paths.host(stat_path.string()));
  if (st) {
    v.total_bytes = Fact<std::uint64_t>::known(st->total_bytes, "statvfs " + stat_path.string());
    v.free_bytes = Fact<std::uint64_t>::known(st->free_bytes, "statvfs " + stat_path.string() + " f_bavail");
    v.read_only = Fact<bool>::known(ro || st->read_only, ro ? "mount option ro" : "statvfs flags");
    if (!v.cluster_bytes.is_known() && st->block_bytes) {
      v.cluster_bytes = Fact<std::uint64_t>::known(st->block_bytes, "statvfs f_bsize");
    }
  } else {
    v.total_bytes = Fact<std::uint64_t>::unknown(st.error());
    v.free_bytes = Fact<std::uint64_t>::unknown(st.error());
    if (ro || !v.read_only.is_known()) v.read_only = Fact<bool>::known(ro, "mount options");
  }
  if (!v.fs_type.is_known() && !m.fs_type.empty()) v.fs_type = Fact<std::string>::known(m.fs_type, src + " filesystem type");
}

// Without a real filesystem behind the path (or in a replayed tree) we keep
// the path as given; on the live machine symlinks are resolved first.
std::string absolute_path(const PathStore& paths, const std::string& requested) {
  std::error_code ec;
  fs::path p(requested);
  if (!paths.is_replay()) {
    auto canon = fs::weakly_canonical(p, ec);
    if (!ec) return canon.string();
    p = fs::absolute(p, ec);
  }
  return p.lexically_normal().string();
}

}  // namespace

void mark_unmounted(VolumeFacts& v) {
  const std::string why = "not mounted";
  v.mount_point = Fact<std::string>::unknown(why);
  v.mount_options = Fact<std::string>::unknown(why);
  v.mounted_sync = Fact<bool>::unknown(why);
  v.total_bytes = Fact<std::uint64_t>::unknown("not mounted: free space needs a mounted filesystem");
  v.free_bytes = v.total_bytes;
}

void apply_mount(const PathStore& paths, const std::vector<MountEntry>& mounts, DevNum num, const SpaceSource& space,
                 VolumeFacts& v) {
  if (const MountEntry* m = mount_of(mounts, num)) {
    fill_mount(paths, *m, space, m->mount_point, v);
  } else {
    mark_unmounted(v);
  }
}

void add_mounted_whole_disk(const PathStore& paths, const std::vector<MountEntry>& mounts, const SpaceSource& space,
                            DevLocation& loc, FactSet& facts) {
  DriveFacts& d = facts.drives[loc.drive];
  const MountEntry* m = mount_of(mounts, loc.num);
  if (loc.volume || !d.volumes.empty() || !m) return;
  // Mounted without a partition table we could read (no udev data, device
  // node not readable): the mount itself says the filesystem starts at 0.
  VolumeFacts v;
  v.id = d.id;
  v.device = d.device;
  v.number = Fact<std::uint32_t>::known(0, "whole-disk device is mounted");
  v.start_bytes = Fact<std::uint64_t>::known(0, "whole-disk device is mounted");
  v.size_bytes = d.capacity_bytes;
  v.fs_type = Fact<std::string>::known(m->fs_type, "mountinfo filesystem type");
  const std::string why = "only mountinfo describes this filesystem: " + d.partition_table.reason();
  v.fs_version = Fact<std::string>::unknown(why);
  v.label = Fact<std::string>::unknown(why);
  v.uuid = Fact<std::string>::unknown(why);
  v.read_only = d.write_protected;
  fill_mount(paths, *m, space, m->mount_point, v);
  derive_volume_facts(v);
  d.volumes.push_back(std::move(v));
  loc.volume = 0;
}

void resolve_target(const PathStore& paths, const std::vector<MountEntry>& mounts,
                    const std::vector<DevLocation>& index, const SpaceSource& space, const std::string& requested,
                    FactSet& facts) {
  // A device node names the drive (or partition) directly.
  for (std::size_t i = 0; i < facts.drives.size(); ++i) {
    auto& d = facts.drives[i];
    if (d.id == requested || d.device.is(requested)) {
      facts.target_drive = i;
      d.requested_path = requested;
      if (d.volumes.size() == 1) d.target_volume = 0;
      return;
    }
    for (std::size_t k = 0; k < d.volumes.size(); ++k) {
      if (d.volumes[k].id == requested) {
        facts.target_drive = i;
        d.target_volume = k;
        d.requested_path = requested;
        return;
      }
    }
  }
  const std::string abs = absolute_path(paths, requested);
  auto m = mount_for_path(mounts, abs);
  if (!m) {
    DriveFacts d;
    d.id = requested;
    d.requested_path = requested;
    d.device = Fact<std::string>::unknown(fmt::format("no mount in mountinfo holds {}", abs));
    facts.drives.push_back(std::move(d));
    facts.target_drive = facts.drives.size() - 1;
    return;
  }
  const DevNum num{m->major, m->minor};
  for (const auto& loc : index) {
    if (!(loc.num == num)) continue;
    facts.target_drive = loc.drive;
    auto& d = facts.drives[loc.drive];
    d.requested_path = requested;
    if (loc.volume) {
      d.target_volume = loc.volume;
      // Space where the user's folder is (a bind mount may differ from the root).
      fill_mount(paths, *m, space, abs, d.volumes[*loc.volume]);
      derive_volume_facts(d.volumes[*loc.volume]);
    }
    return;
  }
  // overlay, tmpfs, NFS, a device-mapper volume we skipped: describe the mount.
  DriveFacts d;
  d.id = m->source.empty() ? abs : printable(m->source);
  d.requested_path = requested;
  const std::string why = fmt::format("{} is on {} ({}), which is not a block device vmstick lists", abs,
                                      printable(m->source), m->fs_type);
  d.device = Fact<std::string>::known(printable(m->source), "mountinfo source");
  d.bus = Fact<std::string>::unknown(why);
  d.partition_table = Fact<std::string>::unknown(why);
  mark_usb_link_unknown(d.usb, why);
  VolumeFacts v;
  v.id = d.id;
  v.device = d.device;
  v.fs_type = Fact<std::string>::known(m->fs_type, "mountinfo filesystem type");
  v.start_bytes = Fact<std::uint64_t>::unknown(why);
  fill_mount(paths, *m, space, abs, v);
  derive_volume_facts(v);
  d.volumes.push_back(std::move(v));
  d.target_volume = 0;
  facts.drives.push_back(std::move(d));
  facts.target_drive = facts.drives.size() - 1;
}

}  // namespace vmstick::linux_backend
