# SPDX-License-Identifier: GPL-3.0-or-later
# Cross builds only (packaging/windows/mingw-w64-x86_64.cmake).
include("${CMAKE_CURRENT_LIST_DIR}/../header_package.cmake")
vmstick_header_package(Catch2::Catch2 DIRS catch2)
# Catch.cmake (catch_discover_tests) is a host-side script: use the one the
# Debian catch2 package installs. It runs test programs through
# CMAKE_CROSSCOMPILING_EMULATOR, i.e. wine.
set(VMSTICK_HOST_CATCH2_CMAKE "/usr/lib/cmake/Catch2" CACHE PATH "Host folder holding Catch.cmake")
if(NOT EXISTS "${VMSTICK_HOST_CATCH2_CMAKE}/Catch.cmake")
  message(FATAL_ERROR "Catch.cmake not found in ${VMSTICK_HOST_CATCH2_CMAKE} (Debian package catch2)")
endif()
list(APPEND CMAKE_MODULE_PATH "${VMSTICK_HOST_CATCH2_CMAKE}")
