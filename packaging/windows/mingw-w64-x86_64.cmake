# SPDX-License-Identifier: GPL-3.0-or-later
# Cross-compiles vmstick for 64-bit Windows with Debian's mingw-w64 and runs
# the tests under wine:
#   cmake --preset mingw && cmake --build --preset mingw -j2 && ctest --preset mingw
# The -posix flavour of the compiler is needed: the win32 flavour has no
# std::mutex / std::thread, which spdlog and the engine use.
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR x86_64)
set(triple x86_64-w64-mingw32)
set(CMAKE_C_COMPILER ${triple}-gcc-posix)
set(CMAKE_CXX_COMPILER ${triple}-g++-posix)
set(CMAKE_RC_COMPILER ${triple}-windres)

# Only the mingw sysroot: the host's /usr/include must never leak in (its
# glibc headers would compile and then fail at link time or, worse, at run time).
set(CMAKE_FIND_ROOT_PATH /usr/${triple})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

# Debian ships no mingw builds of nlohmann-json, spdlog, fmt, CLI11, Catch2 or mustache.
# All five work header-only; deps/ holds small package configs that give the
# top CMakeLists.txt the same imported targets as the Linux packages do,
# built from a copy of just those header trees (see deps/header_package.cmake).
foreach(pkg nlohmann_json spdlog fmt CLI11 Catch2 kainjow_mustache)
  set(${pkg}_DIR "${CMAKE_CURRENT_LIST_DIR}/deps/${pkg}" CACHE PATH "mingw header-only ${pkg}")
endforeach()

# One self-contained .exe: no libstdc++/libgcc/winpthread DLLs to ship or to
# find under wine.
set(CMAKE_EXE_LINKER_FLAGS_INIT "-static")

# Tests and catch_discover_tests run the .exe files through wine.
set(CMAKE_CROSSCOMPILING_EMULATOR "${CMAKE_CURRENT_LIST_DIR}/wine-run.sh")
