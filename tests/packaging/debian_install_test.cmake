# cmake -DDEBS_DIR=... -DWORK_DIR=... -P debian_install_test.cmake
# Installs the three packages with apt-get, as an administrator would, checks that /usr/bin/arbor
# loads the Key Manager from /usr/lib/arbor and that find_package(ArborSDK) works from /usr, then
# removes them. Changes the system: runs only as root with ARBOR_TEST_INSTALL_DEBS=1.
cmake_minimum_required(VERSION 3.25)
execute_process(COMMAND id -u OUTPUT_VARIABLE uid OUTPUT_STRIP_TRAILING_WHITESPACE)
if(NOT uid STREQUAL "0" OR NOT "$ENV{ARBOR_TEST_INSTALL_DEBS}" STREQUAL "1")
  message("SKIPPED: installing packages needs root and ARBOR_TEST_INSTALL_DEBS=1 (the CI sets both)")
  return()
endif()
if(EXISTS /usr/bin/arbor)
  message(FATAL_ERROR "/usr/bin/arbor already exists: this test installs and removes Arbor, so run it where none is installed")
endif()

file(GLOB debs ${DEBS_DIR}/*.deb)
set(ENV{DEBIAN_FRONTEND} noninteractive)
execute_process(COMMAND apt-get install -y --no-install-recommends ${debs} RESULT_VARIABLE installed
                OUTPUT_VARIABLE out ERROR_VARIABLE err)
set(problem "")
if(NOT installed EQUAL 0)
  set(problem "apt-get install failed:\n${out}\n${err}")
else()
  file(REMOVE_RECURSE ${WORK_DIR})
  execute_process(COMMAND /usr/bin/arbor plugins --json --data-dir ${WORK_DIR}/kms --config identity.key-type=ec-p384
                  OUTPUT_VARIABLE plugins RESULT_VARIABLE status)
  string(FIND "${plugins}" "\"id\":\"org.arbor.keymanager\",\"state\":\"loaded\",\"manifest\":\"/usr/lib/arbor/manifests/keymanager.json\"" at)
  if(NOT status EQUAL 0 OR at EQUAL -1)
    set(problem "the installed arbor did not load the installed Key Manager:\n${plugins}")
  endif()
  file(WRITE ${WORK_DIR}/probe/CMakeLists.txt
       "cmake_minimum_required(VERSION 3.25)\nproject(Probe LANGUAGES CXX)\nfind_package(ArborSDK 1.0 REQUIRED)\n")
  execute_process(COMMAND ${CMAKE_COMMAND} -S ${WORK_DIR}/probe -B ${WORK_DIR}/probe/build RESULT_VARIABLE status
                  OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT status EQUAL 0)
    string(APPEND problem "\nfind_package(ArborSDK 1.0) failed with the SDK in /usr:\n${out}\n${err}")
  endif()
endif()
execute_process(COMMAND apt-get remove -y arbor-sdk-dev arbor-keymanager arbor OUTPUT_QUIET ERROR_QUIET)
if(problem)
  message(FATAL_ERROR "${problem}")
endif()
