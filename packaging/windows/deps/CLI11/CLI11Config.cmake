# SPDX-License-Identifier: GPL-3.0-or-later
# Cross builds only (packaging/windows/mingw-w64-x86_64.cmake).
include("${CMAKE_CURRENT_LIST_DIR}/../header_package.cmake")
vmstick_header_package(CLI11::CLI11 DIRS CLI)
