// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// udev's view of a device: the database file /run/udev/data/b<maj>:<min>
// ("E:KEY=value" lines among S:, L:, I: and G: lines) or a uevent file
// ("KEY=value" lines; umockdev and some containers carry the ID_* keys there).
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace vmstick {

using UdevProperties = std::map<std::string, std::string, std::less<>>;

// Both layouts; other line types are skipped. At most 4096 keys.
UdevProperties parse_udev_properties(std::string_view text);

// Decodes udev's \xNN escapes (ID_MODEL_ENC, ID_FS_LABEL_ENC).
std::string udev_unescape(std::string_view s);

// The value, or nullopt when absent or empty.
std::optional<std::string> udev_get(const UdevProperties& props, std::string_view key);

}  // namespace vmstick
