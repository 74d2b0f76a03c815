// SPDX-License-Identifier: GPL-3.0-or-later
#include <array>
#include <cstdio>

#include "core/probes/image/endian.hpp"
#include "core/probes/image/formats.hpp"

namespace vmstick::image {

Result<Sniff> read_sniff(ByteSource& src) {
  Sniff s;
  s.size = src.size();
  constexpr std::uint64_t kHead = 40 * 1024;
  s.head.resize(static_cast<std::size_t>(std::min(kHead, s.size)));
  if (auto st = src.read_at(0, s.head, "start of the file"); !st) return st.error();
  if (s.size >= 512) {
    s.tail.resize(512);
    if (auto st = src.read_at(s.size - 512, s.tail, "last sector"); !st) return st.error();
  }
  return s;
}

Error corrupt(const ByteSource& src, std::string_view field, std::string_view what) {
  return make_error(ErrorCode::Corrupt, std::string(field) + ": " + std::string(what), src.name());
}

Error unsupported(const ByteSource& src, std::string_view what) {
  return make_error(ErrorCode::NotSupported, std::string(what), src.name());
}

Error not_this_format(const ByteSource& src, std::string_view format) {
  return make_error(ErrorCode::NotFound, "not a " + std::string(format) + " image (no " + std::string(format) + " signature)",
                    src.name());
}

std::string utf16_to_utf8(std::span<const std::uint8_t> bytes, bool big_endian) {
  std::string out;
  for (std::size_t i = 0; i + 1 < bytes.size(); i += 2) {
    std::uint32_t c = big_endian ? be16(bytes, i) : le16(bytes, i);
    if (c == 0) break;
    if (c >= 0xD800 && c <= 0xDBFF && i + 3 < bytes.size()) {
      const std::uint32_t lo = big_endian ? be16(bytes, i + 2) : le16(bytes, i + 2);
      if (lo >= 0xDC00 && lo <= 0xDFFF) {
        c = 0x10000 + ((c - 0xD800) << 10) + (lo - 0xDC00);
        i += 2;
      } else {
        c = 0xFFFD;
      }
    } else if (c >= 0xD800 && c <= 0xDFFF) {
      c = 0xFFFD;
    }
    if (c < 0x80) {
      out += static_cast<char>(c);
    } else if (c < 0x800) {
      out += static_cast<char>(0xC0 | (c >> 6));
      out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
      out += static_cast<char>(0xE0 | (c >> 12));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (c >> 18));
      out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    }
  }
  return out;
}

std::string guid_text(std::span<const std::uint8_t> b, std::size_t off) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%08x-%04x-%04x-%02x%02x-%02x%02x%02x%02x%02x%02x", le32(b, off), le16(b, off + 4),
                le16(b, off + 6), b[off + 8], b[off + 9], b[off + 10], b[off + 11], b[off + 12], b[off + 13],
                b[off + 14], b[off + 15]);
  return buf;
}

std::string hex64(std::uint64_t v) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "0x%llx", static_cast<unsigned long long>(v));
  return buf;
}

std::uint32_t crc32c(std::span<const std::uint8_t> bytes) {
  // Castagnoli polynomial, reflected (0x82F63B78): what VHDX headers use.
  static const std::array<std::uint32_t, 256> table = [] {
    std::array<std::uint32_t, 256> t{};
    for (std::uint32_t i = 0; i < 256; ++i) {
      std::uint32_t c = i;
      for (int k = 0; k < 8; ++k) c = (c & 1) ? (c >> 1) ^ 0x82F63B78u : c >> 1;
      t[i] = c;
    }
    return t;
  }();
  std::uint32_t crc = 0xFFFFFFFFu;
  for (std::uint8_t b : bytes) crc = table[(crc ^ b) & 0xFF] ^ (crc >> 8);
  return crc ^ 0xFFFFFFFFu;
}

}  // namespace vmstick::image
