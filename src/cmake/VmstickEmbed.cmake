# Turns data files (the findings catalog, report templates) into a C++ source
# so the binaries never look for them on disk at run time.
#
# vmstick_embed(OUT <file.cpp> SYMBOL <name> FILES <f1> <f2> ...)
# defines `const vmstick::EmbeddedFile <name>[]` and `<name>_count`.
function(vmstick_embed)
  cmake_parse_arguments(E "" "OUT;SYMBOL" "FILES" ${ARGN})
  add_custom_command(
    OUTPUT "${E_OUT}"
    COMMAND "${CMAKE_COMMAND}" -DOUT=${E_OUT} -DSYMBOL=${E_SYMBOL}
            "-DFILES=${E_FILES}" -P "${CMAKE_CURRENT_FUNCTION_LIST_DIR}/embed_files.cmake"
    DEPENDS ${E_FILES} "${CMAKE_CURRENT_FUNCTION_LIST_DIR}/embed_files.cmake"
    COMMENT "Embedding ${E_SYMBOL}"
    VERBATIM)
endfunction()
