// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// One parser per format (one .cpp each). Every parser keeps three outcomes
// apart, by Result error code:
//   NotFound      not this format (wrong magic) — the caller tries another;
//   NotSupported  this format, but a variant vmstick cannot analyse;
//   Corrupt       this format, but a field is impossible; the message names
//                 the file, the field and what is wrong.
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/probes/image/byte_source.hpp"
#include "core/probes/image/disk_info.hpp"

namespace vmstick::image {

// The bytes format sniffers look at: the start of the file (up to 40 KiB, to
// reach the ISO 9660 volume descriptor) and its last 512 bytes (VHD footer).
struct Sniff {
  std::vector<std::uint8_t> head;
  std::vector<std::uint8_t> tail;
  std::uint64_t size{0};
};
Result<Sniff> read_sniff(ByteSource& src);

// 0 = not this format; 100 = magic and version match. Best score wins.
int sniff_qcow2(const Sniff& s);
int sniff_vdi(const Sniff& s);
int sniff_vhd(const Sniff& s);
int sniff_vhdx(const Sniff& s);
int sniff_vmdk(const Sniff& s);
int sniff_iso(const Sniff& s);

Result<DiskInfo> parse_qcow2(ByteSource& src);
Result<DiskInfo> parse_vdi(ByteSource& src);
Result<DiskInfo> parse_vhd(ByteSource& src);
Result<DiskInfo> parse_vhdx(ByteSource& src);
// A binary VMDK sparse extent (hosted "KDMV", with or without an embedded
// descriptor, including streamOptimized).
Result<DiskInfo> parse_vmdk_sparse(ByteSource& src);
// A VMDK text descriptor on its own.
Result<DiskInfo> parse_vmdk_descriptor(std::string_view text, std::string_view name);
Result<DiskInfo> parse_iso(ByteSource& src);
Result<DiskInfo> parse_raw(ByteSource& src);

// Helpers shared by the parsers.
Error corrupt(const ByteSource& src, std::string_view field, std::string_view what);
Error unsupported(const ByteSource& src, std::string_view what);
Error not_this_format(const ByteSource& src, std::string_view format);
std::string utf16_to_utf8(std::span<const std::uint8_t> bytes, bool big_endian);
// GUID in the Microsoft mixed-endian layout (VHDX, VDI) as lowercase text.
std::string guid_text(std::span<const std::uint8_t> b, std::size_t off);
std::string hex64(std::uint64_t v);
std::uint32_t crc32c(std::span<const std::uint8_t> bytes);

}  // namespace vmstick::image
