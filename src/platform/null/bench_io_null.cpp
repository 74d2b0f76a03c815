// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/bench/bench_io.hpp"

namespace vmstick::bench {

// No speed test on an OS without a backend: callers say "not supported".
std::unique_ptr<BenchIo> make_platform_bench_io() { return nullptr; }

}  // namespace vmstick::bench
