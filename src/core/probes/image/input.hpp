// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What the user points vmstick at: a disk image, a VM config (.vbox, .vmx,
// libvirt XML, Hyper-V .vmcx) or a VM folder. Resolves it to a config (if
// any) and the disk to analyse, and fills ImageFacts.
#include <filesystem>

#include "core/facts/image_facts.hpp"
#include "core/probes/image/byte_source.hpp"

namespace vmstick::image {

// Never fails: what cannot be learned becomes unknown facts with the reason.
// bytes_read (optional) receives the bytes read from disk images.
ImageFacts analyse_input(const std::filesystem::path& path, const FileOpener& opener, std::uint64_t* bytes_read = nullptr);

}  // namespace vmstick::image
