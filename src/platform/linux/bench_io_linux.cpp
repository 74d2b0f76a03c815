// SPDX-License-Identifier: GPL-3.0-or-later
#include "platform/linux/bench_io_linux.hpp"

#include <fcntl.h>
#include <sys/statvfs.h>

#include <chrono>
#include <cstdlib>
#include <string>

#include "core/bench/bench_plan.hpp"
#include "platform/linux/io_buffer_linux.hpp"
#include "platform/posix/bench_file_posix.hpp"

namespace vmstick::linux_backend {
namespace {

namespace fs = std::filesystem;
using bench::IoMethod;

using posix::errno_error;

class LinuxBenchFile final : public posix::BenchFile {
 public:
  using posix::BenchFile::BenchFile;

  // fdatasync: the data and the size, not the timestamps — what a VM's
  // flush costs, and what fio's fdatasync option measures.
  Status flush() override {
    if (::fdatasync(fd()) != 0) return errno_error(errno, "Flushing the speed test's file failed", path());
    return Ok{};
  }

  Status drop_cache() override {
    if (method() == IoMethod::Direct) return Ok{};
    // Clean pages only: flush first so DONTNEED can drop everything.
    if (auto st = flush(); !st) return st;
    if (int err = ::posix_fadvise(fd(), 0, 0, POSIX_FADV_DONTNEED); err != 0) {
      return errno_error(err, "Dropping the speed test's file from the cache failed", path());
    }
    return Ok{};
  }
};

class LinuxBenchIo final : public bench::BenchIo {
 public:
  Result<std::unique_ptr<bench::BenchFile>> create(const fs::path& file, std::uint64_t size) override {
    constexpr int kFlags = O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW;
    IoMethod method = IoMethod::Direct;
    std::string reason;
    int fd = ::open(file.c_str(), kFlags | O_DIRECT, 0600);
    if (fd < 0 && errno == EINVAL) {
      // ramfs, tmpfs before Linux 6.6 and some FUSE filesystems refuse
      // O_DIRECT at open — after creating the file, so O_EXCL would now
      // fail. The name is ours (inside the folder we just created).
      method = IoMethod::FlushBounded;
      reason = "O_DIRECT refused at open";
      ::unlink(file.c_str());
      fd = ::open(file.c_str(), kFlags, 0600);
    }
    if (fd < 0) return errno_error(errno, "Cannot create the speed test's file", file);
    if (auto st = reserve(fd, file, size); !st) {
      ::close(fd);
      ::unlink(file.c_str());
      return st.error();
    }
    if (method == IoMethod::Direct) {
      // Others accept the flag and refuse the first request: try one.
      if (!probe_direct_write(fd)) {
        const int flags = ::fcntl(fd, F_GETFL);
        if (flags < 0 || ::fcntl(fd, F_SETFL, flags & ~O_DIRECT) != 0) {
          const int err = errno;
          ::close(fd);
          ::unlink(file.c_str());
          return errno_error(err, "Cannot switch the speed test's file to buffered I/O", file);
        }
        method = IoMethod::FlushBounded;
        reason = "O_DIRECT requests refused";
      }
    }
    return posix::adopt<LinuxBenchFile>(fd, file, method, reason);
  }

  Result<std::uint64_t> free_bytes(const fs::path& dir) override {
    struct statvfs sv {};
    if (::statvfs(dir.c_str(), &sv) != 0) return errno_error(errno, "Cannot read the free space", dir);
    // ramfs and some FUSE filesystems report no size at all.
    if (sv.f_blocks == 0) return make_error(ErrorCode::NotSupported, "The filesystem does not report its free space.", dir.string());
    return static_cast<std::uint64_t>(sv.f_bavail) * sv.f_frsize;
  }

  bool process_alive(std::int64_t pid) override { return posix::process_alive(pid); }

  std::int64_t current_pid() override { return ::getpid(); }

  double now() override {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
  }

  bench::IoBuffer buffer(std::size_t size) override { return huge_page_buffer(size); }

 private:
  // Reserves the file's blocks without writing them (FALLOC_FL_KEEP_SIZE:
  // the size stays 0 and nothing is zeroed; never posix_fallocate, whose
  // fallback writes zeros, wear the user did not agree to). Without it the
  // 4 KiB probe write below got a block of its own away from the rest
  // (ext4 places small files elsewhere), so every 1 MiB request over the
  // file's start was split in two, and ext4 serialises a direct write that
  // spans two extents against every other writer of the file (on this
  // machine's disk a QD8 run lost about half a millisecond there). fio lays
  // its file out in one piece the same way.
  static Status reserve(int fd, const fs::path& file, std::uint64_t size) {
    if (size == 0 || ::fallocate(fd, FALLOC_FL_KEEP_SIZE, 0, static_cast<off_t>(size)) == 0) return Ok{};
    const int err = errno;
    if (err == ENOSPC || err == EDQUOT) {
      return errno_error(err, "Not enough free space to reserve the speed test's file", file);
    }
    // EOPNOTSUPP (FAT before Linux 6.x, FUSE), EINTR and the like: the file
    // is allocated as it is written, as before.
    return Ok{};
  }

  static bool probe_direct_write(int fd) {
    void* buf = nullptr;
    if (::posix_memalign(&buf, bench::kAlign, bench::kAlign) != 0) return false;
    std::memset(buf, 0, bench::kAlign);
    const ssize_t n = ::pwrite(fd, buf, bench::kAlign, 0);
    const bool ok = n == static_cast<ssize_t>(bench::kAlign) || (n < 0 && errno != EINVAL);
    std::free(buf);
    return ok;
  }
};

}  // namespace

std::unique_ptr<bench::BenchIo> make_bench_io() { return std::make_unique<LinuxBenchIo>(); }

}  // namespace vmstick::linux_backend

namespace vmstick::bench {
std::unique_ptr<BenchIo> make_platform_bench_io() { return linux_backend::make_bench_io(); }
}  // namespace vmstick::bench
