# The last run of Doxygen for the `docs` target (docs/run_doxygen.cmake) said nothing: no warning.
#   cmake -D LOG=<build>/docs/doxygen.log -P check_no_warnings.cmake
cmake_minimum_required(VERSION 3.25)

if(NOT EXISTS ${LOG})
  message(FATAL_ERROR "${LOG} is missing: build the course first (cmake --build --preset docs)")
endif()
file(READ ${LOG} log)
string(STRIP "${log}" log)
if(NOT log STREQUAL "")
  message(FATAL_ERROR "The last run of Doxygen warned; every warning is an error of the course "
    "(a stale \\ref, a link to a symbol that is gone, a missing figure or snippet):\n${log}")
endif()
message("The last run of Doxygen warned about nothing")
