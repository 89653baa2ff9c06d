# A stale link fails the docs build. Runs Doxygen with the course's configuration over its inputs,
# two of them replaced by copies in which one link each has gone stale, and checks that Doxygen
# fails, names both links, and warns about nothing else (so that it is the links that fail it):
#   cmake -D DOXYGEN=<doxygen> -D DOXYFILE=<build>/docs/Doxyfile -D "INPUTS=<file>;..."
#         -D WORK_DIR=<scratch> -P check_stale_links.cmake
# Each stale link is given as <file>|<link as written>|<the same link, stale>.
cmake_minimum_required(VERSION 3.25)

foreach(variable IN ITEMS DOXYGEN DOXYFILE INPUTS WORK_DIR SOURCE_DIR)
  if(NOT DEFINED ${variable})
    message(FATAL_ERROR "check_stale_links.cmake needs -D ${variable}=...")
  endif()
endforeach()

# From the notes to the code, and from the code to the notes.
set(stale_links
  "${SOURCE_DIR}/chapters/ch05_adaptive.md|\\ref workbook::adam_step|\\ref workbook::adam_stepp"
  "${SOURCE_DIR}/lib/include/workbook/adaptive.hpp|\\ref ch05-adam \"|\\ref ch05-adamm \"")

file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR}/copies)
set(inputs ${INPUTS})
set(expected "")
foreach(stale IN LISTS stale_links)
  string(REPLACE "|" ";" parts "${stale}")
  list(GET parts 0 file)
  list(GET parts 1 link)
  list(GET parts 2 stale_link)
  list(FIND inputs ${file} at)
  if(at EQUAL -1)
    message(FATAL_ERROR "${file} is not one of Doxygen's inputs: update ${CMAKE_CURRENT_LIST_FILE}")
  endif()
  file(READ ${file} text)
  string(FIND "${text}" "${link}" position)
  if(position EQUAL -1)
    message(FATAL_ERROR "${file} has no '${link}' to make stale: update ${CMAKE_CURRENT_LIST_FILE}")
  endif()
  # Only the first occurrence goes stale: one broken link per file.
  string(SUBSTRING "${text}" 0 ${position} before)
  string(LENGTH "${link}" length)
  math(EXPR after_start "${position} + ${length}")
  string(SUBSTRING "${text}" ${after_start} -1 after)
  get_filename_component(name ${file} NAME)
  set(copy ${WORK_DIR}/copies/${name})
  file(WRITE ${copy} "${before}${stale_link}${after}")
  list(REMOVE_AT inputs ${at})
  list(INSERT inputs ${at} ${copy})
  string(REGEX REPLACE "^\\\\ref ([^ ]+).*" "\\1" target "${stale_link}")
  list(APPEND expected "${name}:[0-9]+: (warning|error): unable to resolve reference to '${target}'")
endforeach()

list(JOIN inputs " \\\n  " input_lines)
file(WRITE ${WORK_DIR}/Doxyfile
  "@INCLUDE = ${DOXYFILE}\n"
  "OUTPUT_DIRECTORY = ${WORK_DIR}\n"
  "SEARCHENGINE = NO\n"
  "INPUT = ${input_lines}\n")
execute_process(COMMAND ${DOXYGEN} ${WORK_DIR}/Doxyfile
  WORKING_DIRECTORY ${SOURCE_DIR}
  RESULT_VARIABLE status
  OUTPUT_VARIABLE output
  ERROR_VARIABLE output)

set(failures "")
if(status EQUAL 0)
  list(APPEND failures
    "Doxygen succeeded despite the stale links: is WARN_AS_ERROR still FAIL_ON_WARNINGS?")
endif()
string(REPLACE "\n" ";" lines "${output}")
foreach(line IN LISTS lines)
  if(NOT line MATCHES "(warning|error):")
    continue()
  endif()
  set(known OFF)
  foreach(pattern IN LISTS expected)
    if(line MATCHES "${pattern}")
      set(known ON)
    endif()
  endforeach()
  if(NOT known)
    list(APPEND failures "a warning other than the stale links': ${line}")
  endif()
endforeach()
foreach(pattern IN LISTS expected)
  if(NOT output MATCHES "${pattern}")
    list(APPEND failures "no warning matching \"${pattern}\"")
  endif()
endforeach()

if(failures)
  list(JOIN failures "\n  " report)
  message(FATAL_ERROR "A stale link must fail the docs build, and only it:\n  ${report}\n"
    "Doxygen's output (exit status ${status}):\n${output}")
endif()
message("Doxygen failed on the two stale links and on nothing else, as it should")
