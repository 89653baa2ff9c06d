# The index of a build: what the `workbook` tool needs to know about it, so that the tool knows
# nothing of the build's internals (no target names of its own, no output folders, no parsing of
# CMake's files or of the build tool's output). Written at generation time with file(GENERATE):
# <build>/workbook_index.json.
#
#   {
#     "format": 1,
#     "kind": "workbook",                        or "grading" (tools/workbook/grading)
#     "edition": "instructor",                   edition.json's
#     "solutions": "reference",                  WORKBOOK_SOLUTIONS
#     "source_dir": "...", "binary_dir": "...", "generator": "Ninja", "build_type": "Debug",
#     "cxx_compiler": "/usr/bin/c++", "sanitize": false,
#     "index_target": "workbook_index",          building it refreshes the build and this file
#     "plot_dir": ".../build/plots",             where CTest's tests draw
#     "test_environment": {"WORKBOOK_DATA_DIR": ".../data"},   what every test needs besides
#                                                              WORKBOOK_PLOT_DIR
#     "chapters": [{
#       "chapter": "ch01",
#       "tests": {"target": "ch01_tests", "program": ".../ch01_tests", "labels": ["ch01", "graded"]},
#       "listing": {...},                        (instructor's copy) the program that lists the
#                                                graded cases: the tests with the references
#       "exercises": [{
#         "name": "gradient_descent_step", "file": "gradient_descent_step.cpp",
#         "objects": {"target": "workbook_ex_ch01_gradient_descent_step_reference",
#                     "source": ".../solutions/ch01/reference/gradient_descent_step.cpp"},
#         "reference": "workbook_ex_ch01_gradient_descent_step_reference",   (instructor's copy)
#         "mistakes": [{                                                     (diagnosis tests)
#           "name": "sign", "source": ".../mistakes/gradient_descent_step_sign.cpp",
#           "diagnosis": "x moved uphill, to x \\+ η∇f",
#           "test": "ch01/diagnosis/gradient_descent_step/sign",
#           "program": {"target": "...", "program": "...", "labels": ["ch01", "diagnosis"]}}]
#       }]
#     }],
#     "grading": {                               (instructor's copy) what a grading project imports
#       "project": ".../tools/workbook/grading", "targets_file": ".../workbook_grading_targets.cmake",
#       "target": "workbook_grading_base"
#     }
#   }
#
# A grading build writes the same format, kind "grading": per chapter the "listing" program of the
# instructor's build, and per exercise handed in, "objects" (the student's file) and "grading" (the
# chapter's tests with the student's file for this exercise and the reference solutions of all
# the others).

# workbook_json_string(<out> <text>): <text> as a JSON string, quotes included.
function(workbook_json_string out text)
  string(REPLACE "\\" "\\\\" text "${text}")
  string(REPLACE "\"" "\\\"" text "${text}")
  string(REPLACE "\n" "\\n" text "${text}")
  string(REPLACE "\t" "\\t" text "${text}")
  string(REPLACE "\r" "\\r" text "${text}")
  set(${out} "\"${text}\"" PARENT_SCOPE)
endfunction()

# workbook_json_program(<out> <target> <labels>...): a program of the build, as the index gives it.
function(workbook_json_program out target)
  set(labels "")
  foreach(label IN LISTS ARGN)
    list(APPEND labels "\"${label}\"")
  endforeach()
  list(JOIN labels ", " labels)
  set(${out} "{\"target\": \"${target}\", \"program\": \"$<TARGET_FILE:${target}>\", \"labels\": [${labels}]}"
    PARENT_SCOPE)
endfunction()

# workbook_json_environment(<out>): WORKBOOK_TEST_ENVIRONMENT (NAME=value ...) as a JSON object.
function(workbook_json_environment out)
  set(entries "")
  foreach(entry IN LISTS WORKBOOK_TEST_ENVIRONMENT)
    string(FIND "${entry}" "=" at)
    string(SUBSTRING "${entry}" 0 ${at} name)
    math(EXPR at "${at} + 1")
    string(SUBSTRING "${entry}" ${at} -1 value)
    workbook_json_string(value "${value}")
    list(APPEND entries "\"${name}\": ${value}")
  endforeach()
  list(JOIN entries ", " entries)
  set(${out} "{${entries}}" PARENT_SCOPE)
endfunction()

# workbook_json_build(<out> <kind>): the fields every index starts with.
function(workbook_json_build out kind)
  workbook_json_string(source "${PROJECT_SOURCE_DIR}")
  workbook_json_string(binary "${PROJECT_BINARY_DIR}")
  workbook_json_string(generator "${CMAKE_GENERATOR}")
  workbook_json_string(build_type "${CMAKE_BUILD_TYPE}")
  workbook_json_string(compiler "${CMAKE_CXX_COMPILER}")
  workbook_json_environment(environment)
  if(WORKBOOK_SANITIZE)
    set(sanitize true)
  else()
    set(sanitize false)
  endif()
  set(${out} "{\n  \"format\": 1,\n  \"kind\": \"${kind}\",\n  \"source_dir\": ${source},\n  \"binary_dir\": ${binary},\n  \"generator\": ${generator},\n  \"build_type\": ${build_type},\n  \"cxx_compiler\": ${compiler},\n  \"sanitize\": ${sanitize},\n  \"index_target\": \"workbook_index\",\n  \"test_environment\": ${environment}"
    PARENT_SCOPE)
endfunction()

# workbook_write_index()
#   Writes <build>/workbook_index.json for the workbook's own build, and, in the instructor's copy,
#   exports what a grading build reuses (workbook_grading_targets.cmake, built by the target
#   workbook_grading_base): the library, the test main, the chapters' compiled tests and the
#   reference solutions; the target also builds the programs that list the graded cases. Call it
#   last, when every target exists.
function(workbook_write_index)
  workbook_json_build(json workbook)
  workbook_json_string(plot_dir "${WORKBOOK_PLOT_DIR}")
  string(APPEND json ",\n  \"edition\": \"${WORKBOOK_EDITION}\",\n  \"solutions\": \"${WORKBOOK_SOLUTIONS}\",\n  \"plot_dir\": ${plot_dir},\n  \"chapters\": [")
  if(WORKBOOK_EDITION STREQUAL "instructor" AND NOT WORKBOOK_SOLUTIONS STREQUAL "reference")
    workbook_exercise_set(workbook_with_references REFERENCE)
  endif()
  set(exported workbook_flags workbook_sanitized workbook_core workbook_test_main workbook_testing)
  set(built workbook_core workbook_test_main workbook_testing)
  get_property(chapters GLOBAL PROPERTY WORKBOOK_CHAPTERS)
  set(chapter_separator "")
  foreach(chapter IN LISTS chapters)
    list(APPEND exported ${chapter}_exercise_options ${chapter}_test_objects)
    list(APPEND built ${chapter}_test_objects)
    workbook_json_program(tests ${chapter}_tests ${chapter} graded)
    string(APPEND json "${chapter_separator}\n    {\n      \"chapter\": \"${chapter}\",\n      \"tests\": ${tests},")
    if(WORKBOOK_EDITION STREQUAL "instructor")
      # The list of graded cases comes from the chapter's tests with every reference solution, and
      # never from a program that holds a student's file: the chapter's test program when it is
      # built with the reference solutions, else a program of its own.
      if(WORKBOOK_SOLUTIONS STREQUAL "reference")
        set(listing ${chapter}_tests)
      else()
        set(listing workbook_listing_${chapter})
        # Built for gradings only (workbook_grading_base).
        add_executable(${listing} EXCLUDE_FROM_ALL $<TARGET_OBJECTS:${chapter}_test_objects>)
        target_link_libraries(${listing} PRIVATE ${chapter}_test_objects workbook_with_references)
      endif()
      list(APPEND built ${listing})
      workbook_json_program(listing ${listing} ${chapter} listing)
      string(APPEND json "\n      \"listing\": ${listing},")
    endif()
    string(APPEND json "\n      \"exercises\": [")
    set(chapter_separator ",")
    get_property(names GLOBAL PROPERTY WORKBOOK_EXERCISES:${chapter})
    set(exercise_separator "")
    foreach(name IN LISTS names)
      set(id ${chapter}_${name})
      get_property(file GLOBAL PROPERTY WORKBOOK_FILE:${chapter}/${name})
      get_property(selected GLOBAL PROPERTY WORKBOOK_SELECTED:${chapter}/${name})
      get_target_property(sources ${selected} SOURCES)
      workbook_json_string(source "${sources}")
      string(APPEND json "${exercise_separator}\n        {\"name\": \"${name}\", \"file\": \"${file}\",\n         \"objects\": {\"target\": \"${selected}\", \"source\": ${source}}")
      set(exercise_separator ",")
      if(TARGET workbook_ex_${id}_reference)
        string(APPEND json ",\n         \"reference\": \"workbook_ex_${id}_reference\"")
        list(APPEND exported workbook_ex_${id}_reference)
        list(APPEND built workbook_ex_${id}_reference)
      endif()
      string(APPEND json ",\n         \"mistakes\": [")
      get_property(mistakes GLOBAL PROPERTY WORKBOOK_MISTAKES:${chapter}/${name})
      set(mistake_separator "")
      foreach(mistake IN LISTS mistakes)
        if(NOT TARGET ${chapter}_tests_${name}_${mistake})
          continue()  # no diagnosis tests in this build
        endif()
        get_property(source GLOBAL PROPERTY WORKBOOK_MISTAKE_FILE:${chapter}/${name}/${mistake})
        get_property(diagnosis GLOBAL PROPERTY WORKBOOK_DIAGNOSIS:${chapter}/${name}/${mistake})
        workbook_json_string(source "${source}")
        workbook_json_string(diagnosis "${diagnosis}")
        workbook_json_program(program ${chapter}_tests_${name}_${mistake} ${chapter} diagnosis)
        string(APPEND json "${mistake_separator}\n           {\"name\": \"${mistake}\", \"source\": ${source},\n            \"diagnosis\": ${diagnosis},\n            \"test\": \"${chapter}/diagnosis/${name}/${mistake}\",\n            \"program\": ${program}}")
        set(mistake_separator ",")
      endforeach()
      string(APPEND json "]}")
    endforeach()
    string(APPEND json "]\n    }")
  endforeach()
  string(APPEND json "\n  ]")

  if(WORKBOOK_EDITION STREQUAL "instructor")
    set(targets_file ${PROJECT_BINARY_DIR}/workbook_grading_targets.cmake)
    export(TARGETS ${exported} FILE ${targets_file})
    add_custom_target(workbook_grading_base)
    add_dependencies(workbook_grading_base ${built})
    workbook_json_string(project "${PROJECT_SOURCE_DIR}/tools/workbook/grading")
    workbook_json_string(targets_file "${targets_file}")
    string(APPEND json ",\n  \"grading\": {\"project\": ${project}, \"targets_file\": ${targets_file}, \"target\": \"workbook_grading_base\"}")
  endif()
  string(APPEND json "\n}\n")
  file(GENERATE OUTPUT ${PROJECT_BINARY_DIR}/workbook_index.json CONTENT "${json}")
  # Building this target runs CMake again first when a manifest (or any input of the build) changed,
  # which rewrites the index.
  add_custom_target(workbook_index)
endfunction()
