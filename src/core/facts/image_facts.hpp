// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What vmstick knows about the VM image (and its configuration) to be carried.
#include <cstdint>
#include <string>
#include <vector>

#include "core/fact.hpp"

namespace vmstick {

struct ImageFacts {
  std::string path;             // as the user gave it
  Fact<std::string> format;     // "vdi", "vmdk", "vhd", "vhdx", "qcow2", "raw", "iso"
  Fact<std::uint64_t> virtual_size_bytes;

  // --- The disk (the boot disk when the input was a VM config or folder) ---
  std::string disk_path;             // the disk file analysed
  Fact<std::string> variant;         // "dynamic", "fixed", "differencing", VMDK createType, ...
  Fact<std::string> allocation;      // "dynamic" (grows) or "fixed" (preallocated)
  // Bytes of guest data the image's allocation tables map (this layer only).
  Fact<std::uint64_t> allocated_bytes;
  Fact<std::uint64_t> total_file_bytes;    // every file of the disk and its chain
  Fact<std::uint64_t> largest_file_bytes;  // as the files are now
  // How large one file of the disk can become as the VM writes: what a FAT32
  // (4 GiB - 1) limit applies to. A dynamic image's single file grows towards
  // the virtual size; a split VMDK's extents stay near 2 GiB each.
  Fact<std::uint64_t> largest_file_reach_bytes;
  Fact<std::uint32_t> file_count;
  Fact<std::vector<std::string>> files;
  Fact<std::uint32_t> block_size_bytes;    // cluster / block / grain
  // Parents nearest first; empty when the disk stands alone.
  Fact<std::vector<std::string>> parent_chain;
  // "none", "complete", "missing-parent", "mismatched-parent", "loop", "unreadable-parent", "too-deep".
  Fact<std::string> chain_state;
  std::string chain_detail;
  Fact<bool> encrypted;
  Fact<std::string> encryption;  // "luks", "aes", "virtualbox", "vmware"
  Fact<bool> compressed;
  Fact<bool> needs_repair;
  std::string repair_reason;
  std::vector<std::string> notes;

  // --- The VM configuration, when one was given or found ---
  Fact<std::string> config_kind;  // "vbox", "vmx", "libvirt", "hyperv"
  std::string config_path;
  Fact<std::string> vm_name;
  Fact<std::string> guest_os;
  Fact<std::uint64_t> ram_bytes;
  Fact<std::uint32_t> vcpus;
  Fact<std::string> firmware;  // "efi" or "bios"
  Fact<bool> secure_boot;
  Fact<bool> tpm;
  Fact<std::string> disk_controller;  // "nvme", "sata", "scsi", "ide", "virtio", "usb"
  Fact<std::string> guest_arch;       // "x86_64", "i686", "aarch64", ...
  Fact<std::vector<std::string>> disks;  // every disk the config attaches

  // Every other hard disk the config attaches, analysed as the boot disk is
  // (disk fields and its controller only). The whole VM goes onto the stick,
  // so FAT32's file limit and the free space apply to all of its disks.
  std::vector<ImageFacts> other_disks;
};

// The boot disk first, then the config's other disks: what a rule walks when
// it judges the whole VM rather than the image the user named.
inline std::vector<const ImageFacts*> every_disk(const ImageFacts& boot) {
  std::vector<const ImageFacts*> out{&boot};
  for (const ImageFacts& d : boot.other_disks) out.push_back(&d);
  return out;
}

}  // namespace vmstick
