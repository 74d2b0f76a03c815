// SPDX-License-Identifier: GPL-3.0-or-later
// Built instead of xml/ when no XML library is available to the build (the
// mingw-w64 cross build: Debian ships pugixml for Linux only). The disks
// beside such a config are still analysed; the config itself is "unknown".
#include "core/probes/image/vm_config.hpp"

namespace vmstick::image {

Result<VmConfig> parse_vbox(std::string_view, std::string_view name) {
  return make_error(ErrorCode::NotSupported, "this build of vmstick cannot read VirtualBox .vbox files (no XML library)",
                    std::string(name));
}

Result<VmConfig> parse_libvirt(std::string_view, std::string_view name) {
  return make_error(ErrorCode::NotSupported, "this build of vmstick cannot read libvirt XML files (no XML library)",
                    std::string(name));
}

}  // namespace vmstick::image
