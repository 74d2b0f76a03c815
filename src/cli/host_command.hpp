// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <CLI/CLI.hpp>

#include "cli/options.hpp"

namespace vmstick::cli {

struct HostOptions {
  bool json{false};  // print the host facts and findings as JSON on stdout
};

// `vmstick host`: only the host probe and host rules — what this computer can
// do for a VM and who holds its virtualization hardware.
void add_host_command(CLI::App& app, HostOptions& opts);
int run_host_command(const CommonOptions& common, const HostOptions& opts, const Backend& backend);

}  // namespace vmstick::cli
