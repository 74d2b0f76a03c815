// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <memory>

#include "core/probe.hpp"

namespace vmstick::image {

std::unique_ptr<Probe> make_image_probe();

}  // namespace vmstick::image
