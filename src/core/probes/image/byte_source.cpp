// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/probes/image/byte_source.hpp"

#include <cstring>
#include <system_error>

namespace vmstick::image {

Status ByteSource::read_at(std::uint64_t offset, std::span<std::uint8_t> out, std::string_view what) {
  const std::uint64_t total = size();
  if (offset > total || out.size() > total - offset) {
    return make_error(ErrorCode::Corrupt,
                      "the " + std::string(what) + " at offset " + std::to_string(offset) + " (" +
                          std::to_string(out.size()) + " bytes) lies past the end of the file (" +
                          std::to_string(total) + " bytes)",
                      name());
  }
  if (out.empty()) return Ok{};
  Status st = do_read(offset, out);
  if (st) bytes_read_ += out.size();
  return st;
}

Result<std::vector<std::uint8_t>> read_bytes(ByteSource& src, std::uint64_t offset, std::uint64_t length,
                                             std::uint64_t cap, std::string_view what) {
  if (length > cap) {
    return make_error(ErrorCode::Corrupt,
                      "the " + std::string(what) + " claims " + std::to_string(length) +
                          " bytes, more than the " + std::to_string(cap) + " vmstick accepts",
                      src.name());
  }
  std::vector<std::uint8_t> buf(static_cast<std::size_t>(length));
  if (auto st = src.read_at(offset, buf, what); !st) return st.error();
  return buf;
}

Status MemoryByteSource::do_read(std::uint64_t offset, std::span<std::uint8_t> out) {
  std::memcpy(out.data(), bytes_.data() + offset, out.size());
  return Ok{};
}

Result<std::unique_ptr<FileByteSource>> FileByteSource::open(const std::filesystem::path& path) {
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (ec || !std::filesystem::exists(status)) {
    return make_error(ErrorCode::NotFound, "the file does not exist", path.string());
  }
  if (std::filesystem::is_directory(status)) {
    return make_error(ErrorCode::InvalidArgument, "this is a folder, not a disk image", path.string());
  }
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) return make_error(ErrorCode::Io, "cannot read the file size: " + ec.message(), path.string());
  std::ifstream in(path, std::ios::in | std::ios::binary);
  if (!in) return make_error(ErrorCode::PermissionDenied, "the file cannot be opened for reading", path.string());
  return std::unique_ptr<FileByteSource>(new FileByteSource(std::move(in), size, path.string()));
}

Status FileByteSource::do_read(std::uint64_t offset, std::span<std::uint8_t> out) {
  in_.clear();
  in_.seekg(static_cast<std::streamoff>(offset));
  in_.read(reinterpret_cast<char*>(out.data()), static_cast<std::streamsize>(out.size()));
  if (!in_ || static_cast<std::size_t>(in_.gcount()) != out.size()) {
    return make_error(ErrorCode::Io, "reading " + std::to_string(out.size()) + " bytes at offset " +
                                         std::to_string(offset) + " failed (file shrank or I/O error)",
                      name_);
  }
  return Ok{};
}

Result<std::unique_ptr<ByteSource>> FileOpener::open(const std::filesystem::path& path) const {
  auto r = FileByteSource::open(path);
  if (!r) return r.error();
  return std::unique_ptr<ByteSource>(std::move(r.value()));
}

bool FileOpener::exists(const std::filesystem::path& path) const {
  std::error_code ec;
  return std::filesystem::is_regular_file(path, ec);
}

}  // namespace vmstick::image
