# cmake -DPYTHON=... -DGUIDE=... -DEXAMPLES_DIR=... -DWORK_DIR=... -P guide_sync_test.cmake
# The plugin guide quotes the examples exactly (guide_blocks.py check), and the check is not
# blind: a guide whose block drifted by one comment, and one with a block tied to no file, fail.
cmake_minimum_required(VERSION 3.25)

# Runs the check on `guide`; `expect` is "pass" or a text its failure message must contain.
function(check_guide guide expect)
  execute_process(COMMAND ${PYTHON} ${CMAKE_CURRENT_LIST_DIR}/guide_blocks.py check ${guide} ${EXAMPLES_DIR}
                  RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(expect STREQUAL "pass")
    if(NOT status EQUAL 0)
      message(FATAL_ERROR "the plugin guide and the examples it quotes differ:\n${out}${err}")
    endif()
    return()
  endif()
  string(FIND "${err}" "${expect}" at)
  if(status EQUAL 0 OR at EQUAL -1)
    message(FATAL_ERROR "the check of ${guide} should fail with '${expect}': exit ${status}\n${out}${err}")
  endif()
endfunction()

check_guide(${GUIDE} pass)

file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR})
file(READ ${GUIDE} text)
string(REPLACE "class audit_log_plugin final : public plugin {" "class audit_log_plugin final : public plugin {  // drifted"
       drifted "${text}")
file(WRITE ${WORK_DIR}/drifted.md "${drifted}")
check_guide(${WORK_DIR}/drifted.md "the block differs from auditlog/plugin.cpp")

file(WRITE ${WORK_DIR}/untied.md "${text}\n```cpp\nint main() {}\n```\n")
check_guide(${WORK_DIR}/untied.md "block tied to no example file")
file(REMOVE_RECURSE ${WORK_DIR})
