// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "cli/options.hpp"

namespace vmstick::cli {

struct BenchOptions {
  std::string path;       // a folder on the drive to test; naming it is the user's consent
  std::string json_file;
  unsigned size_mib{64};  // test file size
  std::vector<std::string> only;  // phase ids to measure; empty: all
};

// `vmstick bench PATH`: the drive speed test alone, with progress on a
// terminal and Ctrl+C / SIGTERM cancelling cleanly (the temp file removed).
void add_bench_command(CLI::App& app, BenchOptions& opts);
int run_bench_command(const CommonOptions& common, const BenchOptions& opts, const Backend& backend);

}  // namespace vmstick::cli
