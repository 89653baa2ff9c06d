# Lists the test cases of a Boost.Test executable and writes a CTest include file that registers
# each case as its own test. Run after every build of the executable (see WorkbookTesting.cmake).
#
# Input: EXECUTABLE, OUTPUT, PREFIX, LABELS, PLOT_DIR, ENVIRONMENT (a list of NAME=value, set for
# every test besides WORKBOOK_PLOT_DIR), TIMEOUT, EXPECT_NOT_IMPLEMENTED, RUN_EXPECT.

execute_process(COMMAND ${EXECUTABLE} --list_content=DOT
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE dot)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${EXECUTABLE} --list_content failed (${rc}):\n${out}${dot}")
endif()

# Nodes:  tu<id>[...,label="<name>|<file>(<line>)|labels: @a @b"];   Edges:  tu<parent> -> tu<child>;
string(REPLACE ";" "," dot "${dot}")
string(REPLACE "\n" ";" lines "${dot}")
set(ids "")
foreach(line IN LISTS lines)
  if(line MATCHES "^tu([0-9]+)\\[.*label=\"([^|\"]+)\\|?([^|\"]*)\\|?([^\"]*)\"")
    set(id ${CMAKE_MATCH_1})
    list(APPEND ids ${id})
    set(name_${id} "${CMAKE_MATCH_2}")
    set(labels_${id} "")
    string(REGEX MATCHALL "@[A-Za-z0-9_-]+" tags "${CMAKE_MATCH_4}")
    foreach(tag IN LISTS tags)
      string(SUBSTRING "${tag}" 1 -1 tag)
      list(APPEND labels_${id} ${tag})
    endforeach()
  elseif(line MATCHES "^tu([0-9]+) -> tu([0-9]+)")
    set(parent_${CMAKE_MATCH_2} ${CMAKE_MATCH_1})
    set(has_children_${CMAKE_MATCH_1} ON)
  endif()
endforeach()

set(content "# Generated from ${EXECUTABLE} --list_content; do not edit.\n")
set(environment "WORKBOOK_PLOT_DIR=${PLOT_DIR}" ${ENVIRONMENT})
foreach(id IN LISTS ids)
  if(has_children_${id} OR NOT DEFINED parent_${id})
    continue()  # a suite, or the master suite
  endif()
  # Path below the master suite, and the labels inherited from the enclosing suites.
  set(path "${name_${id}}")
  set(labels ${LABELS} ${labels_${id}})
  set(up ${parent_${id}})
  while(DEFINED parent_${up})
    set(path "${name_${up}}/${path}")
    list(APPEND labels ${labels_${up}})
    set(up ${parent_${up}})
  endwhile()
  list(REMOVE_DUPLICATES labels)
  set(test_name "${PREFIX}/${path}")
  if(EXPECT_NOT_IMPLEMENTED)
    # The stubs must fail every graded test, and say why.
    string(APPEND content
      "add_test([=[${test_name}]=] \"${CMAKE_COMMAND}\" -D EXPECT_EXIT=nonzero "
      "\"-D\" \"EXPECT_OUTPUT=not implemented yet: exercises/[a-z0-9_/]+\\\\.cpp:[0-9]+ \\\\(Chapter [0-9]+\" "
      "-P \"${RUN_EXPECT}\" -- \"${EXECUTABLE}\" \"--run_test=${path}\" --color_output=no)\n")
  else()
    string(APPEND content
      "add_test([=[${test_name}]=] \"${EXECUTABLE}\" \"--run_test=${path}\" --color_output=no)\n")
  endif()
  set(labels_escaped "${labels}")
  string(APPEND content
    "set_tests_properties([=[${test_name}]=] PROPERTIES LABELS \"${labels_escaped}\" "
    "TIMEOUT ${TIMEOUT} ENVIRONMENT \"${environment}\")\n")
endforeach()

# Only touch the file when it changes, so that CTest does not re-read it needlessly.
if(EXISTS ${OUTPUT})
  file(READ ${OUTPUT} previous)
endif()
if(NOT "${previous}" STREQUAL "${content}")
  file(WRITE ${OUTPUT} "${content}")
endif()
