// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The only way image parsers see a file: a bounded, read-only byte source.
// Parsers ask for exactly the bytes they need at an offset, so a 64 GiB image
// is analysed by reading its metadata only, and tests can hand a parser bytes
// held in memory (the fuzzers do the same).
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "core/result.hpp"

namespace vmstick::image {

class ByteSource {
 public:
  virtual ~ByteSource() = default;
  virtual std::uint64_t size() const = 0;
  // Fills out completely or fails: Corrupt when the range runs past the end
  // (the caller's field pointed there), Io when the read itself failed.
  Status read_at(std::uint64_t offset, std::span<std::uint8_t> out, std::string_view what);
  // What the error messages call this source ("disk.qcow2").
  virtual const std::string& name() const = 0;
  // Bytes handed out so far: the benchmark proves analysis reads metadata only.
  std::uint64_t bytes_read() const { return bytes_read_; }

 protected:
  virtual Status do_read(std::uint64_t offset, std::span<std::uint8_t> out) = 0;

 private:
  std::uint64_t bytes_read_{0};
};

// Reads a byte range into a fresh vector, refusing more than cap bytes so no
// length read from a file can make us allocate without bound.
Result<std::vector<std::uint8_t>> read_bytes(ByteSource& src, std::uint64_t offset, std::uint64_t length,
                                             std::uint64_t cap, std::string_view what);

class MemoryByteSource final : public ByteSource {
 public:
  MemoryByteSource(std::span<const std::uint8_t> bytes, std::string name)
      : bytes_(bytes), name_(std::move(name)) {}
  std::uint64_t size() const override { return bytes_.size(); }
  const std::string& name() const override { return name_; }

 private:
  Status do_read(std::uint64_t offset, std::span<std::uint8_t> out) override;
  std::span<const std::uint8_t> bytes_;
  std::string name_;
};

// A file opened read-only (std::ifstream, in|binary): vmstick never writes
// to a user's image.
class FileByteSource final : public ByteSource {
 public:
  static Result<std::unique_ptr<FileByteSource>> open(const std::filesystem::path& path);
  std::uint64_t size() const override { return size_; }
  const std::string& name() const override { return name_; }

 private:
  FileByteSource(std::ifstream in, std::uint64_t size, std::string name)
      : in_(std::move(in)), size_(size), name_(std::move(name)) {}
  Status do_read(std::uint64_t offset, std::span<std::uint8_t> out) override;
  std::ifstream in_;
  std::uint64_t size_;
  std::string name_;
};

// Opens the other files an image refers to (extents, parents). The analyser
// takes one so tests can count or refuse opens.
class FileOpener {
 public:
  virtual ~FileOpener() = default;
  virtual Result<std::unique_ptr<ByteSource>> open(const std::filesystem::path& path) const;
  virtual bool exists(const std::filesystem::path& path) const;
};

}  // namespace vmstick::image
