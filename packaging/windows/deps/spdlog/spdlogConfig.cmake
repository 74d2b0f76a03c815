# SPDX-License-Identifier: GPL-3.0-or-later
# Cross builds only (packaging/windows/mingw-w64-x86_64.cmake).
include(CMakeFindDependencyMacro)
find_dependency(fmt)
include("${CMAKE_CURRENT_LIST_DIR}/../header_package.cmake")
# Header-only spdlog on the header-only fmt above, as Debian builds it (external fmt).
vmstick_header_package(spdlog::spdlog DIRS spdlog DEFINES SPDLOG_HEADER_ONLY SPDLOG_FMT_EXTERNAL LINK fmt::fmt)
if(NOT TARGET spdlog::spdlog_header_only)
  add_library(spdlog::spdlog_header_only ALIAS spdlog::spdlog)
endif()
