// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/atomic_write.hpp"

#include <fstream>
#include <random>
#include <system_error>

namespace vmstick {
namespace fs = std::filesystem;

Status write_file_atomically(const fs::path& path, std::string_view content) {
  if (path.empty()) return make_error(ErrorCode::InvalidArgument, "no output file name given");
  std::error_code ec;
  const fs::path dir = path.has_parent_path() ? path.parent_path() : fs::path(".");
  if (!fs::is_directory(dir, ec)) {
    return make_error(ErrorCode::NotFound, "the folder to write into does not exist", dir.string());
  }
  std::random_device rd;
  const fs::path tmp = dir / ("." + path.filename().string() + ".tmp" + std::to_string(rd() % 1000000));
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return make_error(ErrorCode::PermissionDenied, "cannot create a file in this folder", dir.string());
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    out.flush();
    if (!out) {
      out.close();
      fs::remove(tmp, ec);
      return make_error(ErrorCode::Io, "writing failed (disk full?)", tmp.string());
    }
  }
  fs::rename(tmp, path, ec);
  if (ec) {
    std::error_code ignored;
    fs::remove(tmp, ignored);
    return make_error(ErrorCode::Io, "cannot move the new file into place: " + ec.message(), path.string());
  }
  return Ok{};
}

}  // namespace vmstick
