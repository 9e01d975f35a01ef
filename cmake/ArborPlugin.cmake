# arbor_add_plugin(<target> SOURCES ... [LIBS ...] [OUTPUT_DIR dir])
# Builds a console plugin: a shared library with hidden visibility whose only export is the
# entry point declared with ARBOR_PLUGIN_ENTRY.
function(arbor_add_plugin target)
  cmake_parse_arguments(P "" "OUTPUT_DIR" "SOURCES;LIBS" ${ARGN})
  if(NOT P_OUTPUT_DIR)
    set(P_OUTPUT_DIR ${ARBOR_PLUGIN_OUTPUT_DIR})
  endif()
  add_library(${target} MODULE ${P_SOURCES})
  target_link_libraries(${target} PRIVATE arbor::sdk ${P_LIBS})
  set_target_properties(${target} PROPERTIES
    PREFIX "lib"
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON
    LIBRARY_OUTPUT_DIRECTORY ${P_OUTPUT_DIR})
endfunction()
