# Boost.Test executables whose test cases become separate CTest tests.
#
# Every Boost.Test case runs in its own process (`--run_test=<suite>/<case>`), so a crash in one
# case cannot hide the others' results. The cases are listed after each build (POST_BUILD runs the
# binary with --list_content=DOT) and registered through a generated CTest include file, the way
# gtest_discover_tests does. Each test carries the labels
#   <chapter>  (ch01, ..., or lib)          so that `ctest -L ch01` runs one chapter,
#   <kind>     (lib, graded, diagnosis, ...) what the test is for,
#   and the Boost.Test labels of its case (e.g. plot: the case draws a figure for the course).

set(WORKBOOK_TEST_TIMEOUT 120 CACHE STRING "Seconds before CTest stops a test case")

# The environment every test runs in, besides its plot folder (WORKBOOK_PLOT_DIR): where the data
# sets are (workbook::data_file() reads WORKBOOK_DATA_DIR) and where the golden files are
# (workbook::testing::golden_file() reads WORKBOOK_GOLDEN_DIR). A list of NAME=value, the one
# definition that CTest gives each test and that the index (cmake/WorkbookIndex.cmake) gives the
# `workbook` tool. No test program has a folder compiled in: its objects are the same in every copy
# of the workbook, and the compiler cache shares them.
set(WORKBOOK_TEST_ENVIRONMENT
  "WORKBOOK_DATA_DIR=${PROJECT_SOURCE_DIR}/data"
  "WORKBOOK_GOLDEN_DIR=${PROJECT_SOURCE_DIR}/lib/testing/golden")

# The Boost.Test main (workbook_test_main) and the helpers every test uses (workbook_testing) are
# the testing layer's, lib/testing/.

# workbook_discover_tests(<target> CHAPTER <chapter> KIND <kind> [NAME_PREFIX <prefix>]
#                         [ENVIRONMENT <NAME=value>...])
#   ENVIRONMENT: what the program's tests need besides WORKBOOK_TEST_ENVIRONMENT.
function(workbook_discover_tests target)
  cmake_parse_arguments(PARSE_ARGV 1 ARG "" "CHAPTER;KIND;NAME_PREFIX" "ENVIRONMENT")
  if(NOT ARG_NAME_PREFIX)
    set(ARG_NAME_PREFIX ${ARG_CHAPTER})
  endif()
  set(expect_not_implemented OFF)
  if(WORKBOOK_EXPECT_NOT_IMPLEMENTED AND ARG_KIND STREQUAL "graded")
    set(expect_not_implemented ON)
  endif()
  set(include_file ${CMAKE_CURRENT_BINARY_DIR}/${target}_tests.cmake)
  set(environment ${WORKBOOK_TEST_ENVIRONMENT} ${ARG_ENVIRONMENT})
  string(REPLACE ";" "$<SEMICOLON>" environment "${environment}")
  add_custom_command(TARGET ${target} POST_BUILD
    COMMAND ${CMAKE_COMMAND}
      -D EXECUTABLE=$<TARGET_FILE:${target}>
      -D OUTPUT=${include_file}
      -D PREFIX=${ARG_NAME_PREFIX}
      -D LABELS=${ARG_CHAPTER}$<SEMICOLON>${ARG_KIND}
      -D PLOT_DIR=${WORKBOOK_PLOT_DIR}
      "-D ENVIRONMENT=${environment}"
      -D TIMEOUT=${WORKBOOK_TEST_TIMEOUT}
      -D EXPECT_NOT_IMPLEMENTED=${expect_not_implemented}
      -D RUN_EXPECT=${PROJECT_SOURCE_DIR}/cmake/run_expect.cmake
      -P ${PROJECT_SOURCE_DIR}/cmake/discover_boost_tests.cmake
    BYPRODUCTS ${include_file}
    VERBATIM)
  # CTest reads the list through a guard, so that a tree where this program is not built yet
  # (a partial build: `cmake --build --target ...`) still lists and runs its other tests.
  set(guard_file ${CMAKE_CURRENT_BINARY_DIR}/${target}_include.cmake)
  file(WRITE ${guard_file}
    "if(EXISTS \"${include_file}\")\n"
    "  include(\"${include_file}\")\n"
    "else()\n"
    "  add_test(${target}_NOT_BUILT ${target}_NOT_BUILT)\n"
    "endif()\n")
  set_property(DIRECTORY APPEND PROPERTY TEST_INCLUDE_FILES ${guard_file})
endfunction()

# workbook_test_compile_options(<target>)
#   How the test files are compiled, unlike the library and the exercises they test: in a Debug
#   build they keep line tables only (-g1, which comes after the build type's -g). A failure and a
#   backtrace still name the test's file and line, the library and the exercises keep full debug
#   information for gdb, and the test objects compile in about three quarters of the time and link
#   faster into the many programs that carry them (a chapter's tests, each known mistake's, each
#   exercise's in a grading).
function(workbook_test_compile_options target)
  target_compile_options(${target} PRIVATE $<$<CONFIG:Debug>:-g1>)
endfunction()

# workbook_add_boost_test(<target> CHAPTER <chapter> KIND <kind> SOURCES ... [LIBRARIES ...]
#                         [ENVIRONMENT <NAME=value>...])
#   ENVIRONMENT: what its tests need besides WORKBOOK_TEST_ENVIRONMENT (a folder, a program), given
#   to them by CTest rather than compiled in.
function(workbook_add_boost_test target)
  cmake_parse_arguments(PARSE_ARGV 1 ARG "" "CHAPTER;KIND" "SOURCES;LIBRARIES;ENVIRONMENT")
  add_executable(${target} ${ARG_SOURCES})
  workbook_unity_build(${target})
  workbook_test_compile_options(${target})
  target_link_libraries(${target} PRIVATE workbook_testing ${ARG_LIBRARIES})
  workbook_discover_tests(${target} CHAPTER ${ARG_CHAPTER} KIND ${ARG_KIND}
    ENVIRONMENT ${ARG_ENVIRONMENT})
endfunction()

# workbook_add_chapter_tests(<chapter>)
#   The solution tests of a chapter, as its manifest lists them (and its hidden tests,
#   solutions/<chapter>/hidden/*.cpp, graded like the others and left out of the student edition):
#   compiled once (OBJECT library <chapter>_test_objects), linked into <chapter>_tests against the
#   selected implementations (workbook_with_exercises), and again against each known mistake of the
#   manifest (workbook_add_diagnosis_test).
function(workbook_add_chapter_tests chapter)
  get_property(sources GLOBAL PROPERTY WORKBOOK_TESTS:${chapter})
  file(GLOB hidden CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/solutions/${chapter}/hidden/*.cpp)
  add_library(${chapter}_test_objects OBJECT ${sources} ${hidden})
  workbook_unity_build(${chapter}_test_objects)
  workbook_test_compile_options(${chapter}_test_objects)
  target_link_libraries(${chapter}_test_objects PUBLIC workbook_testing)
  add_executable(${chapter}_tests $<TARGET_OBJECTS:${chapter}_test_objects>)
  target_link_libraries(${chapter}_tests PRIVATE ${chapter}_test_objects workbook_with_exercises)
  workbook_discover_tests(${chapter}_tests CHAPTER ${chapter} KIND graded)
  if(WORKBOOK_DIAGNOSIS_TESTS AND WORKBOOK_EDITION STREQUAL "instructor")
    get_property(names GLOBAL PROPERTY WORKBOOK_EXERCISES:${chapter})
    foreach(name IN LISTS names)
      get_property(mistakes GLOBAL PROPERTY WORKBOOK_MISTAKES:${chapter}/${name})
      foreach(mistake IN LISTS mistakes)
        workbook_add_diagnosis_test(${chapter}/${name} ${mistake})
      endforeach()
    endforeach()
  endif()
endfunction()

# workbook_diagnosis_programs(<chapter> <program>)
#   Adds <program> to the target <chapter>_diagnosis_programs, which the test
#   <chapter>/diagnosis/build builds before the chapter's diagnosis tests run (their fixture). The
#   builds of two chapters take turns (RESOURCE_LOCK): one build folder, one build at a time.
function(workbook_diagnosis_programs chapter program)
  if(NOT TARGET ${chapter}_diagnosis_programs)
    add_custom_target(${chapter}_diagnosis_programs)
    add_test(NAME ${chapter}/diagnosis/build
      COMMAND ${CMAKE_COMMAND} --build ${PROJECT_BINARY_DIR} --target ${chapter}_diagnosis_programs)
    set_tests_properties(${chapter}/diagnosis/build PROPERTIES
      LABELS "${chapter};diagnosis"
      FIXTURES_SETUP ${chapter}_diagnosis_programs
      RESOURCE_LOCK workbook_build_folder
      # Started early: the chapter's diagnosis tests wait for it.
      COST 5000
      TIMEOUT 1800)
  endif()
  add_dependencies(${chapter}_diagnosis_programs ${program})
endfunction()

# workbook_add_diagnosis_test(<chapter>/<exercise> <mistake>)
#   Builds the chapter's tests with a known wrong implementation of one exercise (and the reference
#   solutions of the others) and checks that a case of that exercise's test suite fails and prints
#   the diagnosis of the manifest (a regex): the cases run one at a time, in order, until one does
#   (cmake/run_diagnosis.cmake). The program is not part of `all`: the chapter's diagnosis tests
#   build their programs first, through the fixture <chapter>/diagnosis/build (a build of the
#   target <chapter>_diagnosis_programs), so that a build that only draws the course, or runs one
#   chapter's tests, does not compile and link every known mistake of every chapter.
function(workbook_add_diagnosis_test exercise mistake)
  string(REPLACE "/" ";" parts ${exercise})
  list(GET parts 0 chapter)
  list(GET parts 1 name)
  set(id ${chapter}_${name}_${mistake})
  get_property(diagnosis GLOBAL PROPERTY WORKBOOK_DIAGNOSIS:${exercise}/${mistake})
  math(EXPR suite_timeout "5 * ${WORKBOOK_TEST_TIMEOUT}")
  string(REPLACE ";" "$<SEMICOLON>" expect "${diagnosis}")
  workbook_exercise_set(workbook_with_mistake_${id} REFERENCE
    OVERRIDE ${exercise} mistake_${mistake})
  add_executable(${chapter}_tests_${name}_${mistake} EXCLUDE_FROM_ALL
    $<TARGET_OBJECTS:${chapter}_test_objects>)
  target_link_libraries(${chapter}_tests_${name}_${mistake}
    PRIVATE ${chapter}_test_objects workbook_with_mistake_${id})
  # A program only the diagnosis test runs: linked without its objects' debug information, in a
  # third of the time (Boost.Test's messages name files and lines from __FILE__ and __LINE__).
  target_link_options(${chapter}_tests_${name}_${mistake} PRIVATE -Wl,--strip-debug)
  workbook_diagnosis_programs(${chapter} ${chapter}_tests_${name}_${mistake})
  add_test(NAME ${chapter}/diagnosis/${name}/${mistake}
    COMMAND ${CMAKE_COMMAND}
      -D SUITE=${name}
      # $<SEMICOLON>: a ';' in the regex must not split it into two arguments.
      -D "DIAGNOSIS=${expect}"
      -P ${PROJECT_SOURCE_DIR}/cmake/run_diagnosis.cmake --
      $<TARGET_FILE:${chapter}_tests_${name}_${mistake}> --color_output=no)
  set_tests_properties(${chapter}/diagnosis/${name}/${mistake} PROPERTIES
    LABELS "${chapter};diagnosis"
    FIXTURES_REQUIRED ${chapter}_diagnosis_programs
    # The known mistake's figures would be drawn for nobody: the claims are checked without them.
    ENVIRONMENT "WORKBOOK_PLOT_DIR=${PROJECT_BINARY_DIR}/solutions/${chapter}/mistake_plots;WORKBOOK_FIGURES=off;${WORKBOOK_TEST_ENVIRONMENT}"
    # Up to a whole suite, not one case: Chapter 6's experiment trains for about a minute on an
    # idle machine, and more than two on a busy one.
    TIMEOUT ${suite_timeout})
endfunction()
