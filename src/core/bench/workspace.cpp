// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/bench/workspace.hpp"

#include <charconv>
#include <fstream>
#include <system_error>

#include "core/log/log.hpp"

namespace vmstick::bench {
namespace {

namespace fs = std::filesystem;

Error fs_error(const std::error_code& ec, std::string what, const fs::path& where) {
  ErrorCode code = ErrorCode::Io;
  if (ec == std::errc::permission_denied || ec == std::errc::operation_not_permitted ||
      ec == std::errc::read_only_file_system) {
    code = ErrorCode::PermissionDenied;
  } else if (ec == std::errc::no_such_file_or_directory) {
    code = ErrorCode::NotFound;
  }
  return make_error(code, std::move(what) + ": " + ec.message() + ".", where.string());
}

std::optional<std::int64_t> parse_pid(std::string_view s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.remove_suffix(1);
  std::int64_t pid = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), pid);
  if (ec != std::errc() || end != s.data() + s.size() || pid <= 0) return std::nullopt;
  return pid;
}

// The owner of a workspace: the lock file says; a run killed before it
// wrote the lock is named by the folder's suffix.
std::optional<std::int64_t> owner_of(const fs::path& dir) {
  std::ifstream in(dir / kLockName);
  if (in) {
    char buf[32] = {};
    in.read(buf, sizeof buf - 1);
    if (auto pid = parse_pid(std::string_view(buf, static_cast<std::size_t>(in.gcount())))) return pid;
  }
  std::string name = dir.filename().string();
  if (name.rfind(kWorkspacePrefix, 0) != 0) return std::nullopt;
  return parse_pid(std::string_view(name).substr(kWorkspacePrefix.size()));
}

}  // namespace

Result<Workspace> Workspace::create(BenchIo& io, const fs::path& target) {
  const fs::path dir = target / (std::string(kWorkspacePrefix) + std::to_string(io.current_pid()));
  std::error_code ec;
  if (!fs::create_directory(dir, ec)) {
    if (!ec) ec = std::make_error_code(std::errc::file_exists);
    return fs_error(ec, "Cannot create the speed test's folder", dir);
  }
  Workspace ws(dir);
  {
    std::ofstream lock(dir / kLockName, std::ios::binary | std::ios::trunc);
    lock << io.current_pid() << '\n';
    lock.flush();
    if (!lock) {
      return make_error(ErrorCode::Io, "Cannot write the speed test's lock file (is the drive full or read-only?).",
                        (dir / kLockName).string());
    }
  }
  return ws;
}

Workspace::~Workspace() {
  if (dir_) (void)remove();
}

Status remove_workspace_dir(const fs::path& dir) {
  std::error_code ec;
  for (std::string_view name : {kTestFileName, kLockName}) {
    fs::remove(dir / name, ec);
    if (ec && ec != std::errc::no_such_file_or_directory) return fs_error(ec, "Cannot remove the speed test's file", dir / name);
  }
  fs::remove(dir, ec);
  if (ec && ec != std::errc::no_such_file_or_directory) return fs_error(ec, "Cannot remove the speed test's folder", dir);
  return Ok{};
}

Status Workspace::remove() {
  if (!dir_) return Ok{};
  Status st = remove_workspace_dir(*dir_);
  if (st) dir_.reset();
  return st;
}

std::vector<fs::path> clean_litter(BenchIo& io, const fs::path& target) {
  std::vector<fs::path> removed;
  std::error_code ec;
  fs::directory_iterator it(target, ec);
  if (ec) return removed;
  for (const fs::directory_entry& entry : it) {
    const std::string name = entry.path().filename().string();
    if (name.rfind(kWorkspacePrefix, 0) != 0 || !entry.is_directory(ec)) continue;
    auto owner = owner_of(entry.path());
    if (!owner || *owner == io.current_pid() || io.process_alive(*owner)) continue;
    if (auto st = remove_workspace_dir(entry.path())) {
      log::get("bench")->info("removed the temp folder of a speed test that was killed: {}", entry.path().string());
      removed.push_back(entry.path());
    } else {
      log::get("bench")->warn("left a killed speed test's folder: {}", st.error().describe());
    }
  }
  return removed;
}

}  // namespace vmstick::bench
