# One warning policy for every first-party target. Third-party headers come in
# through imported targets, which CMake marks SYSTEM, so their warnings stay out.
function(vmstick_warnings target)
  if(MSVC)
    target_compile_options(${target} PRIVATE /W4 $<$<BOOL:${VMSTICK_WERROR}>:/WX>)
  else()
    target_compile_options(${target} PRIVATE
      -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Woverloaded-virtual
      -Wcast-align -Wformat=2 -Wimplicit-fallthrough
      # GCC 12 reports false "maybe uninitialized" on std::optional<std::string>
      # moves (GCC bug 105562 and friends); the sanitizer build catches real ones.
      $<$<CXX_COMPILER_ID:GNU>:-Wno-maybe-uninitialized>
      $<$<BOOL:${VMSTICK_WERROR}>:-Werror>)
  endif()
endfunction()

option(VMSTICK_PCH "Precompile the heavy third-party headers (faster builds)" ON)

# Precompiled headers cut the build on two cores by a good part; they are
# skipped when cross-compiling (the mingw build uses header-only deps).
function(vmstick_pch target)
  if(VMSTICK_PCH AND NOT CMAKE_CROSSCOMPILING)
    target_precompile_headers(${target} PRIVATE "${PROJECT_SOURCE_DIR}/src/cmake/pch_common.hpp" ${ARGN})
  endif()
endfunction()
