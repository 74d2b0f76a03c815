// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// One entry point per parser, shared by the libFuzzer targets (built with
// -DVMSTICK_FUZZ=ON and clang) and by the ordinary replay test that runs every
// corpus and crash file through them on every build.
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace vmstick::fuzz {

using Entry = void (*)(const std::uint8_t* data, std::size_t size);

void qcow2(const std::uint8_t* data, std::size_t size);
void vdi(const std::uint8_t* data, std::size_t size);
void vhd(const std::uint8_t* data, std::size_t size);
void vhdx(const std::uint8_t* data, std::size_t size);
void vmdk_sparse(const std::uint8_t* data, std::size_t size);
void vmdk_descriptor(const std::uint8_t* data, std::size_t size);
void iso(const std::uint8_t* data, std::size_t size);
void detect(const std::uint8_t* data, std::size_t size);
void vmx(const std::uint8_t* data, std::size_t size);
void vbox(const std::uint8_t* data, std::size_t size);
void libvirt(const std::uint8_t* data, std::size_t size);

// By target name ("qcow2", "vbox", ...); nullptr when unknown.
Entry entry(std::string_view name);
// Every target name, for the replay test.
const std::string_view* names(std::size_t& count);

}  // namespace vmstick::fuzz
