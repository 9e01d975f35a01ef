# cmake -DARBOR_BINARY_DIR=... -DEXAMPLES_DIR=... -DWORK_DIR=... -DCXX_COMPILER=... -DPYTHON=... -P installed_example_test.cmake
# Installs Arbor (host, Key Manager, SDK) into WORK_DIR/prefix and checks the installed docs (the
# plugin guide quoting the installed examples, console.md beside the operator guide). Runs the
# plugin guide's section 1 commands as written (the SDK's prefix and HOME pointed into WORK_DIR),
# which build sdk/examples/auditlog out of tree and install it into a prefix of its own (found
# through ARBOR_MANIFEST_PATH); builds hello likewise. Checks with the installed arbor that the
# extension joins the Key Manager's menus, exports the audit log as CSV, and is inactive without
# the Key Manager.
cmake_minimum_required(VERSION 3.25)

set(prefix ${WORK_DIR}/prefix)
set(home ${WORK_DIR}/home)
set(third_party ${home}/arbor-plugins)  # where the guide's commands install the Audit Log
set(kms ${WORK_DIR}/kmsdata)
set(arbor ${prefix}/bin/arbor)
set(node "Advanced Security/Key Manager")
file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR})

# Runs a command; fails the test with its output unless it exits `expect` (default 0).
function(run what)
  cmake_parse_arguments(R "" "EXPECT;OUTPUT" "COMMAND" ${ARGN})
  if(NOT DEFINED R_EXPECT)
    set(R_EXPECT 0)
  endif()
  execute_process(COMMAND ${R_COMMAND} RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT status STREQUAL R_EXPECT)
    message(FATAL_ERROR "${what}: exit ${status}, expected ${R_EXPECT}\n${R_COMMAND}\n--- stdout\n${out}\n--- stderr\n${err}")
  endif()
  if(R_OUTPUT)
    set(${R_OUTPUT} "${out}" PARENT_SCOPE)
  endif()
endfunction()

function(expect_equal what actual expected)
  if(NOT actual STREQUAL expected)
    message(FATAL_ERROR "${what}: got '${actual}', expected '${expected}'")
  endif()
endfunction()

# The state and inactive reason of plugin `id` in `arbor plugins --json` output.
function(plugin_state json id out_state out_reason)
  string(JSON count LENGTH "${json}")
  math(EXPR last "${count} - 1")
  foreach(i RANGE ${last})
    string(JSON pid GET "${json}" ${i} id)
    if(pid STREQUAL id)
      string(JSON state GET "${json}" ${i} state)
      string(JSON reason GET "${json}" ${i} inactive_reason)
      set(${out_state} ${state} PARENT_SCOPE)
      set(${out_reason} "${reason}" PARENT_SCOPE)
      return()
    endif()
  endforeach()
  message(FATAL_ERROR "arbor plugins lists no ${id}:\n${json}")
endfunction()

run("install Arbor" COMMAND ${CMAKE_COMMAND} --install ${ARBOR_BINARY_DIR} --prefix ${prefix})

# The paths the plugin guide names hold once installed, and its blocks quote the installed examples.
foreach(doc arbor/operator-guide.md arbor/console.md arbor-sdk-dev/plugin-guide.md arbor-sdk-dev/examples/auditlog/plugin.cpp
        arbor-sdk-dev/examples/hello/hello.cpp)
  if(NOT EXISTS ${prefix}/share/doc/${doc})
    message(FATAL_ERROR "cmake --install put no ${prefix}/share/doc/${doc}")
  endif()
endforeach()
run("the installed guide quotes the installed examples" COMMAND ${PYTHON} ${CMAKE_CURRENT_LIST_DIR}/guide_blocks.py check
    ${prefix}/share/doc/arbor-sdk-dev/plugin-guide.md ${prefix}/share/doc/arbor-sdk-dev/examples)

# The version rules of the package: the same major, a minor no newer than the SDK's.
file(WRITE ${WORK_DIR}/probe/CMakeLists.txt
     "cmake_minimum_required(VERSION 3.25)\nproject(Probe LANGUAGES CXX)\nfind_package(ArborSDK \${WANT} REQUIRED)\n")
file(STRINGS ${prefix}/include/arbor/sdk/version.hpp minor_line REGEX "api_minor = [0-9]+")
string(REGEX REPLACE ".*api_minor = ([0-9]+).*" "\\1" minor "${minor_line}")
math(EXPR newer "${minor} + 1")
foreach(want "1.0;0" "1.${minor};0" "1.${newer};1" "2.0;1")
  list(GET want 0 version)
  list(GET want 1 expect)
  run("find_package(ArborSDK ${version})" EXPECT ${expect} COMMAND ${CMAKE_COMMAND} -S ${WORK_DIR}/probe
      -B ${WORK_DIR}/probe-${version} -DWANT=${version} -DCMAKE_PREFIX_PATH=${prefix} -DCMAKE_CXX_COMPILER=${CXX_COMPILER})
endforeach()

run("configure hello against the installed SDK" COMMAND ${CMAKE_COMMAND} -S ${EXAMPLES_DIR}/hello
    -B ${WORK_DIR}/build-hello -DCMAKE_CXX_COMPILER=${CXX_COMPILER} -DCMAKE_PREFIX_PATH=${prefix}
    -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF)
run("build hello" COMMAND ${CMAKE_COMMAND} --build ${WORK_DIR}/build-hello)

# The guide's section 1, as written: the SDK is in ${prefix} instead of /usr, HOME is ${home},
# scratch files go to ${scratch} instead of /tmp. Key sizes and Argon2 memory are the tests'.
set(scratch ${WORK_DIR}/guide-tmp)
file(MAKE_DIRECTORY ${home} ${scratch})
run("extract the guide's commands" COMMAND ${PYTHON} ${CMAKE_CURRENT_LIST_DIR}/guide_blocks.py commands
    ${prefix}/share/doc/arbor-sdk-dev/plugin-guide.md ${WORK_DIR}/guide-commands.sh)
file(READ ${WORK_DIR}/guide-commands.sh commands)
string(REPLACE "/usr" "${prefix}" commands "${commands}")
string(REPLACE "/tmp/" "${scratch}/" commands "${commands}")
file(WRITE ${WORK_DIR}/guide-commands.sh "${commands}")
get_filename_component(cmake_dir ${CMAKE_COMMAND} DIRECTORY)
set(ENV{HOME} ${home})
set(ENV{PATH} "${prefix}/bin:${cmake_dir}:$ENV{PATH}")
set(ENV{CXX} ${CXX_COMPILER})
set(ENV{ARBOR_CONFIG_IDENTITY_KEY_TYPE} ec-p384)
set(ENV{ARBOR_CONFIG_AUTH_ARGON2_MEMORY_KIB} 8192)
run("the plugin guide's section 1 commands" COMMAND sh -e ${WORK_DIR}/guide-commands.sh OUTPUT guide_run)
foreach(shown "org.example.auditlog  loaded" "Export Audit Log as CSV  [org.example.auditlog, extension]"
        "export-audit-log" "Audit Log Exported")
  string(FIND "${guide_run}" "${shown}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "the guide's commands did not show '${shown}':\n${guide_run}")
  endif()
endforeach()
file(STRINGS ${scratch}/audit.csv guide_csv LIMIT_COUNT 1)
expect_equal("the guide's export, first line" "${guide_csv}" "time,actor,event,outcome,detail")

set(ENV{ARBOR_MANIFEST_PATH} ${third_party}/lib/arbor/manifests)
set(options --data-dir ${kms} --config identity.key-type=ec-p384 --config auth.argon2-memory-kib=8192)

# describe shows the declared pages only; a choice the Key Manager fills in when preparing says so.
run("describe recover-keys" COMMAND ${arbor} describe ${node} recover-keys ${options} OUTPUT described)
string(FIND "${described}" "options: computed when the page is prepared" at)
if(at EQUAL -1)
  message(FATAL_ERROR "describe does not say the user choice is computed when the page is prepared:\n${described}")
endif()

run("arbor plugins" COMMAND ${arbor} plugins --json ${options} OUTPUT plugins)
plugin_state("${plugins}" org.example.auditlog state reason)
expect_equal("Audit Log state" "${state}" loaded)
plugin_state("${plugins}" org.arbor.keymanager state reason)
expect_equal("Key Manager state" "${state}" loaded)

run("arbor actions" COMMAND ${arbor} actions ${node} --json ${options} OUTPUT menu)
string(JSON task GET "${menu}" all_tasks 0 id)
expect_equal("first task (the Key Manager's own come first)" "${task}" enroll-users)
string(JSON count LENGTH "${menu}" all_tasks)
math(EXPR last "${count} - 1")
string(JSON task GET "${menu}" all_tasks ${last} id)
string(JSON extension GET "${menu}" all_tasks ${last} extension)
expect_equal("last task" "${task}" export-audit-log)
expect_equal("export-audit-log is an extension" "${extension}" ON)
string(JSON tab GET "${menu}" properties 0 id)
expect_equal("first properties tab" "${tab}" general)

file(WRITE ${WORK_DIR}/answers.json "{\"sign-in\": {\"administrator\": \"admin\"}, \"file\": {\"path\": \"${WORK_DIR}/audit.csv\"}}")
file(WRITE ${WORK_DIR}/wrong-password "not the password\n")
run("export with a wrong password" EXPECT 5 COMMAND ${arbor} run ${node} export-audit-log --answers ${WORK_DIR}/answers.json
    --password-file ${WORK_DIR}/wrong-password ${options})
if(EXISTS ${WORK_DIR}/audit.csv)
  message(FATAL_ERROR "a refused export left ${WORK_DIR}/audit.csv behind")
endif()
file(WRITE ${WORK_DIR}/password "password\n")
run("export the audit log" COMMAND ${arbor} run ${node} export-audit-log --answers ${WORK_DIR}/answers.json
    --password-file ${WORK_DIR}/password --json ${options} OUTPUT summary)
string(JSON records GET "${summary}" items records value)
file(STRINGS ${WORK_DIR}/audit.csv lines)
list(LENGTH lines line_count)
math(EXPR expected_lines "${records} + 1")
expect_equal("CSV lines (header and one per record)" "${line_count}" "${expected_lines}")
list(GET lines 0 header)
expect_equal("CSV header" "${header}" "time,actor,event,outcome,detail")
file(READ ${WORK_DIR}/audit.csv csv)
foreach(row "admin,login,failure" "admin,login,success" "admin,audit-log-read,success")
  string(FIND "${csv}" "${row}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "the exported audit log has no '${row}' record:\n${csv}")
  endif()
endforeach()
run("a second export to the same file" EXPECT 3 COMMAND ${arbor} run ${node} export-audit-log --answers ${WORK_DIR}/answers.json
    --password-file ${WORK_DIR}/password ${options})

run("the hello example" COMMAND ${arbor} --manifests ${WORK_DIR}/build-hello show Examples/Hello OUTPUT hello)
string(FIND "${hello}" "Greetings" at)
if(at EQUAL -1)
  message(FATAL_ERROR "the hello example shows no greetings:\n${hello}")
endif()

# Without the Key Manager the extension is inactive, and says why.
run("arbor plugins without the Key Manager" COMMAND ${arbor} --manifests ${third_party}/lib/arbor/manifests plugins --json
    OUTPUT plugins)
plugin_state("${plugins}" org.example.auditlog state reason)
expect_equal("Audit Log state without the Key Manager" "${state}" inactive)
string(FIND "${reason}" "org.arbor.keymanager, which is not installed" at)
if(at EQUAL -1)
  message(FATAL_ERROR "the inactive reason does not name the missing Key Manager: ${reason}")
endif()
file(REMOVE_RECURSE ${WORK_DIR})
