// SPDX-License-Identifier: GPL-3.0-or-later
#include "fuzz_entries.hpp"

#include <array>
#include <span>
#include <string>

#include "core/probes/image/analyse.hpp"
#include "core/probes/image/formats.hpp"
#include "core/probes/image/vm_config.hpp"

namespace vmstick::fuzz {
namespace {

template <class F>
void on_bytes(const std::uint8_t* data, std::size_t size, F parse) {
  image::MemoryByteSource src(std::span<const std::uint8_t>(data, size), "fuzz-input");
  auto r = parse(src);
  // Touch the result so the parser cannot be optimised away.
  if (r) (void)r->virtual_size;
  else (void)r.error().message.size();
}

std::string_view text(const std::uint8_t* data, std::size_t size) { return {reinterpret_cast<const char*>(data), size}; }

constexpr std::array<std::string_view, 11> kNames = {"qcow2", "vdi", "vhd", "vhdx", "vmdk_sparse", "vmdk_descriptor",
                                                     "iso", "detect", "vmx", "vbox", "libvirt"};

}  // namespace

void qcow2(const std::uint8_t* d, std::size_t n) { on_bytes(d, n, image::parse_qcow2); }
void vdi(const std::uint8_t* d, std::size_t n) { on_bytes(d, n, image::parse_vdi); }
void vhd(const std::uint8_t* d, std::size_t n) { on_bytes(d, n, image::parse_vhd); }
void vhdx(const std::uint8_t* d, std::size_t n) { on_bytes(d, n, image::parse_vhdx); }
void vmdk_sparse(const std::uint8_t* d, std::size_t n) { on_bytes(d, n, image::parse_vmdk_sparse); }
void iso(const std::uint8_t* d, std::size_t n) { on_bytes(d, n, image::parse_iso); }
void detect(const std::uint8_t* d, std::size_t n) { on_bytes(d, n, image::analyse_bytes); }
void vmdk_descriptor(const std::uint8_t* d, std::size_t n) {
  auto r = image::parse_vmdk_descriptor(text(d, n), "fuzz-input");
  (void)r.ok();
}
void vmx(const std::uint8_t* d, std::size_t n) { (void)image::parse_vmx(text(d, n), "fuzz-input").ok(); }
void vbox(const std::uint8_t* d, std::size_t n) { (void)image::parse_vbox(text(d, n), "fuzz-input").ok(); }
void libvirt(const std::uint8_t* d, std::size_t n) { (void)image::parse_libvirt(text(d, n), "fuzz-input").ok(); }

Entry entry(std::string_view name) {
  constexpr std::array<Entry, 11> kEntries = {qcow2, vdi, vhd, vhdx, vmdk_sparse, vmdk_descriptor, iso, detect, vmx, vbox, libvirt};
  for (std::size_t i = 0; i < kNames.size(); ++i)
    if (kNames[i] == name) return kEntries[i];
  return nullptr;
}

const std::string_view* names(std::size_t& count) {
  count = kNames.size();
  return kNames.data();
}

}  // namespace vmstick::fuzz
