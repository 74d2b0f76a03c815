// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <CLI/CLI.hpp>

namespace vmstick::cli {

// `vmstick catalog`: every finding vmstick can report, as Markdown.
void add_catalog_command(CLI::App& app);
int run_catalog_command();

}  // namespace vmstick::cli
