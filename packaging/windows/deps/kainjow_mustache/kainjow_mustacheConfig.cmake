# SPDX-License-Identifier: GPL-3.0-or-later
# kainjow mustache (the HTML report's template engine), header-only, for the mingw cross build.
include("${CMAKE_CURRENT_LIST_DIR}/../header_package.cmake")
vmstick_header_package(kainjow::mustache DIRS kainjow)
