# How the workbook's C++ is compiled: the compiler launcher (ccache, and a time limit for code the
# build does not trust) and the paths the compiled code prints. Shared by the workbook's own build
# and by the grading project (tools/workbook/grading), which compiles a student's files.
#
# Input: WORKBOOK_ROOT_DIR, the workbook's root (the source tree).
#
# ccache, when installed, with the settings that let copies of the workbook share compiled objects:
# base_dir = the workbook's root (ccache hashes the paths below it relative to the build folder, so
# the same file compiled in another copy of the workbook, at another path, is a hit) and no
# build-folder path in the hash. Objects are shared between build folders at the same depth below
# their source tree (build/, build-stubs/, a copy's build/), since paths are relative to them.
# Depend mode: on a miss ccache hashes the compiler's own list of the headers read (the -MD file
# that Ninja asks for anyway) instead of running the preprocessor once more, which cost 0.15 s of
# the 1.3 s a known mistake takes to compile (13 %) and about as much on every other file; a fresh
# machine's build misses on every file.
# The settings travel with the compiler command (through env), not with the user's environment.
#
# WORKBOOK_COMPILE_TIME_LIMIT stops a compiler that runs away (a grading build compiles code it
# does not trust): seconds, 0 for none.
set(WORKBOOK_COMPILE_TIME_LIMIT 0 CACHE STRING
  "Seconds a compiler may run before it is stopped (0: no limit)")
find_program(CCACHE_PROGRAM ccache)
find_program(ENV_PROGRAM env)
find_program(TIMEOUT_PROGRAM timeout)
if(NOT CMAKE_CXX_COMPILER_LAUNCHER)
  set(_launcher)
  if(WORKBOOK_COMPILE_TIME_LIMIT GREATER 0)
    if(NOT TIMEOUT_PROGRAM)
      message(FATAL_ERROR "WORKBOOK_COMPILE_TIME_LIMIT = ${WORKBOOK_COMPILE_TIME_LIMIT} needs "
        "`timeout` (Debian's package coreutils), which is not on PATH")
    endif()
    list(APPEND _launcher ${TIMEOUT_PROGRAM} -s KILL ${WORKBOOK_COMPILE_TIME_LIMIT})
  endif()
  if(CCACHE_PROGRAM AND ENV_PROGRAM)
    list(APPEND _launcher ${ENV_PROGRAM} CCACHE_BASEDIR=${WORKBOOK_ROOT_DIR} CCACHE_NOHASHDIR=1
      CCACHE_DEPEND=1 CCACHE_SLOPPINESS=pch_defines,time_macros ${CCACHE_PROGRAM})
  endif()
  set(CMAKE_CXX_COMPILER_LAUNCHER ${_launcher})
endif()

# __FILE__ relative to the workbook's root, so that "not implemented yet: exercises/ch01/..." and
# test locations read the same on every machine. Both spellings of a path are mapped: the absolute
# one the compiler gets without ccache, and the one relative to the build folder it gets through
# ccache's base_dir. workbook_macro_prefix_map(<folder> <replacement>) gives the options for one
# folder.
function(workbook_macro_prefix_map folder replacement out)
  file(RELATIVE_PATH relative ${PROJECT_BINARY_DIR} ${folder})
  string(REGEX REPLACE "/$" "" relative "${relative}")  # "../" for the parent folder
  set(options -fmacro-prefix-map=${folder}/=${replacement})
  if(relative STREQUAL "")
    list(APPEND options -fmacro-prefix-map=./=${replacement})
  elseif(NOT IS_ABSOLUTE "${relative}")
    list(APPEND options -fmacro-prefix-map=${relative}/=${replacement})
  endif()
  set(${out} ${options} PARENT_SCOPE)
endfunction()
