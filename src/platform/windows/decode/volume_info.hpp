// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What the Windows volume APIs say about one mounted volume, and how that
// fills the VolumeFacts of the partition it lives on. Pure functions, no
// windows.h: the Windows drive probe gathers a VolumeRecord per volume
// (FindFirstVolumeW, IOCTL_VOLUME_GET_VOLUME_DISK_EXTENTS,
// GetVolumePathNamesForVolumeNameW, GetVolumeInformationW,
// GetDiskFreeSpaceExW, GetDiskFreeSpaceW) and the tests build them by hand.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/facts/drive_facts.hpp"

namespace vmstick::windows_decode {

// GetVolumeInformationW's file-system flag for a read-only volume.
inline constexpr std::uint32_t kFileReadOnlyVolume = 0x00080000;

struct VolumeRecord {
  std::string name;                // \\?\Volume{GUID}\ (UTF-8)
  std::vector<std::string> paths;  // drive letters and mounted folders: "E:\", "C:\mnt\stick\"
  // The one disk extent the volume occupies; a volume spanning several
  // disks (dynamic disks, Storage Spaces) is left unmatched.
  std::optional<std::uint32_t> disk_number;
  std::uint64_t offset{0};
  std::uint64_t length{0};
  std::string extents_error;  // why disk_number is missing
  // GetVolumeInformationW; fs_name empty when the call failed.
  std::string fs_name;  // "NTFS", "FAT32", "FAT", "exFAT", "ReFS", "UDF", "CDFS"
  std::string label;    // UTF-8, as the user typed it
  std::uint32_t serial{0};
  std::uint32_t fs_flags{0};
  std::string info_error;
  // GetDiskFreeSpaceExW (free to the calling user) and GetDiskFreeSpaceW.
  std::optional<std::uint64_t> free_bytes;
  std::optional<std::uint64_t> total_bytes;
  std::optional<std::uint32_t> cluster_bytes;
  std::string space_error;
};

// Windows' file-system name as vmstick's type and version ("FAT32" -> vfat,
// FAT32), so the capability table shared with Linux and macOS applies.
struct FsName {
  std::string type;
  std::optional<std::string> version;
};
std::optional<FsName> fs_from_windows_name(std::string_view name);

// Fills the volume facts the record answers (filesystem, label, serial,
// mount point, space, read-only), then derives limits and native writers.
void apply_volume_record(const VolumeRecord& r, VolumeFacts& v);

// Gives each partition of disk disk_number the record whose extent starts
// where the partition does; partitions without a mounted volume say so.
void attach_volume_records(std::uint32_t disk_number, std::span<const VolumeRecord> records,
                           std::vector<VolumeFacts>& partitions);

// The record whose mount paths hold path (the longest match, so a volume
// mounted in a folder of C: wins over C: itself), compared case-insensitively
// as Windows does. Used to find the drive behind `--drive E:\VMs`.
const VolumeRecord* volume_holding(std::string_view path, std::span<const VolumeRecord> records);

}  // namespace vmstick::windows_decode
