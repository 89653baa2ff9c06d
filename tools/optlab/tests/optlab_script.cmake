# What the scripts that run optlab for a test share. A script is run as
#   cmake -D OPTLAB=<optlab> [-D EXPECT_NOT_IMPLEMENTED=ON] ... -P <script> -- <arguments>

include(${CMAKE_CURRENT_LIST_DIR}/../../../cmake/command_after_separator.cmake)

# optlab_arguments(<variable>): the words after `--` on the cmake command line.
macro(optlab_arguments variable)
  arguments_after_separator(${variable})
endmacro()

# optlab_run(<arguments>...): runs optlab and requires exit status 0.
#
# Built against the untouched exercise stubs (EXPECT_NOT_IMPLEMENTED), optimizers that call an
# exercise cannot run: a run that fails saying "not implemented yet" then ends the script, and
# the test passes, since optlab reported the missing exercise as it should.
macro(optlab_run)
  execute_process(COMMAND ${OPTLAB} ${ARGN}
    RESULT_VARIABLE _status OUTPUT_VARIABLE _output ERROR_VARIABLE _output)
  string(JOIN " " _shown ${ARGN})
  if(EXPECT_NOT_IMPLEMENTED AND _status EQUAL 1
     AND _output MATCHES "not implemented yet: exercises/")
    message("optlab ${_shown}\n${_output}"
            "passed: with the exercise stubs, optlab reports the exercise not implemented yet")
    return()
  endif()
  if(NOT _status EQUAL 0)
    message(FATAL_ERROR "optlab ${_shown}\nexited with status ${_status}:\n${_output}")
  endif()
endmacro()
