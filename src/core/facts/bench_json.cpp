// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/facts/fact_json.hpp"

namespace vmstick {

nlohmann::json to_json(const BenchFacts& b) {
  return {
      {"target", b.target},
      {"seq_read_mbps", fact_json(b.seq_read_mbps)},
      {"seq_write_mbps", fact_json(b.seq_write_mbps)},
  };
}

}  // namespace vmstick
