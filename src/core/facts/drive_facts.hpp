// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What vmstick knows about one drive (a USB stick, an SSD enclosure, a folder
// on some disk the user picked). Filled by the drive probe. A drive owns its
// USB link facts and a list of volumes (partitions, or the whole-disk
// filesystem of a "superfloppy" stick).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/fact.hpp"

namespace vmstick {

// How the device is attached over USB. Every member is unknown with the
// reason "not a USB device" for internal disks.
struct UsbLinkFacts {
  Fact<std::string> port_path;       // kernel-style bus-port chain: "2-1.4"
  Fact<std::uint32_t> hub_tiers;     // hubs between the root hub and the device (0 = root port)
  Fact<std::uint32_t> speed_mbps;    // negotiated: 1 (1.5), 12, 480, 5000, 10000, 20000
  Fact<std::uint16_t> bcd_usb;       // device descriptor bcdUSB, BCD: 0x0210 = USB 2.1
  Fact<bool> bos_superspeed;         // BOS has the SuperSpeed USB capability (type 0x03)
  Fact<bool> bos_superspeed_plus;    // BOS has the SuperSpeedPlus capability (type 0x0A)
  Fact<bool> port_usb3_capable;      // the port the device sits on has a USB 3 peer
  Fact<std::uint32_t> max_power_ma;  // bMaxPower in mA (units of 2 mA below SuperSpeed, 8 mA at it)
  Fact<std::uint32_t> port_budget_ma;  // what the port may supply: 100/500/900/1500 mA
  Fact<bool> bus_powered_hub;        // an upstream hub draws its own power from the bus
  Fact<std::string> vendor_id;       // "0781"
  Fact<std::string> product_id;      // "5581"
  Fact<std::string> transport;       // "uas", "bot" (Bulk-Only), or "other:<proto hex>"
  Fact<std::string> driver;          // the bound driver: "uas", "usb-storage", "UASPStor"
  // Some interface alternate setting offers UAS (protocol 0x62). With
  // transport "bot" this means the OS chose Bulk-Only for a UAS bridge.
  Fact<bool> uas_offered;
  Fact<bool> card_reader;            // a memory-card reader (media slot), not a stick
  Fact<std::string> bridge;          // USB-to-SATA/NVMe bridge chip when known ("ASMedia ASM1153E")
};

// One partition (or the whole-disk filesystem).
struct VolumeFacts {
  std::string id;                  // "/dev/sdb1", or "<image>#1"
  Fact<std::string> device;
  Fact<std::uint32_t> number;      // partition number; 0 for a whole-disk filesystem
  Fact<std::uint64_t> start_bytes;
  Fact<std::uint64_t> size_bytes;
  Fact<bool> aligned_1mib;         // start is a multiple of 1 MiB (what Windows/parted use)
  Fact<bool> aligned_4kib;         // start is a multiple of 4 KiB (flash page / 4Kn sector)
  Fact<std::string> fs_type;       // blkid names: "vfat", "exfat", "ntfs", "ext4", "apfs", "hfsplus"
  Fact<std::string> fs_version;    // "FAT32", "1.0", "3.1"
  Fact<std::string> label;         // control characters replaced
  Fact<std::string> uuid;
  Fact<std::uint64_t> cluster_bytes;  // allocation unit / block size
  Fact<std::string> mount_point;
  Fact<std::string> mount_options;    // the per-mount plus superblock options, comma-joined
  Fact<bool> mounted_sync;            // "sync" or "flush": every write waits for the device
  Fact<std::uint64_t> total_bytes;
  Fact<std::uint64_t> free_bytes;     // available to an unprivileged user
  Fact<bool> read_only;
  Fact<bool> journaling;
  Fact<std::uint64_t> max_file_bytes;
  // OSes that can write this filesystem with what ships in the box: "linux", "windows", "macos".
  Fact<std::vector<std::string>> native_writers;
};

struct DriveFacts {
  // Stable id within one run: the OS device ("/dev/sdb") or the folder path.
  std::string id;
  Fact<std::string> device;  // "/dev/sdb", "\\\\.\\PhysicalDrive2", "disk4"
  Fact<std::string> vendor;
  Fact<std::string> model;
  Fact<std::uint64_t> capacity_bytes;
  Fact<bool> removable;
  Fact<std::string> serial;
  Fact<bool> rotational;
  Fact<std::uint32_t> logical_sector_bytes;
  Fact<std::uint32_t> physical_sector_bytes;
  Fact<std::uint32_t> optimal_io_bytes;  // 0 when the device states none
  Fact<std::string> bus;                 // "usb", "ata", "nvme", "virtio", "mmc", "image"
  Fact<bool> write_protected;            // the whole device is read-only (switch, firmware)
  UsbLinkFacts usb;
  Fact<std::string> partition_table;     // "mbr", "gpt", "none" (whole-disk filesystem)
  std::vector<VolumeFacts> volumes;
  // The volume that holds the path the user named (--drive), when known.
  std::optional<std::size_t> target_volume;
  // The path the user named, as given; empty when this drive was not asked for.
  std::string requested_path;

  const VolumeFacts* target() const {
    return target_volume && *target_volume < volumes.size() ? &volumes[*target_volume] : nullptr;
  }
};

// The operating systems the user plans to run the VM on, from
// CheckRequest::run_on; empty means "all three" (a portable stick).
std::vector<std::string> planned_oses(const std::vector<std::string>& requested);

}  // namespace vmstick
