// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/check_command.hpp"

#include <fmt/format.h>

#include <cstdio>
#include <filesystem>

#include "core/atomic_write.hpp"
#include "core/engine/check.hpp"
#include "core/log/log.hpp"
#include "core/report/json_report.hpp"
#include "core/report/text_summary.hpp"

namespace vmstick::cli {

void add_check_command(CLI::App& app, CheckOptions& opts) {
  auto* cmd = app.add_subcommand("check", "Check this computer (and a drive and image) for running a VM from USB");
  cmd->add_option("--json", opts.json_file, "Write the full report as JSON to FILE")->option_text("FILE");
  cmd->add_option("--drive", opts.drive, "The drive to run the VM from: a folder, mount point or device")
      ->option_text("PATH|DEVICE");
  cmd->add_option("--image", opts.image, "The VM to carry: a disk image, VM folder, .vbox, .vmx or libvirt XML")
      ->option_text("PATH");
  cmd->add_option("--run-on", opts.run_on, "OSes the VM should run on (default: all three)")
      ->delimiter(',')
      ->check(CLI::IsMember({"linux", "windows", "macos"}))
      ->option_text("linux,windows,macos");
  cmd->add_flag("--bench", opts.bench,
                "Also measure the drive's speed (writes a temporary test file of at most 256 MiB on it)");
}

int run_check_command(const CommonOptions& common, const CheckOptions& opts, const Backend& backend) {
  const PathStore paths = common.root.empty() ? PathStore() : PathStore(common.root);
  CheckRequest request;
  if (!opts.drive.empty()) request.drive = opts.drive;
  if (!opts.image.empty()) request.image = opts.image;
  request.bench = opts.bench;
  request.run_on = opts.run_on;
  CancelToken cancel;
  ProbeContext ctx{paths, request, cancel, {}};

  ProbeRegistry probes;
  register_core_probes(probes);
  backend.register_probes(probes);
  RuleRegistry rules;
  register_builtin_rules(rules);
  const Catalog& catalog = Catalog::builtin();

  CheckResult result = run_check(probes, rules, catalog, ctx, backend.name());
  const Lang lang = pick_language(common);
  const FixOs os = host_fix_os(backend);

  std::fputs(text_summary(result, catalog, lang, os).c_str(), stdout);

  if (!opts.json_file.empty()) {
    const std::string json = report_json(result, catalog, lang, os).dump(2) + "\n";
    if (auto st = write_file_atomically(opts.json_file, json); !st) {
      log::get("cli")->error("cannot write the JSON report: {}", st.error().describe());
      return kExitError;
    }
    std::error_code ec;
    auto abs = std::filesystem::absolute(opts.json_file, ec);
    std::fputs(fmt::format("JSON report written to {}\n", (ec ? std::filesystem::path(opts.json_file) : abs).string()).c_str(),
               stdout);
  }
  return exit_code_for(worst(result.findings));
}

}  // namespace vmstick::cli
