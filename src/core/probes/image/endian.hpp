// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Explicit byte order: image headers are little-endian (VDI, VMDK, VHDX) or
// big-endian (VHD, QCOW2) whatever the host is, so fields are never read by
// casting a struct over the bytes.
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>
#include <string>
#include <type_traits>

namespace vmstick::image {

inline std::uint64_t le(std::span<const std::uint8_t> b, std::size_t off, std::size_t n) {
  std::uint64_t v = 0;
  for (std::size_t i = 0; i < n; ++i) v |= std::uint64_t{b[off + i]} << (8 * i);
  return v;
}
inline std::uint64_t be(std::span<const std::uint8_t> b, std::size_t off, std::size_t n) {
  std::uint64_t v = 0;
  for (std::size_t i = 0; i < n; ++i) v = (v << 8) | b[off + i];
  return v;
}
inline std::uint16_t le16(std::span<const std::uint8_t> b, std::size_t off) { return static_cast<std::uint16_t>(le(b, off, 2)); }
inline std::uint32_t le32(std::span<const std::uint8_t> b, std::size_t off) { return static_cast<std::uint32_t>(le(b, off, 4)); }
inline std::uint64_t le64(std::span<const std::uint8_t> b, std::size_t off) { return le(b, off, 8); }
inline std::uint16_t be16(std::span<const std::uint8_t> b, std::size_t off) { return static_cast<std::uint16_t>(be(b, off, 2)); }
inline std::uint32_t be32(std::span<const std::uint8_t> b, std::size_t off) { return static_cast<std::uint32_t>(be(b, off, 4)); }
inline std::uint64_t be64(std::span<const std::uint8_t> b, std::size_t off) { return be(b, off, 8); }

inline bool bytes_equal(std::span<const std::uint8_t> b, std::size_t off, std::string_view magic) {
  if (off > b.size() || magic.size() > b.size() - off) return false;
  for (std::size_t i = 0; i < magic.size(); ++i)
    if (b[off + i] != static_cast<std::uint8_t>(magic[i])) return false;
  return true;
}

// On-disk header structs are built only from byte arrays, so they have no
// padding, alignment 1 and a size that static_assert can pin to the spec.
template <std::size_t N>
using Field = std::array<std::uint8_t, N>;
template <std::size_t N>
std::uint64_t get_le(const Field<N>& f) { return le(f, 0, N); }
template <std::size_t N>
std::uint64_t get_be(const Field<N>& f) { return be(f, 0, N); }

// Copies the first sizeof(H) bytes into a header struct; the caller has read
// at least that many.
template <class H>
H load(std::span<const std::uint8_t> bytes) {
  static_assert(std::is_trivially_copyable_v<H> && alignof(H) == 1);
  H h;
  std::memcpy(&h, bytes.data(), sizeof(H));
  return h;
}

}  // namespace vmstick::image
