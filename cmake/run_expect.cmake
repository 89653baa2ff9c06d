# Runs a command and checks its exit status and output.
#   cmake -D EXPECT_EXIT=<0|nonzero|N> [-D EXPECT_OUTPUT=<regex>] [-D REJECT_OUTPUT=<regex>]
#         -P run_expect.cmake -- <command> [args...]
# Used where a test must fail in a particular way: a stub must fail saying "not implemented yet",
# a known mistake must fail with its diagnosis, a command line must exit 2 with a message.

include(${CMAKE_CURRENT_LIST_DIR}/command_after_separator.cmake)
command_after_separator(command)

execute_process(COMMAND ${command} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
string(JOIN " " shown ${command})
message("${out}")

set(ok ON)
if(EXPECT_EXIT STREQUAL "nonzero")
  if(rc STREQUAL "0")
    message("run_expect: expected a non-zero exit status from `${shown}`, got 0")
    set(ok OFF)
  endif()
elseif(DEFINED EXPECT_EXIT AND NOT rc STREQUAL EXPECT_EXIT)
  message("run_expect: expected exit status ${EXPECT_EXIT} from `${shown}`, got ${rc}")
  set(ok OFF)
endif()
if(DEFINED EXPECT_OUTPUT AND NOT out MATCHES "${EXPECT_OUTPUT}")
  message("run_expect: the output of `${shown}` does not match the expected regex: ${EXPECT_OUTPUT}")
  set(ok OFF)
endif()
if(DEFINED REJECT_OUTPUT AND out MATCHES "${REJECT_OUTPUT}")
  message("run_expect: the output of `${shown}` matches the rejected regex: ${REJECT_OUTPUT}")
  set(ok OFF)
endif()
if(NOT ok)
  message(FATAL_ERROR "run_expect: FAILED")
endif()
