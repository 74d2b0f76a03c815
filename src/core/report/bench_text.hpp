// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The speed test's result as `vmstick bench` prints it, in the reader's
// language: one line per figure with its spread and class, the write latency,
// the sustained-write verdict and what was written.
#include <string>

#include "core/bench/bench_plan.hpp"
#include "core/bench/bench_result.hpp"
#include "core/findings/catalog.hpp"

namespace vmstick {

std::string bench_text(const bench::BenchResult& result, const bench::Plan& plan, Lang lang);

}  // namespace vmstick
