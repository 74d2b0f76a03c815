// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <CLI/CLI.hpp>
#include <string>

#include "cli/options.hpp"

namespace vmstick::cli {

struct ImageOptions {
  std::string path;  // disk image, VM folder, .vbox, .vmx, libvirt XML or .vmcx
  bool json{false};  // print JSON on stdout instead of text
};

// `vmstick image PATH [--json]`: the image and VM configuration analysis on its own.
void add_image_command(CLI::App& app, ImageOptions& opts);
int run_image_command(const CommonOptions& common, const ImageOptions& opts, const Backend& backend);

}  // namespace vmstick::cli
