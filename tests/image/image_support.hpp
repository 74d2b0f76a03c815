// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Helpers for the image tests: read qemu-img's JSON, patch bytes of an image
// at a known offset.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "support/shell.hpp"

namespace vmstick::test {

inline nlohmann::json qemu_info(const std::filesystem::path& p, const std::string& extra = "") {
  auto r = sh("qemu-img info --output=json " + extra + " " + q(p));
  INFO(r.out);
  REQUIRE(r.rc == 0);
  return nlohmann::json::parse(r.out);
}

// Sum of guest bytes qemu-img map reports as data in the top layer.
inline std::uint64_t qemu_map_data(const std::filesystem::path& p, const std::string& fmt) {
  auto r = sh("qemu-img map --output=json -f " + fmt + " " + q(p));
  INFO(r.out);
  REQUIRE(r.rc == 0);
  std::uint64_t sum = 0;
  for (const auto& e : nlohmann::json::parse(r.out))
    if (e["data"].get<bool>() && e["depth"].get<int>() == 0) sum += e["length"].get<std::uint64_t>();
  return sum;
}

inline void patch(const std::filesystem::path& p, std::uint64_t offset, const std::vector<std::uint8_t>& bytes) {
  std::fstream f(p, std::ios::in | std::ios::out | std::ios::binary);
  REQUIRE(f.good());
  f.seekp(static_cast<std::streamoff>(offset));
  f.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
  REQUIRE(f.good());
}

inline std::vector<std::uint8_t> be_bytes(std::uint64_t v, int n) {
  std::vector<std::uint8_t> b(static_cast<std::size_t>(n));
  for (int i = n - 1; i >= 0; --i, v >>= 8) b[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(v);
  return b;
}
inline std::vector<std::uint8_t> le_bytes(std::uint64_t v, int n) {
  std::vector<std::uint8_t> b(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i, v >>= 8) b[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(v);
  return b;
}

inline std::vector<std::uint8_t> read_file(const std::filesystem::path& p, std::uint64_t offset, std::size_t n) {
  std::ifstream f(p, std::ios::binary);
  f.seekg(static_cast<std::streamoff>(offset));
  std::vector<std::uint8_t> b(n);
  f.read(reinterpret_cast<char*>(b.data()), static_cast<std::streamsize>(n));
  REQUIRE(f.good());
  return b;
}

// Inverts one byte. Writing a fixed value instead would leave the file
// unchanged whenever the field already held it (a random sequence number or
// GUID does 1 time in 256), and the "damaged" image would still be valid.
inline void flip_byte(const std::filesystem::path& p, std::uint64_t offset) {
  auto b = read_file(p, offset, 1);
  REQUIRE(b.size() == 1);
  b[0] = static_cast<std::uint8_t>(~b[0]);
  patch(p, offset, b);
}

}  // namespace vmstick::test
