// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Mounted volumes (mountinfo + statvfs) and the drive that holds a path.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/facts/fact_set.hpp"
#include "core/path_store.hpp"
#include "core/probes/drive/mountinfo.hpp"
#include "platform/linux/drive_space.hpp"

namespace vmstick::linux_backend {

struct DevNum {
  std::uint32_t major{0};
  std::uint32_t minor{0};
  bool operator==(const DevNum&) const = default;
};

// Where a device number lives in FactSet::drives.
struct DevLocation {
  DevNum num;
  std::size_t drive{0};
  std::optional<std::size_t> volume;
};

// "8:17" from a sysfs device directory's `dev` attribute.
std::optional<DevNum> read_devnum(const PathStore& paths, const std::filesystem::path& dir);

// Mount point, options, sync, space and read-only state of a volume, or
// "not mounted".
void apply_mount(const PathStore& paths, const std::vector<MountEntry>& mounts, DevNum num, const SpaceSource& space,
                 VolumeFacts& v);
void mark_unmounted(VolumeFacts& v);

// A whole-disk device that is mounted but whose layout could not be read
// gets one volume described by its mount.
void add_mounted_whole_disk(const PathStore& paths, const std::vector<MountEntry>& mounts, const SpaceSource& space,
                            DevLocation& loc, FactSet& facts);

// Sets facts.target_drive (and the drive's target_volume) for what the user
// named: a device node, or a folder/file/mount point found through
// mountinfo. A path on a filesystem with no block device in /sys/block
// (overlay, tmpfs, NFS) becomes a drive of its own built from the mount.
void resolve_target(const PathStore& paths, const std::vector<MountEntry>& mounts,
                    const std::vector<DevLocation>& index, const SpaceSource& space, const std::string& requested,
                    FactSet& facts);

}  // namespace vmstick::linux_backend
