// SPDX-License-Identifier: GPL-3.0-or-later
// The speed test's I/O on macOS. There is no O_DIRECT: F_NOCACHE on the
// descriptor makes reads and writes bypass the unified buffer cache, and
// F_FULLFSYNC (not fsync, which stops at the drive's own cache on Darwin)
// makes a write run durable. Where F_NOCACHE is refused (some network and
// FUSE filesystems), buffered I/O bounded by F_FULLFSYNC; Darwin has no way
// to evict one file's pages, so reads may then come from the cache, which
// the caveat on such results says.
#include <fcntl.h>
#include <sys/mount.h>

#include <chrono>
#include <string>

#include "core/bench/bench_io.hpp"
#include "platform/posix/bench_file_posix.hpp"

namespace vmstick::bench {
namespace {

namespace fs = std::filesystem;

using posix::errno_error;

class MacBenchFile final : public posix::BenchFile {
 public:
  using posix::BenchFile::BenchFile;

  Status flush() override {
    // F_FULLFSYNC fails on filesystems that lack it (some network mounts):
    // fsync is then the best there is.
    if (::fcntl(fd(), F_FULLFSYNC) == 0) return Ok{};
    if (::fsync(fd()) != 0) return errno_error(errno, "Flushing the speed test's file failed", path());
    return Ok{};
  }

  Status drop_cache() override { return method() == IoMethod::Direct ? Status(Ok{}) : flush(); }
};

class MacBenchIo final : public BenchIo {
 public:
  // The size is not reserved (F_PREALLOCATE would do it; this backend has
  // never been built on a Mac, so it stays with the least code).
  Result<std::unique_ptr<BenchFile>> create(const fs::path& file, std::uint64_t /*size*/) override {
    int fd = ::open(file.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0) return errno_error(errno, "Cannot create the speed test's file", file);
    IoMethod method = IoMethod::Direct;
    std::string reason;
    if (::fcntl(fd, F_NOCACHE, 1) != 0) {
      method = IoMethod::FlushBounded;
      reason = std::string("F_NOCACHE refused: ") + std::strerror(errno);
    }
    return posix::adopt<MacBenchFile>(fd, file, method, reason);
  }

  Result<std::uint64_t> free_bytes(const fs::path& dir) override {
    struct statfs sf {};
    if (::statfs(dir.c_str(), &sf) != 0) return errno_error(errno, "Cannot read the free space", dir);
    if (sf.f_blocks == 0) {
      return make_error(ErrorCode::NotSupported, "The filesystem does not report its free space.", dir.string());
    }
    return static_cast<std::uint64_t>(sf.f_bavail) * sf.f_bsize;
  }

  bool process_alive(std::int64_t pid) override { return posix::process_alive(pid); }

  std::int64_t current_pid() override { return ::getpid(); }

  double now() override {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
  }
};

}  // namespace

std::unique_ptr<BenchIo> make_platform_bench_io() { return std::make_unique<MacBenchIo>(); }

}  // namespace vmstick::bench
