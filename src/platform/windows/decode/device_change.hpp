// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Which WM_DEVICECHANGE messages mean "a drive came or went", as a pure
// function over wParam and the DEV_BROADCAST_* record lParam points at (no
// windows.h: the values and layouts are those of the SDK's dbt.h, all
// little-endian DWORDs). The Windows drive monitor asks it about every
// message; the tests feed it hand-made records.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace vmstick::windows_decode {

// wParam values (dbt.h).
inline constexpr std::uintptr_t kDbtDevnodesChanged = 0x0007;
inline constexpr std::uintptr_t kDbtConfigChanged = 0x0018;
inline constexpr std::uintptr_t kDbtDeviceArrival = 0x8000;
inline constexpr std::uintptr_t kDbtDeviceQueryRemove = 0x8001;
inline constexpr std::uintptr_t kDbtDeviceRemovePending = 0x8003;
inline constexpr std::uintptr_t kDbtDeviceRemoveComplete = 0x8004;

// dbch_devicetype values.
inline constexpr std::uint32_t kDbtDevtypVolume = 2;
inline constexpr std::uint32_t kDbtDevtypPort = 3;
inline constexpr std::uint32_t kDbtDevtypDeviceInterface = 5;
inline constexpr std::uint32_t kDbtDevtypHandle = 6;

// dbcv_flags: the volume is a mapped network share, not a drive.
inline constexpr std::uint16_t kDbtfNet = 0x0002;

// Sizes the fields we read need: DEV_BROADCAST_HDR; DEV_BROADCAST_VOLUME up
// to dbcv_flags; DEV_BROADCAST_DEVICEINTERFACE_W up to dbcc_classguid.
inline constexpr std::size_t kBroadcastHeaderBytes = 12;
inline constexpr std::size_t kBroadcastVolumeBytes = 18;
inline constexpr std::size_t kBroadcastInterfaceBytes = 28;

struct DriveChange {
  bool arrival{false};               // false: removal
  std::vector<std::string> letters;  // "E:", "F:" for a volume record; empty for a device interface
};

// nullopt unless wParam is an arrival or a completed removal and the record
// is a local volume or a device interface. A record whose dbch_size exceeds
// the bytes given, or is too small for its type, counts as no change: it is
// never read past either bound.
std::optional<DriveChange> decode_device_change(std::uintptr_t wparam, std::span<const std::uint8_t> record);

// The record lParam points at, sized by its own dbch_size (what Windows
// promises is readable); empty for a null lParam or an implausible size.
std::span<const std::uint8_t> broadcast_record(const void* lparam);

}  // namespace vmstick::windows_decode
