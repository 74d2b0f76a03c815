# SPDX-License-Identifier: GPL-3.0-or-later
# Cross builds only (packaging/windows/mingw-w64-x86_64.cmake).
include("${CMAKE_CURRENT_LIST_DIR}/../header_package.cmake")
vmstick_header_package(fmt::fmt DIRS fmt DEFINES FMT_HEADER_ONLY)
if(NOT TARGET fmt::fmt-header-only)
  add_library(fmt::fmt-header-only ALIAS fmt::fmt)
endif()
