# Runs a known mistake's program on its exercise's suite, one case at a time in the suite's order,
# until a case fails with the diagnosis; the cases after it are not run, since that settles it
# (the workbook tool's `validate` does the same).
#   cmake -D SUITE=<exercise> -D DIAGNOSIS=<regex> -P run_diagnosis.cmake -- <program> [args...]
# Passes when a case fails and its output matches DIAGNOSIS; fails, with every case's output, when
# no case does. Chapter 6's suites train networks for minutes: a mistake that its first cases name
# no longer runs the rest.

include(${CMAKE_CURRENT_LIST_DIR}/command_after_separator.cmake)
command_after_separator(command)
if(NOT DEFINED SUITE OR NOT DEFINED DIAGNOSIS)
  message(FATAL_ERROR "run_diagnosis.cmake: usage: cmake -D SUITE=<suite> -D DIAGNOSIS=<regex> "
    "-P run_diagnosis.cmake -- <program> [args...]")
endif()

# The cases of the suite, in order, from Boost.Test's listing: four spaces of indent per level,
# "name*" or "name*: description" (the star: enabled). A line is a case when the next line is not
# indented deeper.
execute_process(COMMAND ${command} --list_content RESULT_VARIABLE rc
  OUTPUT_VARIABLE listing ERROR_VARIABLE listing)
if(NOT rc STREQUAL "0")
  message(FATAL_ERROR "run_diagnosis: `${command} --list_content` failed (${rc}):\n${listing}")
endif()
# Each line cut to its indent and name: a description may hold what a CMake list would split on
# or group by ([, ], ;).
string(REGEX REPLACE "(\n *[A-Za-z0-9_]+)[^\n]*" "\\1" names_only "\n${listing}")
string(STRIP "${names_only}" names_only)
string(REPLACE "\n" ";" lines "${names_only}")
set(names "")
set(depths "")
foreach(line IN LISTS lines)
  if(NOT line MATCHES "^( *)([A-Za-z0-9_]+)$")
    continue()
  endif()
  string(LENGTH "${CMAKE_MATCH_1}" indent)
  math(EXPR depth "${indent} / 4")
  list(APPEND names "${CMAKE_MATCH_2}")
  list(APPEND depths "${depth}")
endforeach()
list(LENGTH names count)
set(cases "")
set(path "")
set(inside OFF)
math(EXPR last_entry "${count} - 1")
foreach(i RANGE ${last_entry})
  list(GET names ${i} name)
  list(GET depths ${i} depth)
  if(depth EQUAL 0)
    set(inside OFF)
    if(name STREQUAL SUITE)
      set(inside ON)
    endif()
  endif()
  # The path to this entry: the first <depth> names of the previous path, then this name.
  if(depth GREATER 0)
    list(SUBLIST path 0 ${depth} path)
  else()
    set(path "")
  endif()
  list(APPEND path "${name}")
  if(NOT inside)
    continue()
  endif()
  set(is_case ON)
  if(i LESS last_entry)
    math(EXPR next "${i} + 1")
    list(GET depths ${next} next_depth)
    if(next_depth GREATER depth)
      set(is_case OFF)
    endif()
  endif()
  if(is_case AND depth GREATER 0)
    string(JOIN "/" case_path ${path})
    list(APPEND cases "${case_path}")
  endif()
endforeach()
if(NOT cases)
  message(FATAL_ERROR "run_diagnosis: the program lists no case of the suite ${SUITE}:\n${listing}")
endif()

set(outputs "")
set(run 0)
list(LENGTH cases total)
foreach(case IN LISTS cases)
  math(EXPR run "${run} + 1")
  execute_process(COMMAND ${command} --run_test=${case} RESULT_VARIABLE rc
    OUTPUT_VARIABLE out ERROR_VARIABLE out)
  if(NOT rc STREQUAL "0" AND out MATCHES "${DIAGNOSIS}")
    message("${out}")
    math(EXPR skipped "${total} - ${run}")
    message("run_diagnosis: ${case} (case ${run} of ${total}) fails with the diagnosis; the "
      "${skipped} cases after it are not run")
    return()
  endif()
  string(APPEND outputs "---- ${case} (exit status ${rc})\n${out}\n")
endforeach()
message("${outputs}")
message(FATAL_ERROR "run_diagnosis: FAILED: none of the ${total} cases of ${SUITE} fails with "
  "output matching the diagnosis: ${DIAGNOSIS}")
