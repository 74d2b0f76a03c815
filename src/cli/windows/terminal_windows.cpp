// SPDX-License-Identifier: GPL-3.0-or-later
#include <io.h>

#include <cstdio>

#include "cli/terminal.hpp"

namespace vmstick::cli {

bool stderr_is_terminal() { return _isatty(_fileno(stderr)) != 0; }

}  // namespace vmstick::cli
