// SPDX-License-Identifier: GPL-3.0-or-later
#include "platform/linux/drive_space.hpp"

#include <sys/statvfs.h>

#include <cerrno>
#include <cstring>

namespace vmstick::linux_backend {

Result<SpaceInfo> statvfs_space(const std::filesystem::path& path) {
  struct statvfs st {};
  if (::statvfs(path.c_str(), &st) != 0) {
    const int e = errno;
    return make_error(e == ENOENT ? ErrorCode::NotFound : e == EACCES ? ErrorCode::PermissionDenied : ErrorCode::Io,
                      std::string("statvfs failed: ") + std::strerror(e), path.string());
  }
  SpaceInfo s;
  s.total_bytes = static_cast<std::uint64_t>(st.f_blocks) * st.f_frsize;
  s.free_bytes = static_cast<std::uint64_t>(st.f_bavail) * st.f_frsize;
  s.block_bytes = st.f_bsize;
  s.read_only = (st.f_flag & ST_RDONLY) != 0;
  return s;
}

}  // namespace vmstick::linux_backend
