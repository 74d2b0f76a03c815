// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <filesystem>
#include <string_view>

#include "core/result.hpp"

namespace vmstick {

// Writes through a temporary file in the same folder and renames it into
// place, so a reader never sees half a report and a full disk never
// truncates an existing one.
Status write_file_atomically(const std::filesystem::path& path, std::string_view content);

}  // namespace vmstick
