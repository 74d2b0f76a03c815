// SPDX-License-Identifier: GPL-3.0-or-later
#include <unistd.h>

#include "cli/terminal.hpp"

namespace vmstick::cli {

bool stderr_is_terminal() { return isatty(STDERR_FILENO) == 1; }

}  // namespace vmstick::cli
