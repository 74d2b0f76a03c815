// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/probe.hpp"
#include "core/probes/image/image_probe.hpp"

namespace vmstick {

void register_core_probes(ProbeRegistry& registry) {
  // OS-independent probes are added here as they are written.
  registry.add(image::make_image_probe());
}

}  // namespace vmstick
