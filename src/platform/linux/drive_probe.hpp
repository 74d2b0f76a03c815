// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/probe.hpp"
#include "platform/linux/drive_space.hpp"

namespace vmstick::linux_backend {

// Every block device under /sys/block with its USB link, layout and
// filesystems; plus the drive that holds CheckRequest::drive. Reads sysfs,
// the udev database and mountinfo through the PathStore; libblkid on device
// nodes it may read; statvfs through the SpaceSource. Never writes.
class DriveProbe final : public Probe {
 public:
  explicit DriveProbe(SpaceSource space = statvfs_space) : space_(std::move(space)) {}
  std::string_view name() const override { return "drive"; }
  void run(const ProbeContext& ctx, FactSet& facts) const override;

 private:
  SpaceSource space_;
};

}  // namespace vmstick::linux_backend
