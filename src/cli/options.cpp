// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/options.hpp"

#include <cstdlib>

#include "core/log/log.hpp"

namespace vmstick::cli {

int exit_code_for(Severity worst) {
  switch (worst) {
    case Severity::ok:
    case Severity::info: return kExitOk;
    case Severity::warning: return kExitWarnings;
    case Severity::blocker: return kExitBlockers;
  }
  return kExitError;
}

void add_common_options(CLI::App& app, CommonOptions& opts) {
  app.add_flag("-v,--verbose", opts.verbose, "Log debug details to stderr");
  app.add_flag("-q,--quiet", opts.quiet, "Print only the result; no log lines on stderr");
  app.add_option("--root", opts.root,
                 "Read the OS from this folder instead of / (a recorded machine: proc/, sys/, dev/, run/udev/)")
      ->check(CLI::ExistingDirectory);
  app.add_option("--lang", opts.lang, "Language of the output: en or zh_CN (default: from the locale)")
      ->check(CLI::IsMember({"en", "zh_CN", "zh-CN", "zh"}));
}

void setup_logging(const CommonOptions& opts, const Backend& backend) {
  log::Options lo;
  lo.verbose = opts.verbose;
  lo.quiet = opts.quiet;
  const auto dir = backend.log_dir();
  if (!dir.empty()) lo.file = dir / "vmstick.log";
  if (auto st = log::init(lo); !st) {
    // Not fatal: the user still gets the result, just no log file.
    log::get("cli")->warn("{}", st.error().describe());
  }
}

Lang pick_language(const CommonOptions& opts) {
  if (!opts.lang.empty()) return lang_from_string(opts.lang).value_or(Lang::en);
  for (const char* var : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
    const char* value = std::getenv(var);
    if (value && *value) return lang_from_string(value).value_or(Lang::en);
  }
  return Lang::en;
}

FixOs host_fix_os(const Backend& backend) { return fix_os_for_backend(backend.name()); }

}  // namespace vmstick::cli
