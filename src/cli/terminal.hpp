// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <string_view>

namespace vmstick::cli {

// Progress goes to stderr only when a person is watching it.
bool stderr_is_terminal();

// Draws "step [#####     ] 50%" on one stderr line; fraction < 0 shows the
// step alone. Call finish_progress() before printing anything else.
void draw_progress(std::string_view step, double fraction);
void finish_progress();

}  // namespace vmstick::cli
