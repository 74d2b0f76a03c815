// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/path_store.hpp"

#include <algorithm>
#include <fstream>
#include <system_error>

namespace vmstick {
namespace fs = std::filesystem;

namespace {

Error error_from(const std::error_code& ec, const fs::path& p, std::string_view what) {
  ErrorCode code = ErrorCode::Io;
  if (ec == std::errc::no_such_file_or_directory || ec == std::errc::not_a_directory) {
    code = ErrorCode::NotFound;
  } else if (ec == std::errc::permission_denied || ec == std::errc::operation_not_permitted) {
    code = ErrorCode::PermissionDenied;
  }
  return make_error(code, std::string(what) + ": " + ec.message(), p.string());
}

std::string strip_leading_slashes(std::string_view s) {
  while (!s.empty() && (s.front() == '/' || s.front() == '\\')) s.remove_prefix(1);
  return std::string(s);
}

}  // namespace

fs::path PathStore::under(std::string_view top, std::string_view rel) const {
  fs::path base = root_.empty() ? fs::path("/") / top : root_ / top;
  std::string r = strip_leading_slashes(rel);
  return r.empty() ? base : base / r;
}

fs::path PathStore::host(std::string_view absolute) const {
  std::string r = strip_leading_slashes(absolute);
  return root_.empty() ? fs::path("/") / r : root_ / r;
}

Result<std::string> PathStore::read_text(const fs::path& p, std::size_t max_bytes) const {
  std::error_code ec;
  if (fs::is_directory(p, ec)) return make_error(ErrorCode::Corrupt, "expected a file, found a directory", p.string());
  std::ifstream in(p, std::ios::binary);
  if (!in) {
    // ifstream hides errno portably; ask the filesystem why.
    auto st = fs::status(p, ec);
    if (ec || !fs::exists(st)) return make_error(ErrorCode::NotFound, "file does not exist", p.string());
    return make_error(ErrorCode::PermissionDenied, "file cannot be opened (no read permission?)", p.string());
  }
  std::string out;
  char buf[8192];
  // sysfs and procfs files report size 0, so read until EOF with a cap.
  while (in.read(buf, sizeof buf) || in.gcount() > 0) {
    out.append(buf, static_cast<std::size_t>(in.gcount()));
    if (out.size() > max_bytes) {
      return make_error(ErrorCode::Corrupt, "file is larger than the " + std::to_string(max_bytes) + " bytes expected",
                        p.string());
    }
  }
  if (in.bad()) return make_error(ErrorCode::Io, "read failed", p.string());
  return out;
}

Result<std::string> PathStore::read_attr(const fs::path& p) const {
  auto text = read_text(p, 64u << 10);
  if (!text) return text.error();
  std::string s = std::move(text).value();
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) s.pop_back();
  return s;
}

Result<std::vector<unsigned char>> PathStore::read_bytes(const fs::path& p, std::size_t max_bytes) const {
  auto text = read_text(p, max_bytes);
  if (!text) return text.error();
  return std::vector<unsigned char>(text->begin(), text->end());
}

Result<fs::path> PathStore::read_link(const fs::path& p) const {
  std::error_code ec;
  fs::path target = fs::read_symlink(p, ec);
  if (ec) return error_from(ec, p, "cannot read link");
  return target;
}

Result<std::vector<std::string>> PathStore::list(const fs::path& dir) const {
  std::error_code ec;
  fs::directory_iterator it(dir, ec);
  if (ec) return error_from(ec, dir, "cannot list directory");
  std::vector<std::string> names;
  for (const auto& entry : it) names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

bool PathStore::exists(const fs::path& p) const {
  std::error_code ec;
  return fs::exists(fs::symlink_status(p, ec)) && !ec;
}

}  // namespace vmstick
