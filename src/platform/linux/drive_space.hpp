// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Free and total space of a mounted filesystem, behind a small interface so
// replayed trees can supply recorded figures.
#include <cstdint>
#include <filesystem>
#include <functional>

#include "core/result.hpp"

namespace vmstick::linux_backend {

struct SpaceInfo {
  std::uint64_t total_bytes{0};
  std::uint64_t free_bytes{0};   // available to unprivileged users (f_bavail)
  std::uint64_t block_bytes{0};  // f_bsize
  bool read_only{false};         // ST_RDONLY
};

using SpaceSource = std::function<Result<SpaceInfo>(const std::filesystem::path&)>;

// statvfs(2) on the path.
Result<SpaceInfo> statvfs_space(const std::filesystem::path& path);

}  // namespace vmstick::linux_backend
