# Runs Doxygen for the `docs` target and touches STAMP when it succeeds.
#   cmake -D DOXYGEN=<doxygen> -D DOXYFILE=<Doxyfile> -D STAMP=<file> -D LOG=<file>
#         -P run_doxygen.cmake
# Doxygen's output goes to the console and to LOG (empty after a clean run: the test
# docs/no_warnings reads it).
# The Doxyfile sets WARN_AS_ERROR = FAIL_ON_WARNINGS, so any warning makes Doxygen exit non-zero
# after printing all of them. This script adds what to do about the common ones.

cmake_minimum_required(VERSION 3.25)  # the policies of the project

execute_process(COMMAND ${DOXYGEN} ${DOXYFILE}
  RESULT_VARIABLE rc
  OUTPUT_VARIABLE out
  ERROR_VARIABLE err)
string(STRIP "${out}${err}" log)
file(WRITE ${LOG} "${log}")
if(log)
  message("${log}")
endif()

if(NOT rc EQUAL 0)
  set(hints "")
  if(log MATCHES "is not found in IMAGE_PATH")
    string(APPEND hints
      "\n  - A figure is missing. The tests draw the figures: run `ctest --preset plots` (or "
      "`ctest -L plot` in the build folder) before building the docs, and check the file name "
      "in the chapter's \\image command.")
  endif()
  if(log MATCHES "for \\\\snippet should appear twice|Check your EXAMPLE_PATH")
    string(APPEND hints
      "\n  - A \\snippet does not resolve: its path is relative to the project's root "
      "(solutions/chNN/test_x.cpp) and its region must be marked with `//! [name]` twice in "
      "that file.")
  endif()
  if(log MATCHES "is not documented")
    string(APPEND hints
      "\n  - The API reference is part of the course: every public member of the library needs a "
      "`///` comment (with its equation, where it has one), and every parameter of a function "
      "documented with \\param needs its own \\param.")
  endif()
  if(log MATCHES "unable to resolve reference")
    string(APPEND hints
      "\n  - A \\ref or \\subpage names no page, section or symbol: labels are set with "
      "{#label} after a heading.")
  endif()
  message(FATAL_ERROR
    "Doxygen failed (exit status ${rc}); every warning above is an error.${hints}")
endif()

file(TOUCH ${STAMP})
