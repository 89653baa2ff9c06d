# For the scripts run as `cmake [-D ...] -P <script> -- <arguments>...` (run_expect.cmake,
# run_diagnosis.cmake, optlab's test scripts):
#   arguments_after_separator(<out>) sets <out> to the list of the arguments after `--`;
#   command_after_separator(<out>) does the same for a command to run, and stops the script when
#   there is none.
macro(arguments_after_separator out)
  set(${out} "")
  set(_after_separator OFF)
  math(EXPR _last "${CMAKE_ARGC} - 1")
  foreach(_i RANGE ${_last})
    if(_after_separator)
      list(APPEND ${out} "${CMAKE_ARGV${_i}}")
    elseif("${CMAKE_ARGV${_i}}" STREQUAL "--")
      set(_after_separator ON)
    endif()
  endforeach()
endmacro()

macro(command_after_separator out)
  arguments_after_separator(${out})
  if(NOT ${out})
    message(FATAL_ERROR "${CMAKE_SCRIPT_MODE_FILE}: no command after --")
  endif()
endmacro()
