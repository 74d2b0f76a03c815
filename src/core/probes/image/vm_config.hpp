// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// VM configuration files: what the VM asks of the host and which disks it
// uses. Parsers take the file's text; every value they do not find stays
// empty (unknown), never a default presented as fact.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace vmstick::image {

struct VmDisk {
  std::string path;        // as stored in the config (may be relative)
  std::string controller;  // "nvme", "sata", "scsi", "ide", "virtio", "usb"
  bool encrypted{false};
};

struct VmConfig {
  std::string kind;  // "vbox", "vmx", "libvirt"
  std::optional<std::string> name;
  std::optional<std::string> guest_os;
  std::optional<std::string> firmware;  // "efi" or "bios"
  std::optional<std::string> arch;
  std::optional<std::uint64_t> ram_bytes;
  std::optional<std::uint32_t> vcpus;
  std::optional<bool> secure_boot;
  std::optional<bool> tpm;
  std::optional<bool> encrypted;  // the VM (not only one disk) is encrypted
  std::vector<VmDisk> disks;      // hard disks in attachment order
  std::vector<std::string> notes;
};

// The largest config file vmstick reads: real ones are a few tens of KiB.
constexpr std::uint64_t kMaxConfigBytes = 4u << 20;

Result<VmConfig> parse_vmx(std::string_view text, std::string_view name);
Result<VmConfig> parse_vbox(std::string_view xml, std::string_view name);
Result<VmConfig> parse_libvirt(std::string_view xml, std::string_view name);

}  // namespace vmstick::image
