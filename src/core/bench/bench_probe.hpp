// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <memory>

#include "core/bench/bench_io.hpp"
#include "core/probe.hpp"

namespace vmstick::bench {

// The speed test as a probe: runs only with the user's consent
// (CheckRequest::bench) on the folder CheckRequest::drive names. A backend
// registers it with its own BenchIo (nullptr: "not supported on this OS").
std::unique_ptr<Probe> make_bench_probe(std::shared_ptr<BenchIo> io);

}  // namespace vmstick::bench
