// SPDX-License-Identifier: GPL-3.0-or-later
// Stable names of the plan's enums: used in the plan's JSON and its tests.
#include <algorithm>
#include <array>
#include <cctype>
#include <string>
#include <utility>

#include "core/plan/plan.hpp"

namespace vmstick::plan {
namespace {

template <class E, std::size_t N>
std::optional<E> lookup(const std::array<std::pair<std::string_view, E>, N>& table, std::string_view s) {
  std::string lower(s);
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (const auto& [name, value] : table)
    if (name == lower) return value;
  return std::nullopt;
}

}  // namespace

std::string_view to_string(Os v) {
  switch (v) {
    case Os::Windows: return "windows";
    case Os::MacOS: return "macos";
    case Os::Linux: return "linux";
  }
  return "?";
}

std::string_view to_string(Hypervisor v) {
  switch (v) {
    case Hypervisor::VirtualBox: return "virtualbox";
    case Hypervisor::VMware: return "vmware";
    case Hypervisor::HyperV: return "hyperv";
    case Hypervisor::Qemu: return "qemu";
  }
  return "?";
}

std::string_view to_string(Filesystem v) {
  switch (v) {
    case Filesystem::exFAT: return "exfat";
    case Filesystem::NTFS: return "ntfs";
    case Filesystem::ext4: return "ext4";
    case Filesystem::APFS: return "apfs";
    case Filesystem::FAT32: return "fat32";
  }
  return "?";
}

std::string_view to_string(ImageFormat v) {
  switch (v) {
    case ImageFormat::VDI: return "vdi";
    case ImageFormat::VMDK: return "vmdk";
    case ImageFormat::VHD: return "vhd";
    case ImageFormat::VHDX: return "vhdx";
    case ImageFormat::QCOW2: return "qcow2";
  }
  return "?";
}

std::string_view to_string(Variant v) {
  switch (v) {
    case Variant::fixed: return "fixed";
    case Variant::dynamic: return "dynamic";
    case Variant::split2g_fixed: return "split2g-fixed";
    case Variant::split2g_dynamic: return "split2g-dynamic";
  }
  return "?";
}

std::string_view to_string(SpeedClass v) {
  switch (v) {
    case SpeedClass::unknown: return "unknown";
    case SpeedClass::too_slow: return "too-slow";
    case SpeedClass::usable: return "usable";
    case SpeedClass::good: return "good";
    case SpeedClass::fast: return "fast";
  }
  return "?";
}

std::optional<Os> os_from_string(std::string_view s) {
  static constexpr std::array<std::pair<std::string_view, Os>, 3> t{
      {{"windows", Os::Windows}, {"macos", Os::MacOS}, {"linux", Os::Linux}}};
  return lookup(t, s);
}

std::optional<Hypervisor> hypervisor_from_string(std::string_view s) {
  static constexpr std::array<std::pair<std::string_view, Hypervisor>, 4> t{{{"virtualbox", Hypervisor::VirtualBox},
                                                                            {"vmware", Hypervisor::VMware},
                                                                            {"hyperv", Hypervisor::HyperV},
                                                                            {"qemu", Hypervisor::Qemu}}};
  return lookup(t, s);
}

std::optional<Filesystem> filesystem_from_string(std::string_view s) {
  // Names as blkid, Windows and macOS report them.
  static constexpr std::array<std::pair<std::string_view, Filesystem>, 9> t{{{"exfat", Filesystem::exFAT},
                                                                            {"ntfs", Filesystem::NTFS},
                                                                            {"ntfs3", Filesystem::NTFS},
                                                                            {"ext4", Filesystem::ext4},
                                                                            {"apfs", Filesystem::APFS},
                                                                            {"fat32", Filesystem::FAT32},
                                                                            {"vfat", Filesystem::FAT32},
                                                                            {"msdos", Filesystem::FAT32},
                                                                            {"fat", Filesystem::FAT32}}};
  return lookup(t, s);
}

std::optional<ImageFormat> format_from_string(std::string_view s) {
  static constexpr std::array<std::pair<std::string_view, ImageFormat>, 6> t{{{"vdi", ImageFormat::VDI},
                                                                             {"vmdk", ImageFormat::VMDK},
                                                                             {"vhd", ImageFormat::VHD},
                                                                             {"vpc", ImageFormat::VHD},
                                                                             {"vhdx", ImageFormat::VHDX},
                                                                             {"qcow2", ImageFormat::QCOW2}}};
  return lookup(t, s);
}

std::string quote_posix(std::string_view s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') out += "'\\''";
    else out += c;
  }
  return out + "'";
}

std::string quote_powershell(std::string_view s) {
  // Single-quoted PowerShell strings expand nothing; ' is written twice.
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') out += "''";
    else out += c;
  }
  return out + "'";
}

}  // namespace vmstick::plan
