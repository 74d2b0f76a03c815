// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/bench/io_buffer.hpp"

#include <new>
#include <utility>

#include "core/bench/bench_plan.hpp"

namespace vmstick::bench {

IoBuffer& IoBuffer::operator=(IoBuffer&& other) noexcept {
  if (this != &other) {
    reset();
    data_ = std::exchange(other.data_, nullptr);
    size_ = std::exchange(other.size_, 0);
    reserved_ = std::exchange(other.reserved_, 0);
    release_ = std::exchange(other.release_, nullptr);
  }
  return *this;
}

void IoBuffer::reset() noexcept {
  if (data_ && release_) release_(data_, reserved_);
  data_ = nullptr;
  size_ = reserved_ = 0;
}

IoBuffer heap_io_buffer(std::size_t size) {
  auto* data = static_cast<std::byte*>(::operator new(size, std::align_val_t{kAlign}));
  return IoBuffer(data, size, size, [](std::byte* p, std::size_t) noexcept {
    ::operator delete(p, std::align_val_t{kAlign});
  });
}

}  // namespace vmstick::bench
