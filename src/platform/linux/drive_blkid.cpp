// SPDX-License-Identifier: GPL-3.0-or-later
#include "platform/linux/drive_blkid.hpp"

#include <blkid/blkid.h>
#include <fcntl.h>
#include <unistd.h>

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <memory>

#include "core/probes/drive/fs_boot_sector.hpp"
#include "core/probes/drive/volume_derive.hpp"
#include "core/text.hpp"

namespace vmstick::linux_backend {
namespace {

struct Fd {
  int fd{-1};
  ~Fd() { if (fd >= 0) ::close(fd); }
};
struct ProbeDeleter {
  void operator()(blkid_probe p) const { blkid_free_probe(p); }
};
using ProbePtr = std::unique_ptr<std::remove_pointer_t<blkid_probe>, ProbeDeleter>;

Result<int> open_ro(const std::filesystem::path& file, Fd& holder) {
  // O_RDONLY only: probing must never be able to write to a user's drive.
  holder.fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY);
  if (holder.fd < 0) {
    const int e = errno;
    const ErrorCode code = e == ENOENT ? ErrorCode::NotFound
                           : (e == EACCES || e == EPERM) ? ErrorCode::PermissionDenied : ErrorCode::Io;
    std::string msg = fmt::format("cannot open for reading: {}", std::strerror(e));
    if (code == ErrorCode::PermissionDenied) msg += " (reading the partition table and filesystem needs read access to the device node: root or the 'disk' group, and no container device policy blocking it)";
    return make_error(code, msg, file.string());
  }
  return holder.fd;
}

std::string lookup(blkid_probe pr, const char* name) {
  const char* data = nullptr;
  std::size_t len = 0;
  if (blkid_probe_lookup_value(pr, name, &data, &len) == 0 && data) return std::string(data, strnlen(data, len));
  return {};
}

Result<std::vector<std::uint8_t>> read_head(int fd, std::uint64_t offset, std::size_t n) {
  std::vector<std::uint8_t> buf(n);
  const ssize_t got = ::pread(fd, buf.data(), n, static_cast<off_t>(offset));
  if (got < 0) return make_error(ErrorCode::Io, fmt::format("read failed: {}", std::strerror(errno)), "volume start");
  buf.resize(static_cast<std::size_t>(got));
  return buf;
}

void mark_fs_unknown(VolumeFacts& v, const std::string& why) {
  v.fs_type = Fact<std::string>::unknown(why);
  v.fs_version = Fact<std::string>::unknown(why);
  v.label = Fact<std::string>::unknown(why);
  v.uuid = Fact<std::string>::unknown(why);
  v.cluster_bytes = Fact<std::uint64_t>::unknown(why);
}

Status probe_volume_fd(int fd, const std::string& where, std::uint64_t offset, std::uint64_t size, VolumeFacts& v) {
  ProbePtr pr(blkid_new_probe());
  if (!pr || blkid_probe_set_device(pr.get(), fd, static_cast<blkid_loff_t>(offset), static_cast<blkid_loff_t>(size)) != 0) {
    return make_error(ErrorCode::Io, "libblkid cannot use the device", where);
  }
  blkid_probe_enable_superblocks(pr.get(), 1);
  blkid_probe_set_superblocks_flags(pr.get(), BLKID_SUBLKS_TYPE | BLKID_SUBLKS_LABEL | BLKID_SUBLKS_UUID |
                                                  BLKID_SUBLKS_VERSION | BLKID_SUBLKS_SECTYPE);
  blkid_probe_enable_partitions(pr.get(), 0);
  const int rc = blkid_do_safeprobe(pr.get());
  const std::string src = "libblkid " + where;
  if (rc == 1) {
    mark_fs_unknown(v, "libblkid found no known filesystem on " + where);
    return Ok{};
  }
  if (rc < 0) {
    // -2: two filesystems claim the volume (blkid refuses to guess).
    return make_error(ErrorCode::Corrupt, rc == -2 ? "several filesystem signatures overlap" : "libblkid probing failed", where);
  }
  const std::string type = lookup(pr.get(), "TYPE");
  v.fs_type = Fact<std::string>::known(type, src + " TYPE");
  if (auto ver = lookup(pr.get(), "VERSION"); !ver.empty()) {
    v.fs_version = Fact<std::string>::known(ver, src + " VERSION");
  } else if (auto sec = lookup(pr.get(), "SEC_TYPE"); !sec.empty()) {
    v.fs_version = Fact<std::string>::known(sec, src + " SEC_TYPE");
  } else {
    v.fs_version = Fact<std::string>::unknown("libblkid reports no version for " + type);
  }
  // blkid reports FAT12/16 as SEC_TYPE=msdos with VERSION=FAT16; FAT32 as VERSION=FAT32.
  v.label = Fact<std::string>::known(clean_label(lookup(pr.get(), "LABEL")), src + " LABEL");
  if (auto uuid = lookup(pr.get(), "UUID"); !uuid.empty()) {
    v.uuid = Fact<std::string>::known(printable(uuid), src + " UUID");
  } else {
    v.uuid = Fact<std::string>::unknown(type + " volume carries no UUID");
  }
  auto head = read_head(fd, offset, 4096);
  if (!head) {
    v.cluster_bytes = Fact<std::uint64_t>::unknown(head.error());
  } else if (auto c = fs_cluster_bytes(type, *head)) {
    v.cluster_bytes = Fact<std::uint64_t>::known(*c, "boot sector / superblock of " + where);
  } else {
    v.cluster_bytes = Fact<std::uint64_t>::unknown(c.error());
  }
  return Ok{};
}

}  // namespace

Status probe_volume_with_blkid(const std::filesystem::path& file, std::uint64_t offset, std::uint64_t size, VolumeFacts& v) {
  Fd fd;
  if (auto r = open_ro(file, fd); !r) return r.error();
  return probe_volume_fd(fd.fd, file.string(), offset, size, v);
}

Result<DriveFacts> probe_disk_with_blkid(const std::filesystem::path& file, const std::string& id) {
  Fd fd;
  if (auto r = open_ro(file, fd); !r) return r.error();
  const std::string where = file.string();
  ProbePtr pr(blkid_new_probe());
  if (!pr || blkid_probe_set_device(pr.get(), fd.fd, 0, 0) != 0) return make_error(ErrorCode::Io, "libblkid cannot use the file", where);
  DriveFacts d;
  d.id = id;
  d.device = Fact<std::string>::known(where, "path given");
  const auto bytes = static_cast<std::uint64_t>(blkid_probe_get_size(pr.get()));
  d.capacity_bytes = Fact<std::uint64_t>::known(bytes, "libblkid size of " + where);
  d.bus = Fact<std::string>::known("image", "a file, not a device");
  if (blkid_topology tp = blkid_probe_get_topology(pr.get())) {
    d.logical_sector_bytes = Fact<std::uint32_t>::known(static_cast<std::uint32_t>(blkid_topology_get_logical_sector_size(tp)), "libblkid topology");
    d.physical_sector_bytes = Fact<std::uint32_t>::known(static_cast<std::uint32_t>(blkid_topology_get_physical_sector_size(tp)), "libblkid topology");
    d.optimal_io_bytes = Fact<std::uint32_t>::known(static_cast<std::uint32_t>(blkid_topology_get_optimal_io_size(tp)), "libblkid topology");
  }
  // A FAT/exFAT/NTFS boot sector ends in 0x55AA like an MBR, and libblkid
  // may report "dos" for it: a filesystem at byte 0 means no partition table.
  VolumeFacts whole;
  const bool fs_at_zero = probe_volume_fd(fd.fd, where, 0, 0, whole).ok() && whole.fs_type.is_known();
  blkid_probe_enable_partitions(pr.get(), 1);
  blkid_probe_set_partitions_flags(pr.get(), BLKID_PARTS_ENTRY_DETAILS);
  blkid_probe_enable_superblocks(pr.get(), 0);
  if (!fs_at_zero && blkid_do_fullprobe(pr.get()) < 0) {
    return make_error(ErrorCode::Corrupt, "libblkid cannot read a partition table", where);
  }
  blkid_partlist list = fs_at_zero ? nullptr : blkid_probe_get_partitions(pr.get());
  blkid_parttable table = list ? blkid_partlist_get_table(list) : nullptr;
  if (!table) {
    d.partition_table = Fact<std::string>::known("none", "libblkid found no partition table on " + where);
    VolumeFacts v;
    v.id = id;
    v.device = d.device;
    v.number = Fact<std::uint32_t>::known(0, "whole-disk filesystem");
    v.start_bytes = Fact<std::uint64_t>::known(0, "whole-disk filesystem");
    v.size_bytes = d.capacity_bytes;
    if (auto st = probe_volume_fd(fd.fd, where, 0, 0, v); !st) mark_fs_unknown(v, st.error().describe());
    derive_volume_facts(v);
    d.volumes.push_back(std::move(v));
    return d;
  }
  const std::string type = blkid_parttable_get_type(table) ? blkid_parttable_get_type(table) : "";
  d.partition_table = Fact<std::string>::known(type == "dos" ? "mbr" : type, "libblkid partition table of " + where);
  const int n = std::min(blkid_partlist_numof_partitions(list), 256);
  for (int i = 0; i < n; ++i) {
    blkid_partition part = blkid_partlist_get_partition(list, i);
    if (!part) continue;
    VolumeFacts v;
    const int no = blkid_partition_get_partno(part);
    v.id = fmt::format("{}#{}", id, no);
    v.device = d.device;
    // libblkid counts in 512-byte sectors whatever the real sector size.
    const auto start = static_cast<std::uint64_t>(blkid_partition_get_start(part)) * 512;
    const auto size = static_cast<std::uint64_t>(blkid_partition_get_size(part)) * 512;
    const std::string src = fmt::format("libblkid partition {} of {}", no, where);
    v.number = Fact<std::uint32_t>::known(static_cast<std::uint32_t>(no), src);
    v.start_bytes = Fact<std::uint64_t>::known(start, src);
    v.size_bytes = Fact<std::uint64_t>::known(size, src);
    if (blkid_partition_is_extended(part)) {
      mark_fs_unknown(v, "extended partition: a container for logical partitions");
    } else if (start + size > bytes) {
      mark_fs_unknown(v, fmt::format("partition {} ends past the end of {}", no, where));
    } else if (auto st = probe_volume_fd(fd.fd, fmt::format("{} partition {}", where, no), start, size, v); !st) {
      mark_fs_unknown(v, st.error().describe());
    }
    derive_volume_facts(v);
    d.volumes.push_back(std::move(v));
  }
  return d;
}

}  // namespace vmstick::linux_backend
