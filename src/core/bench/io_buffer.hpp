// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Memory one request is written from or read into. Owned, 4096-aligned (what
// every direct-I/O API accepts), released by whoever allocated it, so an OS
// backend can hand out memory of its own kind (bench_io.hpp, BenchIo::buffer).
#include <cstddef>
#include <span>

namespace vmstick::bench {

class IoBuffer {
 public:
  // Frees what the allocator handed out: data and the length it reserved
  // (which may exceed size, as a huge-page mapping does).
  using Release = void (*)(std::byte* data, std::size_t reserved) noexcept;

  IoBuffer(std::byte* data, std::size_t size, std::size_t reserved, Release release) noexcept
      : data_(data), size_(size), reserved_(reserved), release_(release) {}
  ~IoBuffer() { reset(); }
  IoBuffer(IoBuffer&& other) noexcept { *this = std::move(other); }
  IoBuffer& operator=(IoBuffer&& other) noexcept;
  IoBuffer(const IoBuffer&) = delete;
  IoBuffer& operator=(const IoBuffer&) = delete;

  std::byte* data() const { return data_; }
  std::size_t size() const { return size_; }
  std::span<std::byte> bytes() const { return {data_, size_}; }

 private:
  void reset() noexcept;
  std::byte* data_{nullptr};
  std::size_t size_{0};
  std::size_t reserved_{0};
  Release release_{nullptr};
};

// Heap memory, 4096-aligned: the portable buffer. Throws std::bad_alloc.
IoBuffer heap_io_buffer(std::size_t size);

}  // namespace vmstick::bench
