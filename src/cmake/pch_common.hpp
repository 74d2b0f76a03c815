// SPDX-License-Identifier: GPL-3.0-or-later
// Precompiled for every first-party target: the heavy headers most sources
// include. Only speeds up the build; every source still includes what it uses.
#pragma once
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>
