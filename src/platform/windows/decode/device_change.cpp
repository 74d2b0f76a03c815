// SPDX-License-Identifier: GPL-3.0-or-later
#include "platform/windows/decode/device_change.hpp"

#include <cstring>

namespace vmstick::windows_decode {
namespace {

// Callers have checked the bounds; byte by byte so the host's byte order and
// the record's alignment do not matter.
std::uint32_t le32(std::span<const std::uint8_t> b, std::size_t at) {
  return static_cast<std::uint32_t>(b[at]) | static_cast<std::uint32_t>(b[at + 1]) << 8 |
         static_cast<std::uint32_t>(b[at + 2]) << 16 | static_cast<std::uint32_t>(b[at + 3]) << 24;
}

std::uint16_t le16(std::span<const std::uint8_t> b, std::size_t at) {
  return static_cast<std::uint16_t>(b[at] | b[at + 1] << 8);
}

std::vector<std::string> letters_of(std::uint32_t unit_mask) {
  std::vector<std::string> out;
  for (int bit = 0; bit < 26; ++bit) {  // bit 0 is A:; higher bits name no drive
    if (unit_mask & (1u << bit)) out.push_back(std::string{static_cast<char>('A' + bit), ':'});
  }
  return out;
}

// A record larger than this is not one Windows sent (the biggest, a device
// interface, holds one device path); reading it would run into other memory.
constexpr std::uint32_t kMaxRecordBytes = 64 * 1024;

}  // namespace

std::optional<DriveChange> decode_device_change(std::uintptr_t wparam, std::span<const std::uint8_t> record) {
  // Query/pending removals are followed by REMOVECOMPLETE, or by nothing when
  // the removal is vetoed; DEVNODES_CHANGED and CONFIGCHANGED say nothing
  // about drives and fire for every mouse and dock.
  if (wparam != kDbtDeviceArrival && wparam != kDbtDeviceRemoveComplete) return std::nullopt;
  if (record.size() < kBroadcastHeaderBytes) return std::nullopt;
  const std::uint32_t declared = le32(record, 0);
  if (declared > record.size()) return std::nullopt;
  const auto valid = record.first(declared);
  DriveChange change;
  change.arrival = wparam == kDbtDeviceArrival;
  switch (le32(valid, 4)) {
    case kDbtDevtypVolume: {
      if (valid.size() < kBroadcastVolumeBytes) return std::nullopt;
      // A mapped network drive gets a letter too, but no drive to check.
      if (le16(valid, 16) & kDbtfNet) return std::nullopt;
      change.letters = letters_of(le32(valid, 12));
      if (change.letters.empty()) return std::nullopt;
      return change;
    }
    case kDbtDevtypDeviceInterface:
      // The monitor registers only for disk and volume interfaces, so the
      // class GUID needs no check; the size check rejects a cut record.
      if (valid.size() < kBroadcastInterfaceBytes) return std::nullopt;
      return change;
    default:  // ports, handles, OEM, network adapters
      return std::nullopt;
  }
}

std::span<const std::uint8_t> broadcast_record(const void* lparam) {
  if (!lparam) return {};
  std::uint32_t size = 0;
  std::memcpy(&size, lparam, sizeof size);  // dbch_size, in the host's (Windows: little-endian) order
  if (size > kMaxRecordBytes) return {};
  return {static_cast<const std::uint8_t*>(lparam), size};
}

}  // namespace vmstick::windows_decode
