// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The measured speed of the target drive (the speed test), when the user ran it.
#include <string>

#include "core/fact.hpp"

namespace vmstick {

struct BenchFacts {
  std::string target;  // folder the test file lived in
  Fact<double> seq_read_mbps;
  Fact<double> seq_write_mbps;
};

}  // namespace vmstick
