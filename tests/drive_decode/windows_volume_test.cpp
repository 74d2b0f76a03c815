// SPDX-License-Identifier: GPL-3.0-or-later
// The Windows volume records (what GetVolumeInformationW, the disk-extents
// IOCTL and GetDiskFreeSpaceExW return) mapped onto partitions.
#include <catch2/catch.hpp>

#include "platform/windows/decode/volume_info.hpp"

using namespace vmstick;
using namespace vmstick::windows_decode;

namespace {

constexpr std::uint64_t MiB = 1ull << 20, GiB = 1ull << 30;

VolumeFacts partition(std::uint32_t number, std::uint64_t start) {
  VolumeFacts v;
  v.id = "\\\\.\\PhysicalDrive2#" + std::to_string(number);
  v.number = Fact<std::uint32_t>::known(number, "test");
  v.start_bytes = Fact<std::uint64_t>::known(start, "test");
  return v;
}

VolumeRecord fat32_stick() {
  VolumeRecord r;
  r.name = "\\\\?\\Volume{3f1c2a10-0000-0000-0000-100000000000}\\";
  r.paths = {"E:\\"};
  r.disk_number = 2;
  r.offset = 1 * MiB;
  r.length = 29 * GiB;
  r.fs_name = "FAT32";
  r.label = "我的U盘";
  r.serial = 0x1a2b3c4d;
  r.free_bytes = 20 * GiB;
  r.total_bytes = 29 * GiB;
  r.cluster_bytes = 32768;
  return r;
}

}  // namespace

TEST_CASE("Windows volumes: a FAT32 stick's volume fills its partition's facts") {
  std::vector<VolumeFacts> parts{partition(1, 1 * MiB)};
  const std::vector<VolumeRecord> recs{fat32_stick()};
  attach_volume_records(2, recs, parts);
  const VolumeFacts& v = parts[0];
  CHECK(v.fs_type.is("vfat"));
  CHECK(v.fs_version.is("FAT32"));
  CHECK(v.label.is("我的U盘"));
  CHECK(v.uuid.is("1A2B-3C4D"));
  CHECK(v.mount_point.is("E:\\"));
  CHECK(v.free_bytes.is(20 * GiB));
  CHECK(v.total_bytes.is(29 * GiB));
  CHECK(v.cluster_bytes.is(32768u));
  CHECK(v.read_only.is(false));
  CHECK(v.max_file_bytes.is(4 * GiB - 1));
  CHECK(v.aligned_1mib.is(true));
  REQUIRE(v.native_writers.is_known());
  CHECK(v.native_writers.value().size() == 3);
  CHECK_FALSE(v.mounted_sync.is_known());
  CHECK(v.mounted_sync.reason().find("removal policy") != std::string::npos);
}

TEST_CASE("Windows volumes: matched by disk number and starting offset, not by order") {
  std::vector<VolumeFacts> parts{partition(1, 1 * MiB), partition(2, 30 * GiB)};
  VolumeRecord ntfs = fat32_stick();
  ntfs.paths = {"F:\\"};
  ntfs.offset = 30 * GiB;
  ntfs.fs_name = "NTFS";
  ntfs.fs_flags = kFileReadOnlyVolume;
  VolumeRecord other_disk = fat32_stick();
  other_disk.disk_number = 0;  // C: on disk 0 at the same offset must not match
  other_disk.paths = {"C:\\"};
  const std::vector<VolumeRecord> recs{other_disk, ntfs, fat32_stick()};
  attach_volume_records(2, recs, parts);
  CHECK(parts[0].mount_point.is("E:\\"));
  CHECK(parts[1].mount_point.is("F:\\"));
  CHECK(parts[1].fs_type.is("ntfs"));
  CHECK_FALSE(parts[1].fs_version.is_known());
  CHECK(parts[1].read_only.is(true));
  REQUIRE(parts[1].native_writers.is_known());
  CHECK(parts[1].native_writers.value() == std::vector<std::string>{"linux", "windows"});
}

TEST_CASE("Windows volumes: partitions without a volume and failed calls are unknown with the reason") {
  std::vector<VolumeFacts> parts{partition(1, 1 * MiB), partition(2, 8 * GiB)};
  VolumeRecord r = fat32_stick();
  r.fs_name.clear();
  r.info_error = "GetVolumeInformationW failed (Windows error 21)";
  r.free_bytes.reset();
  r.total_bytes.reset();
  r.cluster_bytes.reset();
  r.space_error = "GetDiskFreeSpaceExW failed (Windows error 21)";
  const std::vector<VolumeRecord> recs{r};
  attach_volume_records(2, recs, parts);
  CHECK_FALSE(parts[0].fs_type.is_known());
  CHECK(parts[0].fs_type.reason() == "GetVolumeInformationW failed (Windows error 21)");
  CHECK(parts[0].free_bytes.reason() == "GetDiskFreeSpaceExW failed (Windows error 21)");
  CHECK(parts[0].mount_point.is("E:\\"));
  CHECK_FALSE(parts[1].mount_point.is_known());
  CHECK(parts[1].mount_point.reason().find("no mounted volume") != std::string::npos);
  CHECK_FALSE(parts[1].max_file_bytes.is_known());
}

TEST_CASE("Windows volumes: file-system names, with FAT12/16 capped below 2 GiB") {
  CHECK(fs_from_windows_name("exFAT")->type == "exfat");
  CHECK(fs_from_windows_name("ReFS")->type == "refs");
  CHECK_FALSE(fs_from_windows_name("fuse-mystery").has_value());
  std::vector<VolumeFacts> parts{partition(1, 1 * MiB)};
  VolumeRecord r = fat32_stick();
  r.fs_name = "FAT";
  std::vector<VolumeRecord> recs{r};
  attach_volume_records(2, recs, parts);
  CHECK(parts[0].fs_version.is("FAT12/16"));
  CHECK(parts[0].max_file_bytes.is(2 * GiB - 1));
  r.fs_name = "Weird\x01<b>FS";
  recs = {r};
  parts = {partition(1, 1 * MiB)};
  attach_volume_records(2, recs, parts);
  REQUIRE(parts[0].fs_type.is_known());
  CHECK(parts[0].fs_type.value().find('\x01') == std::string::npos);
  CHECK_FALSE(parts[0].max_file_bytes.is_known());
}

TEST_CASE("Windows volumes: the volume holding a user's path, longest mount wins, case-insensitive") {
  VolumeRecord c = fat32_stick();
  c.paths = {"C:\\"};
  c.disk_number = 0;
  VolumeRecord mounted = fat32_stick();
  mounted.paths = {"C:\\mnt\\stick\\"};
  const std::vector<VolumeRecord> recs{c, mounted, fat32_stick()};
  CHECK(volume_holding("e:\\VMs\\win11.vhdx", recs)->paths.front() == "E:\\");
  CHECK(volume_holding("E:/", recs)->paths.front() == "E:\\");
  CHECK(volume_holding("C:\\mnt\\stick", recs)->paths.front() == "C:\\mnt\\stick\\");
  CHECK(volume_holding("C:\\mnt\\stick\\vm", recs)->paths.front() == "C:\\mnt\\stick\\");
  CHECK(volume_holding("C:\\mnt\\sticky", recs)->paths.front() == "C:\\");
  CHECK(volume_holding("Z:\\nothing", recs) == nullptr);
}
