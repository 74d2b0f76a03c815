// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// libblkid on a device node or an image file: partition table, partitions,
// filesystems and topology. Opens read-only; never writes.
#include <filesystem>

#include "core/facts/drive_facts.hpp"
#include "core/result.hpp"

namespace vmstick::linux_backend {

// A whole image file (or a readable whole-disk device) as a drive of its own:
// partition table, every partition with its filesystem, alignment, cluster
// size. Error when the file cannot be opened or blkid rejects it.
Result<DriveFacts> probe_disk_with_blkid(const std::filesystem::path& file, const std::string& id);

// One volume (a partition device, or a region of a file) into v: fs_type,
// fs_version, label, uuid, cluster_bytes. Leaves facts that blkid does not
// report as they are. offset/size 0 = the whole file.
Status probe_volume_with_blkid(const std::filesystem::path& file, std::uint64_t offset, std::uint64_t size,
                               VolumeFacts& v);

}  // namespace vmstick::linux_backend
