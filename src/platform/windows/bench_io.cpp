// SPDX-License-Identifier: GPL-3.0-or-later
// The speed test's I/O on Windows: FILE_FLAG_NO_BUFFERING bypasses the
// cache manager and FILE_FLAG_WRITE_THROUGH asks the drive to commit each
// write, which is what CrystalDiskMark and DiskSpd measure. The handle is
// opened FILE_FLAG_OVERLAPPED because the I/O manager serialises requests on
// a synchronous handle, which would turn the engine's queue-depth threads
// into queue depth 1; each thread waits on its own request's event. Where the filesystem refuses unbuffered
// I/O (some network and FUSE-like redirectors), buffered I/O bounded by
// FlushFileBuffers.
#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#include <windows.h>

#include <string>

#include "core/bench/bench_io.hpp"

namespace vmstick::bench {
namespace {

namespace fs = std::filesystem;

Error win_error(DWORD err, const std::string& what, const fs::path& where) {
  ErrorCode code = ErrorCode::Io;
  if (err == ERROR_ACCESS_DENIED || err == ERROR_WRITE_PROTECT) code = ErrorCode::PermissionDenied;
  if (err == ERROR_FILE_NOT_FOUND || err == ERROR_PATH_NOT_FOUND) code = ErrorCode::NotFound;
  std::string msg = what + " (Windows error " + std::to_string(err) + ").";
  if (err == ERROR_DISK_FULL || err == ERROR_HANDLE_DISK_FULL) msg += " The drive is full.";
  if (err == ERROR_WRITE_PROTECT) msg += " The drive is write-protected.";
  if (err == ERROR_DEVICE_NOT_CONNECTED || err == ERROR_NOT_READY || err == ERROR_DEV_NOT_EXIST) {
    msg += " The drive may have been removed.";
  }
  return make_error(code, std::move(msg), where.string());
}

class WinBenchFile final : public BenchFile {
 public:
  WinBenchFile(HANDLE h, fs::path path, IoMethod method, std::string reason)
      : h_(h), path_(std::move(path)), method_(method), reason_(std::move(reason)) {}
  ~WinBenchFile() override { CloseHandle(h_); }
  WinBenchFile(const WinBenchFile&) = delete;
  WinBenchFile& operator=(const WinBenchFile&) = delete;

  IoMethod method() const override { return method_; }
  std::string fallback_reason() const override { return reason_; }

  Status write_at(std::uint64_t offset, std::span<const std::byte> data) override {
    auto done = transfer(offset, const_cast<std::byte*>(data.data()), data.size(), true);
    if (!done) return done.error();
    if (*done != data.size()) return win_error(ERROR_DISK_FULL, "Writing the speed test's file failed", path_);
    return Ok{};
  }

  Status read_at(std::uint64_t offset, std::span<std::byte> data) override {
    auto done = transfer(offset, data.data(), data.size(), false);
    if (!done) return done.error();
    if (*done != data.size()) {
      return make_error(ErrorCode::Io, "The speed test's file is shorter than what was written to it.", path_.string());
    }
    return Ok{};
  }

  Status flush() override {
    if (!FlushFileBuffers(h_)) return win_error(GetLastError(), "Flushing the speed test's file failed", path_);
    return Ok{};
  }

  // Windows has no per-file "forget cached pages"; flushing and reopening
  // unbuffered is the usual trick, but an unbuffered reopen is what failed.
  // The caveat on FlushBounded results covers the reads served from cache.
  Status drop_cache() override { return method_ == IoMethod::Direct ? Status(Ok{}) : flush(); }

  bool still_present() const override {
    BY_HANDLE_FILE_INFORMATION info{};
    if (!GetFileInformationByHandle(h_, &info)) return false;
    return info.nNumberOfLinks > 0 && GetFileAttributesW(path_.c_str()) != INVALID_FILE_ATTRIBUTES;
  }

 private:
  // One positional request on the overlapped handle, waited for here.
  Result<DWORD> transfer(std::uint64_t offset, std::byte* buf, std::size_t size, bool write) {
    OVERLAPPED ov{};
    ov.Offset = static_cast<DWORD>(offset & 0xffffffffu);
    ov.OffsetHigh = static_cast<DWORD>(offset >> 32);
    ov.hEvent = CreateEventW(nullptr, TRUE, FALSE, nullptr);
    if (!ov.hEvent) return win_error(GetLastError(), "Cannot create an I/O event", path_);
    const DWORD len = static_cast<DWORD>(size);
    BOOL ok = write ? WriteFile(h_, buf, len, nullptr, &ov) : ReadFile(h_, buf, len, nullptr, &ov);
    DWORD err = ok ? ERROR_SUCCESS : GetLastError();
    DWORD done = 0;
    if (ok || err == ERROR_IO_PENDING) {
      err = GetOverlappedResult(h_, &ov, &done, TRUE) ? ERROR_SUCCESS : GetLastError();
    }
    CloseHandle(ov.hEvent);
    if (err != ERROR_SUCCESS) {
      return win_error(err, write ? "Writing the speed test's file failed" : "Reading the speed test's file failed",
                       path_);
    }
    return done;
  }

  HANDLE h_;
  fs::path path_;
  IoMethod method_;
  std::string reason_;
};

class WinBenchIo final : public BenchIo {
 public:
  // The size is not reserved: there is no early probe write here to land
  // apart from the rest, which is what made reserving worth it on Linux.
  // (FileAllocationInfo would reserve it; not done, not measured.)
  Result<std::unique_ptr<BenchFile>> create(const fs::path& file, std::uint64_t /*size*/) override {
    constexpr DWORD kShare = FILE_SHARE_READ;
    constexpr DWORD kAccess = GENERIC_READ | GENERIC_WRITE;
    HANDLE h = CreateFileW(file.c_str(), kAccess, kShare, nullptr, CREATE_NEW,
                           FILE_ATTRIBUTE_NORMAL | FILE_FLAG_OVERLAPPED | FILE_FLAG_NO_BUFFERING |
                               FILE_FLAG_WRITE_THROUGH,
                           nullptr);
    IoMethod method = IoMethod::Direct;
    std::string reason;
    if (h == INVALID_HANDLE_VALUE && GetLastError() == ERROR_INVALID_PARAMETER) {
      method = IoMethod::FlushBounded;
      reason = "FILE_FLAG_NO_BUFFERING refused";
      h = CreateFileW(file.c_str(), kAccess, kShare, nullptr, CREATE_NEW,
                      FILE_ATTRIBUTE_NORMAL | FILE_FLAG_OVERLAPPED, nullptr);
    }
    if (h == INVALID_HANDLE_VALUE) return win_error(GetLastError(), "Cannot create the speed test's file", file);
    return std::unique_ptr<BenchFile>(std::make_unique<WinBenchFile>(h, file, method, reason));
  }

  Result<std::uint64_t> free_bytes(const fs::path& dir) override {
    ULARGE_INTEGER avail{};
    if (!GetDiskFreeSpaceExW(dir.c_str(), &avail, nullptr, nullptr)) {
      return win_error(GetLastError(), "Cannot read the free space", dir);
    }
    return static_cast<std::uint64_t>(avail.QuadPart);
  }

  bool process_alive(std::int64_t pid) override {
    if (pid <= 0 || pid > 0xffffffffLL) return false;
    HANDLE p = OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, FALSE, static_cast<DWORD>(pid));
    if (!p) return GetLastError() == ERROR_ACCESS_DENIED;  // exists, not ours: alive
    DWORD code = 0;
    const bool running = GetExitCodeProcess(p, &code) && code == STILL_ACTIVE;
    CloseHandle(p);
    return running;
  }

  std::int64_t current_pid() override { return static_cast<std::int64_t>(GetCurrentProcessId()); }

  double now() override {
    LARGE_INTEGER freq{};
    LARGE_INTEGER t{};
    QueryPerformanceFrequency(&freq);
    QueryPerformanceCounter(&t);
    return static_cast<double>(t.QuadPart) / static_cast<double>(freq.QuadPart);
  }
};

}  // namespace

std::unique_ptr<BenchIo> make_platform_bench_io() { return std::make_unique<WinBenchIo>(); }

}  // namespace vmstick::bench
