# SPDX-License-Identifier: GPL-3.0-or-later
# Used by the package configs in this folder (cross builds only): makes a
# header-only imported target from one header tree of the build host.
#
# The tree is copied into the build dir so the include path holds just that
# library, never the host's /usr/include with its glibc headers.
set(VMSTICK_HOST_INCLUDE "/usr/include" CACHE PATH "Where the host's header-only libraries live")

# vmstick_header_package(<target> DIRS <subdir>... [DEFINES ...] [LINK ...])
function(vmstick_header_package target)
  cmake_parse_arguments(H "" "" "DIRS;DEFINES;LINK" ${ARGN})
  if(TARGET ${target})
    return()
  endif()
  set(stage "${CMAKE_BINARY_DIR}/mingw-headers")
  foreach(dir IN LISTS H_DIRS)
    if(NOT EXISTS "${VMSTICK_HOST_INCLUDE}/${dir}")
      message(FATAL_ERROR "${target}: ${VMSTICK_HOST_INCLUDE}/${dir} not found (install the Debian -dev package)")
    endif()
    file(COPY "${VMSTICK_HOST_INCLUDE}/${dir}" DESTINATION "${stage}")
  endforeach()
  add_library(${target} INTERFACE IMPORTED)
  set_target_properties(${target} PROPERTIES
    INTERFACE_INCLUDE_DIRECTORIES "${stage}"
    INTERFACE_COMPILE_DEFINITIONS "${H_DEFINES}"
    INTERFACE_LINK_LIBRARIES "${H_LINK}")
endfunction()

# For the <Pkg>ConfigVersion.cmake files: reads "major.minor.patch" from
# macros in a header (one regex with one capture group per part) and sets
# PACKAGE_VERSION; compatible when the major versions match and it is new enough.
function(vmstick_header_version header major_re minor_re patch_re)
  set(parts "")
  foreach(re IN ITEMS "${major_re}" "${minor_re}" "${patch_re}")
    file(STRINGS "${VMSTICK_HOST_INCLUDE}/${header}" line REGEX "${re}" LIMIT_COUNT 1)
    string(REGEX MATCH "${re}" _ "${line}")
    if(CMAKE_MATCH_1 STREQUAL "")
      # An unknown version must not pass as compatible.
      set(PACKAGE_VERSION_UNSUITABLE TRUE PARENT_SCOPE)
      return()
    endif()
    list(APPEND parts "${CMAKE_MATCH_1}")
  endforeach()
  list(JOIN parts "." version)
  list(GET parts 0 major)
  set(PACKAGE_VERSION "${version}" PARENT_SCOPE)
  set(PACKAGE_VERSION_COMPATIBLE FALSE PARENT_SCOPE)
  if(NOT PACKAGE_FIND_VERSION OR
     (major EQUAL PACKAGE_FIND_VERSION_MAJOR AND NOT version VERSION_LESS PACKAGE_FIND_VERSION))
    set(PACKAGE_VERSION_COMPATIBLE TRUE PARENT_SCOPE)
  endif()
  if(version VERSION_EQUAL PACKAGE_FIND_VERSION)
    set(PACKAGE_VERSION_EXACT TRUE PARENT_SCOPE)
  endif()
endfunction()
