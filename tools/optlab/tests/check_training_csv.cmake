# The CSV files of a training run: `optlab run <arguments> --csv WORK_DIR/run.csv` writes the steps
# into run.csv and the epochs into run-epochs.csv. FILE (steps or epochs) is checked: its header
# must match HEADER (a regex), and its column COLUMN must read VALUES, row by row, as written.
#   cmake -D OPTLAB=<optlab> -D WORK_DIR=<folder> -D FILE=steps|epochs [-D HEADER=<regex>]
#         [-D COLUMN=<name> "-D VALUES=<v0>;<v1>;..."] [-D EXPECT_NOT_IMPLEMENTED=ON]
#         -P check_training_csv.cmake -- <arguments of optlab run, without --csv>
include(${CMAKE_CURRENT_LIST_DIR}/optlab_script.cmake)
optlab_arguments(arguments)
file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR})

optlab_run(run ${arguments} --csv ${WORK_DIR}/run.csv)
if(FILE STREQUAL "steps")
  set(csv ${WORK_DIR}/run.csv)
else()
  set(csv ${WORK_DIR}/run-epochs.csv)
endif()
file(STRINGS ${csv} lines)
list(POP_FRONT lines header)
if(DEFINED HEADER AND NOT header MATCHES "${HEADER}")
  message(FATAL_ERROR "the header of ${csv} is '${header}': expected a match of '${HEADER}'")
endif()
if(DEFINED COLUMN)
  string(REPLACE "," ";" columns "${header}")
  list(FIND columns ${COLUMN} index)
  if(index LESS 0)
    message(FATAL_ERROR "${csv} has no column ${COLUMN}: its header is '${header}'")
  endif()
  set(found "")
  foreach(line IN LISTS lines)
    string(REPLACE "," ";" cells "${line}")
    list(GET cells ${index} cell)
    list(APPEND found ${cell})
  endforeach()
  if(NOT found STREQUAL VALUES)
    message(FATAL_ERROR "the column ${COLUMN} of ${csv} reads\n  ${found}\nexpected\n  ${VALUES}")
  endif()
  message("the column ${COLUMN} of ${csv} reads ${found}")
endif()
