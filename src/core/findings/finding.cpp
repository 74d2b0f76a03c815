// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/findings/finding.hpp"

#include <array>

namespace vmstick {
namespace {

constexpr std::array<std::pair<Severity, std::string_view>, 4> kSeverities{{
    {Severity::ok, "ok"}, {Severity::info, "info"}, {Severity::warning, "warning"}, {Severity::blocker, "blocker"}}};

constexpr std::array<std::pair<Area, std::string_view>, 6> kAreas{{
    {Area::virtualization, "virtualization"},
    {Area::hypervisor_conflicts, "hypervisor_conflicts"},
    {Area::usb_link, "usb_link"},
    {Area::filesystem_layout, "filesystem_layout"},
    {Area::storage_speed, "storage_speed"},
    {Area::image_fit, "image_fit"},
}};

template <class E, std::size_t N>
std::string_view name_of(const std::array<std::pair<E, std::string_view>, N>& table, E e) {
  for (const auto& [value, name] : table) {
    if (value == e) return name;
  }
  return "?";
}

template <class E, std::size_t N>
std::optional<E> value_of(const std::array<std::pair<E, std::string_view>, N>& table, std::string_view s) {
  for (const auto& [value, name] : table) {
    if (name == s) return value;
  }
  return std::nullopt;
}

}  // namespace

std::string_view to_string(Severity s) { return name_of(kSeverities, s); }
std::string_view to_string(Area a) { return name_of(kAreas, a); }
std::optional<Severity> severity_from_string(std::string_view s) { return value_of(kSeverities, s); }
std::optional<Area> area_from_string(std::string_view s) { return value_of(kAreas, s); }

}  // namespace vmstick
