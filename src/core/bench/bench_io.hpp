// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The speed test's only way to touch a drive. The engine (bench_runner.hpp)
// is portable and decides what to read and write; an implementation of this
// interface per OS (src/platform/<os>/bench_io*.cpp) does the I/O with the
// cache bypass that OS offers, and tests substitute a fake with a modelled
// drive so the engine's arithmetic is checked without timing real hardware.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <string>

#include "core/bench/io_buffer.hpp"
#include "core/result.hpp"

namespace vmstick::bench {

// How the I/O avoided the OS cache.
enum class IoMethod {
  Direct,         // O_DIRECT / FILE_FLAG_NO_BUFFERING / F_NOCACHE: the drive sees every request
  FlushBounded,   // buffered I/O; writes are timed up to an fsync, reads after dropping the cache
};

std::string_view to_string(IoMethod m);

// One open test file. Offsets and lengths the engine passes are multiples of
// 4096 and buffers are 4096-aligned, which every direct-I/O API accepts.
// Implementations must allow read_at/write_at from several threads at once
// (positional I/O), because queue depth is made of threads.
class BenchFile {
 public:
  virtual ~BenchFile() = default;
  virtual IoMethod method() const = 0;
  // Why the direct method was not used (empty when it was).
  virtual std::string fallback_reason() const = 0;
  virtual Status write_at(std::uint64_t offset, std::span<const std::byte> data) = 0;
  virtual Status read_at(std::uint64_t offset, std::span<std::byte> data) = 0;
  // Makes the written data durable (fsync/fdatasync, FlushFileBuffers,
  // F_FULLFSYNC). Timed as part of every write run.
  virtual Status flush() = 0;
  // Before a read run with FlushBounded: asks the OS to forget the cached
  // pages so reads reach the drive. No-op for Direct.
  virtual Status drop_cache() = 0;
  // False once the file was deleted or its folder vanished under us (the
  // drive unplugged, someone removed the folder): the figures would no
  // longer be about the drive.
  virtual bool still_present() const = 0;
};

class BenchIo {
 public:
  virtual ~BenchIo() = default;
  // Creates a new file (fails if it exists) for reading and writing, with
  // the cache bypass if the filesystem allows it. `size` is what the test
  // will write into it: a backend that can reserve the blocks up front
  // without writing them does (Linux), so the file lies in one piece as a
  // preallocated VM image does, and a drive too full for it fails here,
  // before any write. Where that is not possible the file grows as written.
  virtual Result<std::unique_ptr<BenchFile>> create(const std::filesystem::path& file, std::uint64_t size) = 0;
  // Bytes an unprivileged writer may still use on the filesystem of dir.
  virtual Result<std::uint64_t> free_bytes(const std::filesystem::path& dir) = 0;
  // Whether a process with this id runs (a lock's owner). True when unsure,
  // so the cleaner never removes a live run's folder.
  virtual bool process_alive(std::int64_t pid) = 0;
  virtual std::int64_t current_pid() = 0;
  // Seconds on a monotonic clock; the fake advances it per request.
  virtual double now() = 0;
  // Memory for one thread's requests, allocated before a run's clock starts.
  // Heap memory unless the OS has a better kind: where a page is smaller
  // than a request, how its pages happen to lie in physical memory decides
  // whether the request reaches the drive whole or split (see the Linux
  // implementation), and that is luck of the test program, not the drive.
  // Throws std::bad_alloc like the heap.
  virtual IoBuffer buffer(std::size_t size) { return heap_io_buffer(size); }
};

// Defined by the platform library this build links (like
// make_platform_backend()); nullptr where no implementation exists.
std::unique_ptr<BenchIo> make_platform_bench_io();

}  // namespace vmstick::bench
