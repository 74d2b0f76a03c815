// SPDX-License-Identifier: GPL-3.0-or-later
#include "platform/linux/io_buffer_linux.hpp"

#include <sys/mman.h>

#include <cstdint>

namespace vmstick::linux_backend {

bench::IoBuffer huge_page_buffer(std::size_t size) {
  if (size < kHugePageBufferFrom) return bench::heap_io_buffer(size);
  const std::size_t reserved = (size + kHugePage - 1) / kHugePage * kHugePage;
  // Only a 2 MiB-aligned range can be backed by huge pages, and mmap aligns
  // to 4 KiB: map one huge page more and trim both ends.
  void* raw = ::mmap(nullptr, reserved + kHugePage, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (raw == MAP_FAILED) return bench::heap_io_buffer(size);  // throws if memory is really short
  const auto base = reinterpret_cast<std::uintptr_t>(raw);
  const std::uintptr_t aligned = (base + kHugePage - 1) & ~std::uintptr_t{kHugePage - 1};
  const std::uintptr_t end = base + reserved + kHugePage;
  if (aligned > base) ::munmap(raw, aligned - base);
  if (end > aligned + reserved) ::munmap(reinterpret_cast<void*>(aligned + reserved), end - (aligned + reserved));
  // Advice: refused (THP compiled out, or "never") the range keeps ordinary pages.
  (void)::madvise(reinterpret_cast<void*>(aligned), reserved, MADV_HUGEPAGE);
  return bench::IoBuffer(reinterpret_cast<std::byte*>(aligned), size, reserved,
                         [](std::byte* data, std::size_t length) noexcept { ::munmap(data, length); });
}

}  // namespace vmstick::linux_backend
