// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <string>

#include "core/findings/catalog.hpp"

namespace vmstick {

// docs/findings.md, generated from the catalog so the docs cannot drift from
// what the CLI, the GUI and the reports say (a ctest compares them).
std::string catalog_markdown(const Catalog& catalog);

}  // namespace vmstick
