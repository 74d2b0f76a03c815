// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <CLI/CLI.hpp>
#include <string>

#include "cli/options.hpp"

namespace vmstick::cli {

struct DrivesOptions {
  bool json{false};
  std::string drive;  // also resolve the drive holding this path
};

// `vmstick drives`: every drive the probes see, with USB link and volumes.
void add_drives_command(CLI::App& app, DrivesOptions& opts);
int run_drives_command(const CommonOptions& common, const DrivesOptions& opts, const Backend& backend);

}  // namespace vmstick::cli
