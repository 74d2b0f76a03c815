// SPDX-License-Identifier: GPL-3.0-or-later
#include "platform/linux/msr_reader.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

namespace vmstick::linux_backend {

Result<std::uint64_t> read_msr(const PathStore& paths, std::uint32_t reg) {
  const std::string path = paths.dev("cpu/0/msr").string();
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    const int err = errno;
    if (err == ENOENT || err == ENXIO) {
      return make_error(ErrorCode::NotFound,
                        "the msr driver is not loaded; to check the firmware setting directly run "
                        "'sudo modprobe msr' and run vmstick as root",
                        path);
    }
    if (err == EACCES || err == EPERM) {
      return make_error(ErrorCode::PermissionDenied,
                        "reading CPU model-specific registers needs root; run 'sudo vmstick host' for this check", path);
    }
    return make_error(ErrorCode::Io, std::string("cannot open: ") + std::strerror(err), path);
  }
  std::uint64_t value = 0;
  const ssize_t n = ::pread(fd, &value, sizeof value, static_cast<off_t>(reg));
  const int err = errno;
  ::close(fd);
  if (n != static_cast<ssize_t>(sizeof value)) {
    return make_error(ErrorCode::Io,
                      std::string("cannot read MSR: ") + (n < 0 ? std::strerror(err) : "short read"), path);
  }
  return value;
}

}  // namespace vmstick::linux_backend
