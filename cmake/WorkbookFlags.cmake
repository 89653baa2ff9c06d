# workbook_flags: the interface library every target of the workbook links, for the language
# standard, the warnings and the paths the code prints (cmake/WorkbookCompiler.cmake). The grading
# project imports it with the instructor's objects, so a student's file is compiled the same way.
add_library(workbook_flags INTERFACE)
target_compile_features(workbook_flags INTERFACE cxx_std_20)
target_compile_options(workbook_flags INTERFACE
  -Wall -Wextra -Wpedantic)
# Eigen's index and size checks throw instead of aborting (lib/include/workbook/eigen_checks.hpp):
# included first in every C++ file, so that Eigen's inline functions are the same everywhere. A
# target whose WORKBOOK_PRELUDE property is set gets it from its precompiled prelude instead, which
# includes it first (cmake/WorkbookExercises.cmake).
target_compile_options(workbook_flags INTERFACE
  "$<$<AND:$<COMPILE_LANGUAGE:CXX>,$<NOT:$<BOOL:$<TARGET_PROPERTY:WORKBOOK_PRELUDE>>>>:SHELL:-include ${PROJECT_SOURCE_DIR}/lib/include/workbook/eigen_checks.hpp>")
workbook_macro_prefix_map(${PROJECT_SOURCE_DIR} "" _source_map)
target_compile_options(workbook_flags INTERFACE ${_source_map})

# GCC 12 at -O2 and above warns -Wrestrict inside libstdc++ for `"text" + std::string(...)`, a
# known false positive of that compiler (GCC bug 105329, fixed in GCC 13).
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
  target_compile_options(workbook_flags INTERFACE -Wno-restrict)
endif()

# Debug builds are optimised with -Og, GCC's level for the edit-compile-debug cycle: gdb still
# steps through the code and shows its variables, and the tests, which spend their time in Eigen's
# templates, take about a third of the processor time they take at -O0, for a tenth more compile
# time. Set WORKBOOK_DEBUG_OPTIMIZATION to -O0 to step through every line exactly as written.
set(WORKBOOK_DEBUG_OPTIMIZATION "-Og" CACHE STRING
  "The optimisation level of Debug builds (-Og, or -O0 for line-by-line debugging)")
if(NOT WORKBOOK_DEBUG_OPTIMIZATION MATCHES "^-O[0-3gs]?$")
  message(FATAL_ERROR "WORKBOOK_DEBUG_OPTIMIZATION = '${WORKBOOK_DEBUG_OPTIMIZATION}': expected "
    "one option -O0, -O1, -O2, -O3, -Og or -Os")
endif()
target_compile_options(workbook_flags INTERFACE
  $<$<CONFIG:Debug>:${WORKBOOK_DEBUG_OPTIMIZATION}>)
# In the Debug builds, which run the tests, a local variable read before it is set holds the same
# pattern on every run (GCC's -ftrivial-auto-var-init=pattern: every byte 0xFE, −5.31401e+303 as a
# double; a read the optimiser folds into the value set on the other path keeps that value), not
# whatever the stack held: such a test fails the same way every time, and the
# feedback can say where the value came from (workbook::testing::unset_pattern). Eigen's vectors
# made with their size only hold NaN there (eigen_checks.hpp).
target_compile_options(workbook_flags INTERFACE
  $<$<CONFIG:Debug>:-ftrivial-auto-var-init=pattern>)

# WORKBOOK_NATIVE: compiled for the processor that builds it (-march=native), as the release preset
# does for the benchmarks, which measure what this machine can do: Eigen's products use its widest
# vectors (AVX2 or AVX-512 instead of x86-64's SSE2; Chapter 6's CNN epoch in 14 ms instead of 20).
# The programs may then not run on another processor, and fused multiply-adds round differently
# from the Debug build's tests (no test runs in this build). GCC 12 warns -Wmaybe-uninitialized
# inside its own avxintrin.h for the _mm256_undefined_pd() that Eigen's AVX code calls, a known
# false positive of that compiler (GCC bug 105593, fixed in GCC 13).
option(WORKBOOK_NATIVE "Compile for this machine's processor (-march=native)" OFF)
if(WORKBOOK_NATIVE)
  target_compile_options(workbook_flags INTERFACE -march=native)
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
    target_compile_options(workbook_flags INTERFACE -Wno-maybe-uninitialized -Wno-uninitialized)
  endif()
endif()

# The test programs are large (debug information, Boost.Test, Eigen) and many (one per chapter, per
# known mistake, and per exercise in a grading). LLVM's lld (Debian's package lld, which
# scripts/setup installs) links them with under half the processor time of GNU gold, and gold with
# about half that of the default linker; gold comes with binutils, which g++ needs anyway.
include(CheckLinkerFlag)
check_linker_flag(CXX -fuse-ld=lld WORKBOOK_LINKER_LLD)
if(WORKBOOK_LINKER_LLD)
  target_link_options(workbook_flags INTERFACE -fuse-ld=lld)
else()
  check_linker_flag(CXX -fuse-ld=gold WORKBOOK_LINKER_GOLD)
  if(WORKBOOK_LINKER_GOLD)
    target_link_options(workbook_flags INTERFACE -fuse-ld=gold)
  endif()
endif()

# workbook_sanitized: what the sanitizer build instruments, the code under test: the library
# (lib/CMakeLists.txt) and the exercises (cmake/WorkbookExercises.cmake). The tests' own files,
# Boost.Test and the testing layer are compiled exactly as in the default build, so that the
# compiler cache hands the sanitizer build their objects, and every program links the sanitizers'
# runtimes. Empty in other builds.
add_library(workbook_sanitized INTERFACE)
if(WORKBOOK_SANITIZE)
  # AddressSanitizer, and UndefinedBehaviorSanitizer without the checks that make it expensive to
  # compile: alignment, null, object-size, pointer-overflow and vptr instrument every pointer
  # access and member call of Eigen's templates, and took a library batch from 15 s (AddressSanitizer
  # alone) to 31 s of compile time; without them, UndefinedBehaviorSanitizer adds under a second.
  # What they would find is found anyway: a null dereference stops the program under
  # AddressSanitizer, which also checks every object's bounds. Kept: signed overflow, shifts,
  # division by zero, array bounds, bool and enum values, a missing return, unreachable code.
  # Line tables only (-g1, after the build type's -g): its reports still name files and lines, in
  # three quarters of the compile time of full debug information.
  target_compile_options(workbook_sanitized INTERFACE
    -fsanitize=address,undefined
    -fno-sanitize=alignment,null,object-size,pointer-overflow,vptr
    -fno-sanitize-recover=undefined -fno-omit-frame-pointer -g1)
  target_link_options(workbook_flags INTERFACE -fsanitize=address,undefined)
  # Eigen allocates through its own aligned malloc when __SANITIZE_ADDRESS__ is defined, through
  # malloc otherwise: a matrix allocated in the library and freed in a test would be freed by the
  # other one. Instrumented code allocates as the rest does (malloc's 16-byte alignment on x86-64,
  # which AddressSanitizer's malloc keeps).
  target_compile_definitions(workbook_sanitized INTERFACE EIGEN_MALLOC_ALREADY_ALIGNED=1)
endif()
