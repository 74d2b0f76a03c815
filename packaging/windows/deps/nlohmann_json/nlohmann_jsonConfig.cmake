# SPDX-License-Identifier: GPL-3.0-or-later
# Cross builds only (packaging/windows/mingw-w64-x86_64.cmake).
include("${CMAKE_CURRENT_LIST_DIR}/../header_package.cmake")
vmstick_header_package(nlohmann_json::nlohmann_json DIRS nlohmann)
