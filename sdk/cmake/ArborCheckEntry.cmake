# cmake -DLIBRARY=<module> -DNM=<nm> -P ArborCheckEntry.cmake
# Fails the build when a plugin module does not export the entry point the console looks up,
# which happens when no source file says ARBOR_PLUGIN_ENTRY(entry).
execute_process(COMMAND ${NM} -D --defined-only ${LIBRARY}
                OUTPUT_VARIABLE symbols ERROR_VARIABLE problem RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "${LIBRARY}: cannot list its exported symbols with ${NM}: ${problem}")
endif()
if(NOT symbols MATCHES "[ \t]arbor_plugin_entry\n")
  message(FATAL_ERROR "${LIBRARY} exports no arbor_plugin_entry, so the console cannot load it: "
                      "add ARBOR_PLUGIN_ENTRY(entry) to one source file of the plugin")
endif()
