# SPDX-License-Identifier: GPL-3.0-or-later
# Cross builds only (packaging/windows/mingw-w64-x86_64.cmake).
include("${CMAKE_CURRENT_LIST_DIR}/../header_package.cmake")
# FMT_VERSION is major*10000 + minor*100 + patch.
vmstick_header_version(fmt/core.h "define FMT_VERSION ([0-9]+)[0-9][0-9][0-9][0-9]" "define FMT_VERSION [0-9]+([0-9][0-9])[0-9][0-9]"
                       "define FMT_VERSION [0-9]+[0-9][0-9]([0-9][0-9])")
