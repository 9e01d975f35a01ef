# cmake -DARBOR_BINARY_DIR=... -DDEBS_DIR=... -DVERSION=... -P debian_packages_test.cmake
# Builds arbor, arbor-keymanager and arbor-sdk-dev with cpack and checks each one's files and
# control fields: everything under /usr, each file in the right package, no test fixture shipped,
# and library dependencies found by dpkg-shlibdeps.
cmake_minimum_required(VERSION 3.25)
file(REMOVE_RECURSE ${DEBS_DIR})
execute_process(COMMAND cpack -G DEB -B ${DEBS_DIR} --config ${ARBOR_BINARY_DIR}/CPackConfig.cmake
                RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "cpack failed (${status}):\n${out}\n${err}")
endif()

# Fails unless `text` contains each of the remaining arguments.
function(expect_all what text)
  foreach(needle IN LISTS ARGN)
    string(FIND "${text}" "${needle}" at)
    if(at EQUAL -1)
      message(FATAL_ERROR "${what} lacks '${needle}':\n${text}")
    endif()
  endforeach()
endfunction()

function(check_package name arch)
  set(deb ${DEBS_DIR}/${name}_${VERSION}_${arch}.deb)
  if(NOT EXISTS ${deb})
    file(GLOB made ${DEBS_DIR}/*.deb)
    message(FATAL_ERROR "cpack made no ${deb}; it made: ${made}")
  endif()
  execute_process(COMMAND dpkg-deb -c ${deb} OUTPUT_VARIABLE contents COMMAND_ERROR_IS_FATAL ANY)
  execute_process(COMMAND dpkg-deb -f ${deb} Package Architecture Depends OUTPUT_VARIABLE control COMMAND_ERROR_IS_FATAL ANY)
  string(REGEX MATCHALL " \\./[^\n]*" paths "${contents}")
  foreach(path IN LISTS paths)
    if(NOT path MATCHES "^ \\./(usr/.*)?$" OR path MATCHES "fixture|/tests?/")
      message(FATAL_ERROR "${deb} ships ${path}, which does not belong in a package:\n${contents}")
    endif()
  endforeach()
  set(${name}_contents "${contents}" PARENT_SCOPE)
  set(${name}_control "${control}" PARENT_SCOPE)
endfunction()

execute_process(COMMAND dpkg --print-architecture OUTPUT_VARIABLE arch OUTPUT_STRIP_TRAILING_WHITESPACE COMMAND_ERROR_IS_FATAL ANY)
check_package(arbor ${arch})
check_package(arbor-keymanager ${arch})
check_package(arbor-sdk-dev all)

expect_all("arbor's files" "${arbor_contents}"
  " ./usr/bin/arbor\n" " ./usr/lib/arbor/manifests/\n" " ./usr/lib/arbor/plugins/\n" " ./usr/share/doc/arbor/operator-guide.md\n"
  " ./usr/share/doc/arbor/console.md\n")
expect_all("arbor's control fields" "${arbor_control}" "Package: arbor\n" "libboost-json1.81.0" "libc6" "libstdc++6")

expect_all("arbor-keymanager's files" "${arbor-keymanager_contents}"
  " ./usr/lib/arbor/plugins/libarbor_keymanager.so\n" " ./usr/lib/arbor/manifests/keymanager.json\n")
expect_all("arbor-keymanager's control fields" "${arbor-keymanager_control}"
  "arbor (= ${VERSION})" "libssl3" "libsqlite3-0" "libcurl4" "libargon2-1")

expect_all("arbor-sdk-dev's files" "${arbor-sdk-dev_contents}"
  " ./usr/include/arbor/sdk/sdk.hpp\n" " ./usr/include/arbor/sdk/plugin_services.hpp\n"
  " ./usr/include/arbor/sdk/audit_trail.hpp\n"
  " ./usr/share/cmake/ArborSDK/ArborSDKConfig.cmake\n" " ./usr/share/cmake/ArborSDK/ArborSDKConfigVersion.cmake\n"
  " ./usr/share/cmake/ArborSDK/ArborPluginFunctions.cmake\n" " ./usr/share/doc/arbor-sdk-dev/plugin-guide.md\n"
  " ./usr/share/doc/arbor-sdk-dev/examples/auditlog/auditlog.json\n")
expect_all("arbor-sdk-dev's control fields" "${arbor-sdk-dev_control}" "Architecture: all" "libboost1.81-dev" "cmake")

foreach(other arbor arbor-sdk-dev)
  string(FIND "${${other}_contents}" "libarbor_keymanager.so" at)
  if(NOT at EQUAL -1)
    message(FATAL_ERROR "${other} ships the Key Manager, which belongs in arbor-keymanager alone")
  endif()
endforeach()
