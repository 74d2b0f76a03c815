// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The part of the speed test's file I/O that Linux and macOS share: POSIX
// positional I/O on one descriptor, errno turned into a sentence, and the
// "is it still there" check. Header-only because each OS's platform library
// is built from its own folder; only those libraries include it.
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>
#include <string>

#include "core/bench/bench_io.hpp"

namespace vmstick::posix {

inline Error errno_error(int err, const std::string& what, const std::filesystem::path& where) {
  ErrorCode code = ErrorCode::Io;
  if (err == EACCES || err == EPERM || err == EROFS) code = ErrorCode::PermissionDenied;
  if (err == ENOENT) code = ErrorCode::NotFound;
  std::string msg = what + ": " + std::strerror(err) + ".";
  if (err == ENOSPC) msg += " The drive is full.";
  if (err == EROFS) msg += " The drive is mounted read-only.";
  if (err == EIO || err == ENODEV || err == ENXIO) msg += " The drive may have been removed or be failing.";
  return make_error(code, std::move(msg), where.string());
}

// EPERM: the process exists but belongs to someone else — alive.
inline bool process_alive(std::int64_t pid) {
  if (pid <= 0 || pid > 0x7fffffff) return false;
  return ::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM;
}

// Owns the descriptor; the OS subclass adds flush() and drop_cache().
class BenchFile : public bench::BenchFile {
 public:
  BenchFile(int fd, std::filesystem::path path, bench::IoMethod method, std::string reason, struct stat identity)
      : fd_(fd), path_(std::move(path)), method_(method), reason_(std::move(reason)), identity_(identity) {}
  ~BenchFile() override { ::close(fd_); }
  BenchFile(const BenchFile&) = delete;
  BenchFile& operator=(const BenchFile&) = delete;

  bench::IoMethod method() const override { return method_; }
  std::string fallback_reason() const override { return reason_; }

  Status write_at(std::uint64_t offset, std::span<const std::byte> data) override {
    std::size_t done = 0;
    while (done < data.size()) {
      ssize_t n = ::pwrite(fd_, data.data() + done, data.size() - done, static_cast<off_t>(offset + done));
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) return errno_error(errno, "Writing the speed test's file failed", path_);
      // A short write means the filesystem ran out of room mid-request.
      if (n == 0) return errno_error(ENOSPC, "Writing the speed test's file failed", path_);
      done += static_cast<std::size_t>(n);
    }
    return Ok{};
  }

  Status read_at(std::uint64_t offset, std::span<std::byte> data) override {
    std::size_t done = 0;
    while (done < data.size()) {
      ssize_t n = ::pread(fd_, data.data() + done, data.size() - done, static_cast<off_t>(offset + done));
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) return errno_error(errno, "Reading the speed test's file failed", path_);
      if (n == 0) {
        return make_error(ErrorCode::Io, "The speed test's file is shorter than what was written to it.", path_.string());
      }
      done += static_cast<std::size_t>(n);
    }
    return Ok{};
  }

  // Unlinked, or the path now names another file: the folder vanished.
  bool still_present() const override {
    struct stat now {};
    if (::fstat(fd_, &now) != 0 || now.st_nlink == 0) return false;
    struct stat by_path {};
    if (::stat(path_.c_str(), &by_path) != 0) return false;
    return by_path.st_dev == identity_.st_dev && by_path.st_ino == identity_.st_ino;
  }

 protected:
  int fd() const { return fd_; }
  const std::filesystem::path& path() const { return path_; }

 private:
  int fd_;
  std::filesystem::path path_;
  bench::IoMethod method_;
  std::string reason_;
  struct stat identity_;
};

// Wraps a freshly created test file's descriptor in the OS's File class,
// remembering which file it is (for still_present()); on failure the
// descriptor is closed and the file removed.
template <class File>
Result<std::unique_ptr<bench::BenchFile>> adopt(int fd, const std::filesystem::path& file, bench::IoMethod method,
                                                std::string reason) {
  struct stat identity {};
  if (::fstat(fd, &identity) != 0) {
    const int err = errno;
    ::close(fd);
    ::unlink(file.c_str());
    return errno_error(err, "Cannot inspect the speed test's file", file);
  }
  return std::unique_ptr<bench::BenchFile>(std::make_unique<File>(fd, file, method, std::move(reason), identity));
}

}  // namespace vmstick::posix
