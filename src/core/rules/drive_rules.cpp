// SPDX-License-Identifier: GPL-3.0-or-later
// Rules about the target drive: USB link, power, transport, filesystem and layout.
#include "core/rules/rule.hpp"

namespace vmstick {

void register_drive_rules(RuleRegistry& registry) {
  // This area's rules are registered here as they are written.
  (void)registry;
}

}  // namespace vmstick
