// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/facts/fact_json.hpp"

namespace vmstick {

// Found by nlohmann-json through argument-dependent lookup in fact_json().
void to_json(nlohmann::json& j, const BenchFigure& f) {
  j = {{"median", f.median}, {"min", f.min}, {"max", f.max}, {"runs", f.runs}, {"unit", f.unit},
       {"class", f.speed_class}};
}

void to_json(nlohmann::json& j, const BenchLatency& l) {
  j = {{"p50_ms", l.p50_ms}, {"p99_ms", l.p99_ms}, {"max_ms", l.max_ms}, {"samples", l.samples}};
}

void to_json(nlohmann::json& j, const BenchCliff& c) {
  j = {{"found", c.found}, {"before_mbps", c.before_mbps}, {"after_mbps", c.after_mbps},
       {"after_mib", c.after_mib}, {"written_mib", c.written_mib}};
}

nlohmann::json to_json(const BenchFacts& b) {
  return {
      {"target", b.target},
      {"seq_read_mbps", fact_json(b.seq_read_mbps)},
      {"seq_write_mbps", fact_json(b.seq_write_mbps)},
      {"method", fact_json(b.method)},
      {"seq_read_qd8", fact_json(b.seq_read_qd8)},
      {"seq_read_qd1", fact_json(b.seq_read_qd1)},
      {"seq_write_qd8", fact_json(b.seq_write_qd8)},
      {"seq_write_qd1", fact_json(b.seq_write_qd1)},
      {"rand_read_qd1", fact_json(b.rand_read_qd1)},
      {"rand_read_qd32", fact_json(b.rand_read_qd32)},
      {"rand_write_qd1", fact_json(b.rand_write_qd1)},
      {"rand_write_qd32", fact_json(b.rand_write_qd32)},
      {"rand_write_latency", fact_json(b.rand_write_latency)},
      {"cache_cliff", fact_json(b.cache_cliff)},
      {"bytes_written", fact_json(b.bytes_written)},
      {"duration_s", fact_json(b.duration_s)},
      {"caveats", b.caveats},
  };
}

}  // namespace vmstick
