// SPDX-License-Identifier: GPL-3.0-or-later
// One libFuzzer target; VMSTICK_FUZZ_TARGET names the parser (set by CMake).
#include <cstddef>
#include <cstdint>

#include "fuzz_entries.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const vmstick::fuzz::Entry run = vmstick::fuzz::entry(VMSTICK_FUZZ_TARGET);
  run(data, size);
  return 0;
}
