// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <CLI/CLI.hpp>
#include <string>

#include "cli/options.hpp"

namespace vmstick::cli {

struct CheckOptions {
  std::string json_file;
  std::string html_file;
  bool redact{false};  // remove serials, user and host names from the reports
  std::string drive;  // folder, mount point or device to run the VM from
  std::string image;  // disk image, VM folder or VM configuration
  bool bench{false};  // consent to write the speed test's temp file on the drive
  std::vector<std::string> run_on;  // OSes the VM should run on
};

// `vmstick check`: every probe and rule; summary on stdout, reports to files.
void add_check_command(CLI::App& app, CheckOptions& opts);
int run_check_command(const CommonOptions& common, const CheckOptions& opts, const Backend& backend);

}  // namespace vmstick::cli
