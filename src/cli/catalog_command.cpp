// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/catalog_command.hpp"

#include <cstdio>

#include "cli/options.hpp"
#include "core/findings/catalog_markdown.hpp"

namespace vmstick::cli {

void add_catalog_command(CLI::App& app) {
  app.add_subcommand("catalog", "Print every finding vmstick can report, with its fixes, as Markdown");
}

int run_catalog_command() {
  std::fputs(catalog_markdown(Catalog::builtin()).c_str(), stdout);
  return kExitOk;
}

}  // namespace vmstick::cli
