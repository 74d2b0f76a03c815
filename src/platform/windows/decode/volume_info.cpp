// SPDX-License-Identifier: GPL-3.0-or-later
#include "platform/windows/decode/volume_info.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "core/probes/drive/volume_derive.hpp"

namespace vmstick::windows_decode {
namespace {

constexpr const char* kInfo = "GetVolumeInformationW";

bool iequal_prefix(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    const auto a = static_cast<unsigned char>(s[i]);
    const auto b = static_cast<unsigned char>(prefix[i]);
    const bool sep = (a == '\\' || a == '/') && (b == '\\' || b == '/');
    if (!sep && std::tolower(a) != std::tolower(b)) return false;
  }
  return true;
}

// "E:\" holds "E:\VMs" and "e:/vms/disk.vdi"; "C:\mnt\stick\" holds the
// folder itself named without its trailing backslash.
bool path_within(std::string_view path, std::string_view root) {
  if (root.empty()) return false;
  const bool root_ends_sep = root.back() == '\\' || root.back() == '/';
  if (iequal_prefix(path, root)) {
    if (root_ends_sep || path.size() == root.size()) return true;
    const char next = path[root.size()];
    return next == '\\' || next == '/';
  }
  return root_ends_sep && path.size() + 1 == root.size() && iequal_prefix(root, path);
}

}  // namespace

std::optional<FsName> fs_from_windows_name(std::string_view name) {
  if (name == "FAT32") return FsName{"vfat", "FAT32"};
  // Windows names FAT12 and FAT16 alike; both cap a file below 2 GiB.
  if (name == "FAT") return FsName{"vfat", "FAT12/16"};
  if (name == "exFAT") return FsName{"exfat", std::nullopt};
  if (name == "NTFS") return FsName{"ntfs", std::nullopt};
  if (name == "ReFS") return FsName{"refs", std::nullopt};
  if (name == "UDF") return FsName{"udf", std::nullopt};
  if (name == "CDFS") return FsName{"iso9660", std::nullopt};
  return std::nullopt;
}

void apply_volume_record(const VolumeRecord& r, VolumeFacts& v) {
  if (!r.paths.empty()) {
    v.mount_point = Fact<std::string>::known(r.paths.front(), "GetVolumePathNamesForVolumeNameW");
  } else {
    v.mount_point = Fact<std::string>::unknown("the volume has no drive letter or mount folder");
  }
  // Windows has no per-mount options; its removal policy (quick removal vs
  // better performance) plays that part and is not read here.
  v.mount_options = Fact<std::string>::unknown("Windows volumes have no mount options");
  v.mounted_sync = Fact<bool>::unknown("the disk's removal policy is not read on Windows");

  if (r.fs_name.empty()) {
    const std::string why = r.info_error.empty() ? std::string(kInfo) + " returned no file system" : r.info_error;
    v.fs_type = Fact<std::string>::unknown(why);
    v.fs_version = Fact<std::string>::unknown(why);
    v.label = Fact<std::string>::unknown(why);
    v.uuid = Fact<std::string>::unknown(why);
    v.read_only = Fact<bool>::unknown(why);
  } else {
    if (auto fs = fs_from_windows_name(r.fs_name)) {
      v.fs_type = Fact<std::string>::known(fs->type, std::string(kInfo) + " \"" + r.fs_name + "\"");
      v.fs_version = fs->version ? Fact<std::string>::known(*fs->version, std::string(kInfo) + " \"" + r.fs_name + "\"")
                                 : Fact<std::string>::unknown("Windows does not report the " + r.fs_name + " version");
    } else {
      const std::string shown = clean_label(r.fs_name);
      v.fs_type = Fact<std::string>::known("other:" + shown, kInfo);
      v.fs_version = Fact<std::string>::unknown("file system \"" + shown + "\" is not one vmstick knows");
    }
    v.label = Fact<std::string>::known(clean_label(r.label), kInfo);
    v.uuid = Fact<std::string>::known(fmt::format("{:04X}-{:04X}", r.serial >> 16, r.serial & 0xffffu),
                                      std::string(kInfo) + " volume serial number");
    v.read_only = Fact<bool>::known((r.fs_flags & kFileReadOnlyVolume) != 0, std::string(kInfo) + " FILE_READ_ONLY_VOLUME");
  }

  const std::string space_why = r.space_error.empty() ? "free space not reported" : r.space_error;
  v.free_bytes = r.free_bytes ? Fact<std::uint64_t>::known(*r.free_bytes, "GetDiskFreeSpaceExW (free to this user)")
                              : Fact<std::uint64_t>::unknown(space_why);
  v.total_bytes = r.total_bytes ? Fact<std::uint64_t>::known(*r.total_bytes, "GetDiskFreeSpaceExW")
                                : Fact<std::uint64_t>::unknown(space_why);
  v.cluster_bytes = r.cluster_bytes ? Fact<std::uint64_t>::known(*r.cluster_bytes, "GetDiskFreeSpaceW (sectors per cluster x bytes per sector)")
                                    : Fact<std::uint64_t>::unknown(space_why);
  derive_volume_facts(v);
}

void attach_volume_records(std::uint32_t disk_number, std::span<const VolumeRecord> records,
                           std::vector<VolumeFacts>& partitions) {
  for (VolumeFacts& p : partitions) {
    const VolumeRecord* match = nullptr;
    if (p.start_bytes.is_known()) {
      for (const VolumeRecord& r : records) {
        if (r.disk_number && *r.disk_number == disk_number && r.offset == p.start_bytes.value()) match = &r;
      }
    }
    if (match) {
      p.device = Fact<std::string>::known(match->name, "FindFirstVolumeW");
      apply_volume_record(*match, p);
      continue;
    }
    const std::string why = "no mounted volume starts at this partition (unformatted, hidden, or not mounted by Windows)";
    if (!p.fs_type.is_known()) p.fs_type = Fact<std::string>::unknown(why);
    p.mount_point = Fact<std::string>::unknown(why);
    p.free_bytes = Fact<std::uint64_t>::unknown(why);
    p.total_bytes = Fact<std::uint64_t>::unknown(why);
    derive_volume_facts(p);
  }
}

const VolumeRecord* volume_holding(std::string_view path, std::span<const VolumeRecord> records) {
  const VolumeRecord* best = nullptr;
  std::size_t best_len = 0;
  for (const VolumeRecord& r : records) {
    for (const std::string& root : r.paths) {
      if (path_within(path, root) && root.size() > best_len) {
        best = &r;
        best_len = root.size();
      }
    }
  }
  return best;
}

}  // namespace vmstick::windows_decode
