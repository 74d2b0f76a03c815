// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <cstddef>

#include "core/bench/io_buffer.hpp"

namespace vmstick::linux_backend {

// Buffers of kHugePageBufferFrom bytes and more get their own 2 MiB-aligned
// mapping, advised for transparent huge pages: physically contiguous, so a
// 1 MiB request is one memory segment and reaches the drive whole. Why it matters: a queue
// takes a limited number of segments per request (virtio disks: often 254,
// fewer than the 256 pages of 1 MiB), and with ordinary pages whether a
// request was split depended on where the kernel happened to put them.
// Smaller buffers, and any system where the advice is not taken, get
// ordinary memory and work the same.
bench::IoBuffer huge_page_buffer(std::size_t size);

// From this size on a buffer is worth a huge page of its own.
inline constexpr std::size_t kHugePageBufferFrom = 256 * 1024;
inline constexpr std::size_t kHugePage = 2 * 1024 * 1024;

}  // namespace vmstick::linux_backend
