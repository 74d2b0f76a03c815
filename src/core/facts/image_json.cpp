// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/facts/fact_json.hpp"

namespace vmstick {

nlohmann::json to_json(const ImageFacts& i) {
  return {
      {"path", i.path},
      {"format", fact_json(i.format)},
      {"virtual_size_bytes", fact_json(i.virtual_size_bytes)},
      {"guest_arch", fact_json(i.guest_arch)},
  };
}

}  // namespace vmstick
