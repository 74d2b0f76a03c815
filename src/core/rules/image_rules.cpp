// SPDX-License-Identifier: GPL-3.0-or-later
// Rules about the VM image and its configuration.
#include "core/rules/rule.hpp"

namespace vmstick {

void register_image_rules(RuleRegistry& registry) {
  // This area's rules are registered here as they are written.
  (void)registry;
}

}  // namespace vmstick
