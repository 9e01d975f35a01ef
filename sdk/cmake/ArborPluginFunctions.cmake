# arbor_add_plugin(NAME <target> SOURCES <file>... [LIBS <lib>...] [MANIFEST <file>]
#                  [OUTPUT_DIR <dir>] [COMPONENT <component>])
#
# Builds an Arbor console plugin: a shared module with hidden visibility whose only export is the
# entry point declared with ARBOR_PLUGIN_ENTRY (checked after every link). With MANIFEST:
#  - the library's file name is taken from the manifest's "library" ("libNAME.so"), so the two
#    cannot drift apart, and the manifest's "api" is checked against this SDK's API version;
#  - the manifest is copied into ARBOR_MANIFEST_OUTPUT_DIR (default: beside the library), so
#    `arbor --manifests <that dir>` finds the plugin straight from the build tree;
#  - `cmake --install` puts the library into <prefix>/lib/arbor/plugins and the manifest into
#    <prefix>/lib/arbor/manifests, where an arbor installed in the same prefix finds them.
# Without MANIFEST (test fixtures) the module is only built. OUTPUT_DIR defaults to
# ARBOR_PLUGIN_OUTPUT_DIR, else the current binary directory.
#
# Expects ARBOR_SDK_INCLUDE_DIR (set by ArborSDKConfig.cmake) and the target arbor::sdk.
include_guard(GLOBAL)

# The SDK API version, read from the headers so there is one place that defines it; kept as
# global properties so arbor_add_plugin works in any directory of the project.
file(STRINGS "${ARBOR_SDK_INCLUDE_DIR}/arbor/sdk/version.hpp" _arbor_api_lines REGEX "api_(major|minor) = [0-9]+")
string(REGEX REPLACE ".*api_major = ([0-9]+).*" "\\1" ARBOR_SDK_API_MAJOR "${_arbor_api_lines}")
string(REGEX REPLACE ".*api_minor = ([0-9]+).*" "\\1" ARBOR_SDK_API_MINOR "${_arbor_api_lines}")
set_property(GLOBAL PROPERTY ARBOR_SDK_API_MAJOR ${ARBOR_SDK_API_MAJOR})
set_property(GLOBAL PROPERTY ARBOR_SDK_API_MINOR ${ARBOR_SDK_API_MINOR})
unset(_arbor_api_lines)

# Reads `manifest`'s library name and API version; fails configuration when they do not fit.
function(_arbor_plugin_manifest manifest out_output_name)
  get_property(sdk_major GLOBAL PROPERTY ARBOR_SDK_API_MAJOR)
  get_property(sdk_minor GLOBAL PROPERTY ARBOR_SDK_API_MINOR)
  file(READ "${manifest}" text)
  string(JSON library ERROR_VARIABLE problem GET "${text}" library)
  if(problem)
    message(FATAL_ERROR "${manifest}: no \"library\" field (${problem}): add \"library\": \"libNAME.so\"")
  endif()
  if(NOT library MATCHES "^lib([A-Za-z0-9_.+-]+)\\.so$")
    message(FATAL_ERROR "${manifest}: \"library\" is \"${library}\": write a plain file name, \"libNAME.so\"")
  endif()
  set(${out_output_name} ${CMAKE_MATCH_1} PARENT_SCOPE)
  string(JSON major ERROR_VARIABLE problem GET "${text}" api major)
  string(JSON minor ERROR_VARIABLE problem GET "${text}" api minor)
  if(problem OR NOT major EQUAL sdk_major OR minor GREATER sdk_minor)
    message(FATAL_ERROR "${manifest}: \"api\" is ${major}.${minor}, but this SDK provides API "
                        "${sdk_major}.${sdk_minor}: set \"api\" to {\"major\": ${sdk_major}, \"minor\": ${sdk_minor}}")
  endif()
endfunction()

function(arbor_add_plugin)
  cmake_parse_arguments(P "" "NAME;MANIFEST;OUTPUT_DIR;COMPONENT" "SOURCES;LIBS" ${ARGN})
  if(NOT P_NAME OR NOT P_SOURCES)
    message(FATAL_ERROR "arbor_add_plugin needs NAME <target> and SOURCES <file>...")
  endif()
  if(P_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "arbor_add_plugin(${P_NAME}): unknown arguments ${P_UNPARSED_ARGUMENTS}")
  endif()
  if(NOT P_OUTPUT_DIR)
    set(P_OUTPUT_DIR ${ARBOR_PLUGIN_OUTPUT_DIR})
  endif()
  if(NOT P_OUTPUT_DIR)
    set(P_OUTPUT_DIR ${CMAKE_CURRENT_BINARY_DIR})
  endif()

  add_library(${P_NAME} MODULE ${P_SOURCES})
  target_link_libraries(${P_NAME} PRIVATE arbor::sdk ${P_LIBS})
  set_target_properties(${P_NAME} PROPERTIES
    PREFIX "lib"
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON
    LIBRARY_OUTPUT_DIRECTORY ${P_OUTPUT_DIR})
  add_custom_command(TARGET ${P_NAME} POST_BUILD
    COMMAND ${CMAKE_COMMAND} -DLIBRARY=$<TARGET_FILE:${P_NAME}> -DNM=${CMAKE_NM}
            -P ${CMAKE_CURRENT_FUNCTION_LIST_DIR}/ArborCheckEntry.cmake
    VERBATIM)
  if(NOT P_MANIFEST)
    return()
  endif()

  get_filename_component(manifest ${P_MANIFEST} ABSOLUTE)
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${manifest})
  _arbor_plugin_manifest(${manifest} output_name)
  set_target_properties(${P_NAME} PROPERTIES OUTPUT_NAME ${output_name})
  set(manifest_dir ${ARBOR_MANIFEST_OUTPUT_DIR})
  if(NOT manifest_dir)
    set(manifest_dir ${P_OUTPUT_DIR})
  endif()
  get_filename_component(manifest_name ${manifest} NAME)
  add_custom_command(TARGET ${P_NAME} POST_BUILD
    COMMAND ${CMAKE_COMMAND} -E make_directory ${manifest_dir}
    COMMAND ${CMAKE_COMMAND} -E copy_if_different ${manifest} ${manifest_dir}/${manifest_name}
    VERBATIM)

  if(P_COMPONENT)
    set(component COMPONENT ${P_COMPONENT})
  endif()
  install(TARGETS ${P_NAME} LIBRARY DESTINATION lib/arbor/plugins ${component})
  install(FILES ${manifest} DESTINATION lib/arbor/manifests ${component})
endfunction()
