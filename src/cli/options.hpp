// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Options every subcommand shares, and the exit codes the CLI promises.
#include <CLI/CLI.hpp>
#include <optional>
#include <string>

#include "core/backend.hpp"
#include "core/findings/catalog.hpp"
#include "core/findings/finding.hpp"

namespace vmstick::cli {

// Documented in the man page and README; scripts rely on them.
enum ExitCode : int { kExitOk = 0, kExitWarnings = 1, kExitBlockers = 2, kExitError = 3 };

int exit_code_for(Severity worst);

struct CommonOptions {
  bool verbose{false};
  bool quiet{false};
  std::string root;  // replay a recorded machine instead of the live one
  std::string lang;  // "en", "zh_CN"; empty: from the locale
};

void add_common_options(CLI::App& app, CommonOptions& opts);

// Logging to stderr and the per-user log file.
void setup_logging(const CommonOptions& opts, const Backend& backend);

// The language to print in: --lang, else LC_ALL/LC_MESSAGES/LANG, else English.
Lang pick_language(const CommonOptions& opts);

// The OS whose fixes to print: the host's.
FixOs host_fix_os(const Backend& backend);

}  // namespace vmstick::cli
