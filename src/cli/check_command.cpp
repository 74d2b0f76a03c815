// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/check_command.hpp"

#include <fmt/format.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "core/atomic_write.hpp"
#include "core/engine/check.hpp"
#include "core/log/log.hpp"
#include "core/report/html_report.hpp"
#include "core/report/json_report.hpp"
#include "core/report/redact.hpp"
#include "core/report/report_resources.hpp"
#include "cli/stop_signals.hpp"
#include "cli/terminal.hpp"
#include "core/report/text_summary.hpp"

namespace vmstick::cli {
namespace {

// Writes one report file and says where; false after logging the reason.
bool write_report(const std::string& file, const std::string& content, std::string_view what) {
  if (auto st = write_file_atomically(file, content); !st) {
    log::get("cli")->error("cannot write the {} report: {}", what, st.error().describe());
    return false;
  }
  std::error_code ec;
  auto abs = std::filesystem::absolute(file, ec);
  std::fputs(fmt::format("{} report written to {}\n", what, (ec ? std::filesystem::path(file) : abs).string()).c_str(),
             stdout);
  return true;
}

}  // namespace

void add_check_command(CLI::App& app, CheckOptions& opts) {
  auto* cmd = app.add_subcommand("check", "Check this computer (and a drive and image) for running a VM from USB");
  cmd->add_option("--json", opts.json_file, "Write the full report as JSON to FILE")->option_text("FILE");
  cmd->add_option("--html", opts.html_file, "Write a self-contained HTML report to FILE")->option_text("FILE");
  cmd->add_flag("--redact", opts.redact, "Remove serial numbers, user names and host names from the reports");
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
  const bool show_progress = !common.quiet && stderr_is_terminal();
  ProgressFn progress;
  const Lang progress_lang = pick_language(common);
  if (show_progress) {
    progress = [progress_lang](std::string_view step, double fraction) {
      draw_progress(progress_text(step, progress_lang), fraction);
    };
  }
  ProbeContext ctx{paths, request, cancel, progress};

  ProbeRegistry probes;
  register_core_probes(probes);
  backend.register_probes(probes);
  RuleRegistry rules;
  register_builtin_rules(rules);
  const Catalog& catalog = Catalog::builtin();

  CheckResult result = [&] {
    // Ctrl+C during --bench stops the speed test cleanly (its temp file is
    // removed) and the report says the check was cancelled.
    const StopSignalsCancel stop_on_ctrl_c(cancel);
    return run_check(probes, rules, catalog, ctx, backend.name());
  }();
  if (show_progress) finish_progress();
  const Lang lang = pick_language(common);
  const FixOs os = host_fix_os(backend);

  std::fputs(text_summary(result, catalog, lang, os).c_str(), stdout);

  if (!opts.json_file.empty() || !opts.html_file.empty()) {
    nlohmann::json report = report_json(result, catalog, lang, os);
    if (opts.redact) redact_report(report, redaction_context_from_environment(paths));
    if (!opts.json_file.empty() && !write_report(opts.json_file, report.dump(2) + "\n", "JSON")) return kExitError;
    if (!opts.html_file.empty()) {
      auto html = render_html_report(report, lang);
      if (!html) {
        log::get("cli")->error("cannot render the HTML report: {}", html.error().describe());
        return kExitError;
      }
      if (!write_report(opts.html_file, *html, "HTML")) return kExitError;
    }
  }
  // A cancelled check is incomplete: its findings cannot vouch for the VM.
  if (result.cancelled) {
    std::fputs("vmstick check: cancelled; the results above are incomplete.\n", stderr);
    return kExitError;
  }
  return exit_code_for(worst(result.findings));
}

}  // namespace vmstick::cli
