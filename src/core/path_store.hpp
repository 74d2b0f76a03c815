// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Every path vmstick reads from the OS goes through a PathStore, so tests can
// point the whole tool at a recorded machine (tests/fixtures/<scenario>/) and
// nothing in the probes ever spells a literal "/sys" or "/proc".
#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace vmstick {

class PathStore {
 public:
  // Reads the live machine.
  PathStore() = default;
  // Reads a recorded tree: root/proc/cpuinfo, root/sys/..., root/dev/...
  explicit PathStore(std::filesystem::path root) : root_(std::move(root)) {}

  // The prefix in use; empty for the live machine.
  const std::filesystem::path& root() const { return root_; }
  bool is_replay() const { return !root_.empty(); }

  std::filesystem::path sys(std::string_view rel = {}) const { return under("sys", rel); }
  std::filesystem::path proc(std::string_view rel = {}) const { return under("proc", rel); }
  std::filesystem::path dev(std::string_view rel = {}) const { return under("dev", rel); }
  std::filesystem::path run_udev(std::string_view rel = {}) const { return under("run/udev", rel); }
  // Any other absolute host path (/etc/os-release, /usr/lib/virtualbox, ...).
  std::filesystem::path host(std::string_view absolute) const;

  // Small text files (sysfs attributes, cpuinfo). Refuses files larger than
  // max_bytes so a hostile or broken tree cannot make us allocate without bound.
  Result<std::string> read_text(const std::filesystem::path& p, std::size_t max_bytes = 4u << 20) const;
  // A sysfs attribute with its trailing newline removed.
  Result<std::string> read_attr(const std::filesystem::path& p) const;
  // Binary attribute (USB descriptors), bounded like read_text.
  Result<std::vector<unsigned char>> read_bytes(const std::filesystem::path& p,
                                                std::size_t max_bytes = 64u << 10) const;
  // Target of a symlink (sysfs driver links), as stored in the tree.
  Result<std::filesystem::path> read_link(const std::filesystem::path& p) const;
  // Names of the entries of a directory, sorted.
  Result<std::vector<std::string>> list(const std::filesystem::path& dir) const;
  bool exists(const std::filesystem::path& p) const;

 private:
  std::filesystem::path under(std::string_view top, std::string_view rel) const;
  std::filesystem::path root_;
};

}  // namespace vmstick
