# Debian packages, one per install component (`cpack -G DEB` in the build directory):
#   arbor             the console host (bin/arbor, the plugin directories, the operator guide)
#   arbor-keymanager  the Key Manager plugin and its manifest; needs the same version of arbor
#   arbor-sdk-dev     the SDK headers, the CMake package ArborSDK, the plugin guide and examples
# Library dependencies come from dpkg-shlibdeps; files go under /usr, so the host finds the
# installed manifests in /usr/lib/arbor/manifests.
# Packages are made from a finished build (scripts/test builds everything first), so neither
# cpack nor `make install` rebuilds the tree: the packaging test runs cpack while other tests run.
set(CMAKE_SKIP_INSTALL_ALL_DEPENDENCY ON)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME arbor)
set(CPACK_PACKAGE_VENDOR "Arbor")
set(CPACK_PACKAGE_CONTACT "Arbor maintainers <arbor-maintainers@lists.example.org>")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL host keymanager sdk)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION admin)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_ENABLE_COMPONENT_DEPENDS ON)

set(CPACK_DEBIAN_HOST_PACKAGE_NAME arbor)
set(CPACK_DEBIAN_KEYMANAGER_PACKAGE_NAME arbor-keymanager)
set(CPACK_DEBIAN_KEYMANAGER_PACKAGE_SUGGESTS golang-cfssl)
set(CPACK_DEBIAN_SDK_PACKAGE_NAME arbor-sdk-dev)
set(CPACK_DEBIAN_SDK_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_SDK_PACKAGE_ARCHITECTURE all)
set(CPACK_DEBIAN_SDK_PACKAGE_DEPENDS "libboost1.81-dev, cmake (>= 3.25)")
set(CPACK_DEBIAN_SDK_PACKAGE_RECOMMENDS "arbor (>= ${PROJECT_VERSION}), g++ (>= 4:12)")

include(CPack)
cpack_add_component(host DISPLAY_NAME "Arbor console"
  DESCRIPTION "Arbor, a snap-in style management console for Linux servers: the console host.")
cpack_add_component(keymanager DISPLAY_NAME "Key Manager" DEPENDS host
  DESCRIPTION "The Key Manager plugin for Arbor: escrow of users' S/MIME key histories.")
cpack_add_component(sdk DISPLAY_NAME "Arbor plugin SDK"
  DESCRIPTION "Headers, CMake package and guide for writing Arbor console plugins.")
