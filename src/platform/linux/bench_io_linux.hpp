// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <memory>

#include "core/bench/bench_io.hpp"

namespace vmstick::linux_backend {

// O_DIRECT with positional pread/pwrite; where the filesystem refuses
// O_DIRECT (tmpfs, some FUSE and exFAT setups) buffered I/O bounded by
// fdatasync, with POSIX_FADV_DONTNEED before reads.
std::unique_ptr<bench::BenchIo> make_bench_io();

}  // namespace vmstick::linux_backend
