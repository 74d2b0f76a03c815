// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The only place on the user's drive the speed test writes to: a folder
// `.vmstick-speedtest-<pid>/` it creates in the target, holding a lock file
// with the owner's process id and the test file. Removal deletes exactly
// those two names and the (then empty) folder — never anything else, so a
// mistake cannot cost the user a file.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/bench/bench_io.hpp"
#include "core/result.hpp"

namespace vmstick::bench {

inline constexpr std::string_view kWorkspacePrefix = ".vmstick-speedtest-";
inline constexpr std::string_view kLockName = "owner.pid";
inline constexpr std::string_view kTestFileName = "testfile.bin";

class Workspace {
 public:
  // Creates the folder (which must not exist) and its lock file.
  static Result<Workspace> create(BenchIo& io, const std::filesystem::path& target);

  Workspace(Workspace&& other) noexcept : dir_(std::move(other.dir_)) { other.dir_.reset(); }
  Workspace& operator=(Workspace&&) = delete;
  Workspace(const Workspace&) = delete;
  Workspace& operator=(const Workspace&) = delete;
  // Best effort; call remove() to learn whether it worked.
  ~Workspace();

  const std::filesystem::path& dir() const { return *dir_; }
  std::filesystem::path test_file() const { return *dir_ / kTestFileName; }
  // Removes the test file, the lock and the folder. Idempotent; a folder
  // that already vanished (drive pulled) counts as removed.
  Status remove();

 private:
  explicit Workspace(std::filesystem::path dir) : dir_(std::move(dir)) {}
  std::optional<std::filesystem::path> dir_;
};

// Removes the workspace of one run (the test file, the lock, the folder).
Status remove_workspace_dir(const std::filesystem::path& dir);

// Finds workspaces in target left by runs that were killed (their owner
// process no longer exists) and removes them. Returns the folders removed;
// folders of live runs and folders holding anything unexpected are kept.
std::vector<std::filesystem::path> clean_litter(BenchIo& io, const std::filesystem::path& target);

}  // namespace vmstick::bench
