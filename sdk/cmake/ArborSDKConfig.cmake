# The installed Arbor SDK, for plugins built outside the Arbor tree:
#   find_package(ArborSDK 1.0 REQUIRED)
#   arbor_add_plugin(NAME myplugin SOURCES myplugin.cpp MANIFEST myplugin.json)
# gives the target arbor::sdk (the headers; they need the Boost 1.81 headers for BOOST_DLL_ALIAS)
# and arbor_add_plugin (see ArborPluginFunctions.cmake). Installed in <prefix>/share/cmake/ArborSDK.
include(CMakeFindDependencyMacro)
find_dependency(Boost 1.81.0 EXACT CONFIG)

get_filename_component(_arbor_sdk_prefix "${CMAKE_CURRENT_LIST_DIR}/../../.." ABSOLUTE)
set(ARBOR_SDK_INCLUDE_DIR "${_arbor_sdk_prefix}/include")
unset(_arbor_sdk_prefix)
if(NOT TARGET arbor::sdk)
  add_library(arbor::sdk INTERFACE IMPORTED)
  set_target_properties(arbor::sdk PROPERTIES
    INTERFACE_INCLUDE_DIRECTORIES "${ARBOR_SDK_INCLUDE_DIR}"
    INTERFACE_COMPILE_FEATURES cxx_std_20
    INTERFACE_COMPILE_DEFINITIONS BOOST_DLL_USE_STD_FS
    INTERFACE_LINK_LIBRARIES Boost::headers)
endif()
include("${CMAKE_CURRENT_LIST_DIR}/ArborPluginFunctions.cmake")
