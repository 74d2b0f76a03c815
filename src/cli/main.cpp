// SPDX-License-Identifier: GPL-3.0-or-later
// vmstick — command-line front end. Thin: parses options, asks the core, prints.
#include <CLI/CLI.hpp>
#include <cstdio>

#include "cli/catalog_command.hpp"
#include "cli/bench_command.hpp"
#include "cli/check_command.hpp"
#include "cli/drives_command.hpp"
#include "cli/host_command.hpp"
#include "cli/image_command.hpp"
#include "cli/options.hpp"
#include "core/version.hpp"

int main(int argc, char** argv) {
  using namespace vmstick::cli;
  CLI::App app{"vmstick — will this VM run well from this USB stick on this computer?", "vmstick"};
  app.set_version_flag("--version", std::string("vmstick ") + vmstick::kVersion);
  app.require_subcommand(1);
  // Lets common options such as --root also follow the subcommand name.
  app.fallthrough();

  CommonOptions common;
  add_common_options(app, common);
  CheckOptions check;
  add_check_command(app, check);
  add_catalog_command(app);
  DrivesOptions drives;
  add_drives_command(app, drives);
  HostOptions host;
  add_host_command(app, host);
  BenchOptions bench;
  add_bench_command(app, bench);
  ImageOptions image;
  add_image_command(app, image);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // --help and --version are "errors" with exit code 0 in CLI11.
    int rc = app.exit(e);
    return rc == 0 ? kExitOk : kExitError;
  }

  auto backend = vmstick::make_platform_backend();
  setup_logging(common, *backend);
  if (app.got_subcommand("check")) return run_check_command(common, check, *backend);
  if (app.got_subcommand("catalog")) return run_catalog_command();
  if (app.got_subcommand("drives")) return run_drives_command(common, drives, *backend);
  if (app.got_subcommand("host")) return run_host_command(common, host, *backend);
  if (app.got_subcommand("bench")) return run_bench_command(common, bench, *backend);
  if (app.got_subcommand("image")) return run_image_command(common, image, *backend);
  return kExitError;
}
