// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Turns a speed-test outcome into BenchFacts: figures with the test as their
// source, or every figure unknown with the error as the reason.
#include "core/bench/bench_result.hpp"
#include "core/facts/bench_facts.hpp"

namespace vmstick::bench {

BenchFacts to_bench_facts(const BenchResult& result);
BenchFacts to_bench_facts_failed(const std::string& target, const Error& error);

}  // namespace vmstick::bench
