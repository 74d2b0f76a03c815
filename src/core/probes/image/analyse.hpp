// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// From a path to a fully analysed disk: detect the format (best sniff score
// wins), parse it, open the extents a VMDK descriptor lists, and follow the
// parent chain the way the hypervisor resolves it.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/probes/image/byte_source.hpp"
#include "core/probes/image/disk_info.hpp"

namespace vmstick::image {

struct ImageFile {
  std::string path;
  std::uint64_t size{0};
};

struct Layer {
  std::string path;
  DiskInfo disk;
  std::vector<ImageFile> files;  // the layer's own file(s): descriptor and extents
};

enum class ChainState { None, Complete, MissingParent, MismatchedParent, Loop, UnreadableParent, TooDeep };
std::string_view to_string(ChainState s);

struct ImageAnalysis {
  std::vector<Layer> layers;  // [0] the image asked about, then each parent
  ChainState chain{ChainState::None};
  std::string chain_detail;   // names the file and the field when the chain is broken
  std::uint64_t bytes_read{0};  // through every byte source opened
};

// Detects and parses one file (no chain). VMDK descriptors open their extents
// through the opener.
Result<Layer> analyse_layer(const std::filesystem::path& path, const FileOpener& opener, std::uint64_t& bytes_read);
// Detects and parses bytes already in hand (the fuzzers' entry point).
Result<DiskInfo> analyse_bytes(ByteSource& src);
// The image and its whole parent chain (at most 32 deep).
Result<ImageAnalysis> analyse_image(const std::filesystem::path& path, const FileOpener& opener);

// Where a path stored inside an image or config points, seen from base_dir:
// backslashes become separators; a Windows absolute path (C:\..., \\server)
// cannot exist here, so its file name beside base_dir is tried, as a user
// who copied the VM folder to a stick would expect.
std::filesystem::path resolve_stored_path(const std::string& stored, const std::filesystem::path& base_dir);

// "dynamic" or "fixed": how the image takes space on the stick.
std::string allocation_kind(const DiskInfo& d);

}  // namespace vmstick::image
