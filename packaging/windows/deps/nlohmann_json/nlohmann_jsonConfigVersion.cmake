# SPDX-License-Identifier: GPL-3.0-or-later
# Cross builds only (packaging/windows/mingw-w64-x86_64.cmake).
include("${CMAKE_CURRENT_LIST_DIR}/../header_package.cmake")
vmstick_header_version(nlohmann/detail/abi_macros.hpp "define NLOHMANN_JSON_VERSION_MAJOR ([0-9]+)" "define NLOHMANN_JSON_VERSION_MINOR ([0-9]+)"
                       "define NLOHMANN_JSON_VERSION_PATCH ([0-9]+)")
