# Checks the web console's files against what its Content-Security-Policy and its rule "plugin
# text is text" allow, so a change that would only break in a browser (or open an injection) fails
# here first: no markup from strings (innerHTML and its kin), no eval, no inline script, style
# attribute or on* handler in HTML, nothing loaded from another site.
#   cmake -DASSET_DIR=host/web/assets -P assets_within_csp.cmake
if(NOT ASSET_DIR)
  message(FATAL_ERROR "give -DASSET_DIR=<folder>")
endif()

set(forbidden_in_js "innerHTML" "outerHTML" "insertAdjacentHTML" "document\\.write" "eval\\(" "new Function"
                    "setAttribute\\(\"style\"" "setAttribute\\(\"on")
set(forbidden_in_html "<script>" "<script [^>]*>[^<]" "<style" " style=" " on[a-z]+=" "javascript:")
set(forbidden_anywhere "https?://[a-zA-Z0-9.:/_-]+" "//cdn" "@import")

file(GLOB files "${ASSET_DIR}/*.js" "${ASSET_DIR}/*.html" "${ASSET_DIR}/*.css" "${ASSET_DIR}/*.svg")
set(problems "")
foreach(file IN LISTS files)
  file(READ "${file}" text)
  # The SVG namespace is a name, not an address anything is loaded from.
  string(REPLACE "http://www.w3.org/2000/svg" "" text "${text}")
  set(patterns ${forbidden_anywhere})
  if(file MATCHES "\\.js$")
    list(APPEND patterns ${forbidden_in_js})
  elseif(file MATCHES "\\.html$")
    list(APPEND patterns ${forbidden_in_html})
  endif()
  foreach(pattern IN LISTS patterns)
    if(text MATCHES "${pattern}")
      string(APPEND problems "\n  ${file}: \"${CMAKE_MATCH_0}\" (pattern ${pattern})")
    endif()
  endforeach()
endforeach()
list(LENGTH files count)
if(count LESS 3)
  message(FATAL_ERROR "found only ${count} files in ${ASSET_DIR}")
endif()
if(problems)
  message(FATAL_ERROR "the web console's files step outside their Content-Security-Policy:${problems}")
endif()
message(STATUS "${count} files checked")
