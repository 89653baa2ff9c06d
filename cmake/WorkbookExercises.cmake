# Graded functions: one declaration (a header in lib/), several definitions.
#
# An exercise (listed in its chapter's manifest, cmake/WorkbookManifests.cmake) is one .cpp file
# that defines graded functions declared in lib/. It exists in up to three kinds of variant:
#   stub       ${WORKBOOK_EXERCISES_DIR}/<chapter>/<file>   what the student completes
#   reference  solutions/<chapter>/reference/<file>        the instructor's solution
#   mistakes   solutions/<chapter>/mistakes/<...>.cpp       known wrong answers (diagnosis tests)
# Each variant is compiled once, as an OBJECT library workbook_ex_<chapter>_<name>_<variant>; a
# program takes the objects of one variant per exercise, so a test program can be linked against
# any mix of them without recompiling the tests.
#
# workbook_exercise_objects() is also what the grading project (tools/workbook/grading) compiles a
# student's file with: a student's file is compiled as the stub it replaces (but at -O2 in a
# chapter that trains networks, and without debug information, since nobody steps through it).

# The chapters whose tests train networks: in a Debug build, the code that nobody steps through
# there (the reference solutions, the known mistakes, and a student's file in a grading build) is
# compiled at -O2, as the library's layers are (lib/CMakeLists.txt). It changes no result (no
# fast-math, no contraction on x86-64); the CNN's training cases spend a third of their time in
# the exercises' code (gather_patches and scatter_patches) at -Og. The stubs, which a student
# steps through, stay at -Og. Not in the sanitizer build, which runs no training.
set(WORKBOOK_TRAINING_CHAPTERS ch06)

# workbook_exercise_objects(<target> CHAPTER <chapter> SOURCE <file.cpp> [STUB | MISTAKE]
#                           [OPTIMIZED] [PRELUDE])
#   The OBJECT library of one variant. Every variant of a chapter's exercises links
#   <chapter>_exercise_options, an INTERFACE library where the chapter's CMakeLists.txt may add
#   compile options. STUB: an untouched stub ignores its parameters, which is not worth a warning.
#   MISTAKE: a known mistake is run by its diagnosis test and never stepped through, in a program
#   linked without debug information (--strip-debug): in a Debug build it is compiled without any
#   (-g0; Boost.Test's messages name files and lines from __FILE__ and __LINE__), in seven eighths
#   of the time it takes with line tables (-g1). OPTIMIZED: -O2 in a Debug build of a chapter
#   of WORKBOOK_TRAINING_CHAPTERS (not under the sanitizers). PRELUDE: compiled with the chapter's
#   precompiled prelude (workbook_use_exercise_prelude), unless OPTIMIZED applies.
function(workbook_exercise_objects target)
  cmake_parse_arguments(PARSE_ARGV 1 ARG "STUB;MISTAKE;OPTIMIZED;PRELUDE" "CHAPTER;SOURCE" "")
  add_library(${target} OBJECT ${ARG_SOURCE})
  target_link_libraries(${target} PRIVATE workbook_core workbook_flags ${ARG_CHAPTER}_exercise_options)
  if(TARGET workbook_sanitized)  # the sanitizer build (cmake/WorkbookFlags.cmake)
    target_link_libraries(${target} PRIVATE workbook_sanitized)
  endif()
  workbook_macro_prefix_map(${WORKBOOK_EXERCISES_DIR} exercises/ exercises_map)
  target_compile_options(${target} PRIVATE ${exercises_map})
  if(ARG_STUB)
    target_compile_options(${target} PRIVATE -Wno-unused-parameter)
  endif()
  if(ARG_MISTAKE)
    target_compile_options(${target} PRIVATE $<$<CONFIG:Debug>:-g0>)
  endif()
  if(ARG_OPTIMIZED AND ARG_CHAPTER IN_LIST WORKBOOK_TRAINING_CHAPTERS AND NOT WORKBOOK_SANITIZE)
    # On the source, whose options come after the target's and its libraries' (-Og among them).
    set_property(SOURCE ${ARG_SOURCE} APPEND PROPERTY COMPILE_OPTIONS $<$<CONFIG:Debug>:-O2>)
  elseif(ARG_PRELUDE)
    workbook_use_exercise_prelude(${target} ${ARG_CHAPTER})
  endif()
endfunction()

# The precompiled prelude of a chapter's reference solutions and known mistakes.
# An exercise file is short; compiling it is mostly reading Eigen: 1.1 s of the 1.2 s a known
# mistake of Chapter 1 takes at -Og, and the build compiles 144 of them. The prelude is what every
# one of them reads first (eigen_checks.hpp, then <Eigen/Dense> and the standard headers the
# library's declarations use), compiled once per chapter (about 4 s) with the chapter's options:
# a known mistake then compiles in 0.4 s, with the same machine code (GCC's precompiled headers
# change what is parsed, not what is generated). The precompiled file is used only by a compiler
# given the same options (GCC refuses one made with other options, says so under -Winvalid-pch, and
# reads the headers instead); a prelude built with debug information serves the mistakes, compiled
# without (-g0). Only where the known mistakes are built: a student's stub and a grading build,
# which compile a few files, read the headers themselves. Not for the files compiled at -O2 in a
# Debug build (WORKBOOK_TRAINING_CHAPTERS), which would need a prelude of their own.
# workbook_use_exercise_prelude(<target> <chapter>): <target> compiles with <chapter>'s prelude.
function(workbook_use_exercise_prelude target chapter)
  set(prelude workbook_ex_${chapter}_prelude)
  if(NOT TARGET ${prelude})
    set(source ${PROJECT_BINARY_DIR}/prelude/${chapter}.cpp)
    file(CONFIGURE OUTPUT ${source} CONTENT
      "// What ${chapter}'s reference solutions and known mistakes read first, precompiled.\n")
    workbook_exercise_objects(${prelude} CHAPTER ${chapter} SOURCE ${source})
    set_target_properties(${prelude} PROPERTIES EXCLUDE_FROM_ALL TRUE WORKBOOK_PRELUDE TRUE)
    # Named through the include path, not by their absolute paths: the prelude of a copy of the
    # workbook at another path is then the same file, which ccache serves from its cache.
    target_precompile_headers(${prelude} PRIVATE
      <workbook/eigen_checks.hpp> <Eigen/Dense> <functional> <stdexcept> <string> <vector>)
  endif()
  set_target_properties(${target} PROPERTIES WORKBOOK_PRELUDE TRUE)
  target_precompile_headers(${target} REUSE_FROM ${prelude})
endfunction()

# workbook_declare_exercises()
#   Compiles the variants of every exercise of the manifests read: its stub, its reference solution
#   (in the instructor's copy) and its known mistakes (when the diagnosis tests are built), and
#   selects the implementation that WORKBOOK_SOLUTIONS names. Call it once, after every
#   workbook_read_manifest().
function(workbook_declare_exercises)
  get_property(chapters GLOBAL PROPERTY WORKBOOK_CHAPTERS)
  foreach(chapter IN LISTS chapters)
    add_library(${chapter}_exercise_options INTERFACE)
    get_property(names GLOBAL PROPERTY WORKBOOK_EXERCISES:${chapter})
    foreach(name IN LISTS names)
      set(id ${chapter}_${name})
      get_property(file GLOBAL PROPERTY WORKBOOK_FILE:${chapter}/${name})
      workbook_exercise_objects(workbook_ex_${id}_stubs CHAPTER ${chapter}
        SOURCE ${WORKBOOK_EXERCISES_DIR}/${chapter}/${file} STUB)
      set(prelude)
      if(WORKBOOK_DIAGNOSIS_TESTS)
        set(prelude PRELUDE)
      endif()
      if(WORKBOOK_EDITION STREQUAL "instructor")
        workbook_exercise_objects(workbook_ex_${id}_reference CHAPTER ${chapter}
          SOURCE ${PROJECT_SOURCE_DIR}/solutions/${chapter}/reference/${file} OPTIMIZED ${prelude})
      endif()
      set_property(GLOBAL PROPERTY WORKBOOK_SELECTED:${chapter}/${name}
        workbook_ex_${id}_${WORKBOOK_SOLUTIONS})
      # The variant not selected is compiled only for a program that links it (a grading links the
      # reference solutions in a stubs build), not by every build: the stubs build compiles the
      # stubs, the default build the reference solutions.
      foreach(variant stubs reference)
        if(TARGET workbook_ex_${id}_${variant} AND NOT variant STREQUAL WORKBOOK_SOLUTIONS)
          set_target_properties(workbook_ex_${id}_${variant} PROPERTIES EXCLUDE_FROM_ALL TRUE)
        endif()
      endforeach()
      if(WORKBOOK_DIAGNOSIS_TESTS AND WORKBOOK_EDITION STREQUAL "instructor")
        get_property(mistakes GLOBAL PROPERTY WORKBOOK_MISTAKES:${chapter}/${name})
        foreach(mistake IN LISTS mistakes)
          get_property(source GLOBAL PROPERTY WORKBOOK_MISTAKE_FILE:${chapter}/${name}/${mistake})
          workbook_exercise_objects(workbook_ex_${id}_mistake_${mistake} CHAPTER ${chapter}
            SOURCE ${source} MISTAKE OPTIMIZED PRELUDE)
          # Compiled for its diagnosis program only, which is not part of `all`
          # (workbook_add_diagnosis_test).
          set_target_properties(workbook_ex_${id}_mistake_${mistake} PROPERTIES
            EXCLUDE_FROM_ALL TRUE)
        endforeach()
      endif()
    endforeach()
  endforeach()
endfunction()

# workbook_exercise_set(<target> (SELECTED | REFERENCE) [OVERRIDE <chapter>/<name> <variant> ...])
#   An INTERFACE library carrying the objects of every exercise: the selected implementation or the
#   reference solution of each, or the given variant for the overridden ones.
function(workbook_exercise_set target)
  cmake_parse_arguments(PARSE_ARGV 1 ARG "SELECTED;REFERENCE" "" "OVERRIDE")
  add_library(${target} INTERFACE)
  target_link_libraries(${target} INTERFACE workbook_core)
  get_property(exercises GLOBAL PROPERTY WORKBOOK_EXERCISES)
  foreach(exercise IN LISTS exercises)
    string(REPLACE "/" "_" id ${exercise})
    if(ARG_REFERENCE)
      set(objects workbook_ex_${id}_reference)
    else()
      get_property(objects GLOBAL PROPERTY WORKBOOK_SELECTED:${exercise})
    endif()
    list(FIND ARG_OVERRIDE ${exercise} at)
    if(at GREATER -1)
      math(EXPR at "${at} + 1")
      list(GET ARG_OVERRIDE ${at} variant)
      set(objects workbook_ex_${id}_${variant})
    endif()
    target_sources(${target} INTERFACE $<TARGET_OBJECTS:${objects}>)
  endforeach()
endfunction()
