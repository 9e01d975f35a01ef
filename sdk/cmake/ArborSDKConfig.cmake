# Package configuration for plugin authors outside the Arbor tree:
#   find_package(ArborSDK 1.0 REQUIRED)          # with -DArborSDK_DIR=<arbor>/sdk/cmake
#   arbor_sdk_add_plugin(myplugin SOURCES myplugin.cpp)
# gives the target arbor::sdk (headers; needs Boost 1.81 headers for BOOST_DLL_ALIAS) and a
# function that builds a plugin module with hidden visibility.
include(CMakeFindDependencyMacro)
find_dependency(Boost 1.81.0 EXACT CONFIG)

get_filename_component(_arbor_sdk_include "${CMAKE_CURRENT_LIST_DIR}/../include" ABSOLUTE)
if(NOT TARGET arbor::sdk)
  add_library(arbor::sdk INTERFACE IMPORTED)
  set_target_properties(arbor::sdk PROPERTIES
    INTERFACE_INCLUDE_DIRECTORIES "${_arbor_sdk_include}"
    INTERFACE_COMPILE_FEATURES cxx_std_20
    INTERFACE_COMPILE_DEFINITIONS BOOST_DLL_USE_STD_FS
    INTERFACE_LINK_LIBRARIES Boost::headers)
endif()

function(arbor_sdk_add_plugin target)
  cmake_parse_arguments(P "" "" "SOURCES;LIBS" ${ARGN})
  add_library(${target} MODULE ${P_SOURCES})
  target_link_libraries(${target} PRIVATE arbor::sdk ${P_LIBS})
  set_target_properties(${target} PROPERTIES
    PREFIX "lib" CXX_VISIBILITY_PRESET hidden VISIBILITY_INLINES_HIDDEN ON)
endfunction()
