# A training run is reproducible: the same --seed writes the same CSV files, byte for byte, and
# another seed draws other minibatches, hence another run.
#   cmake -D OPTLAB=<optlab> -D WORK_DIR=<folder> [-D EXPECT_NOT_IMPLEMENTED=ON]
#         -P check_same_seed.cmake -- <arguments of optlab run, without --seed and --csv>
include(${CMAKE_CURRENT_LIST_DIR}/optlab_script.cmake)
optlab_arguments(arguments)
file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR})

optlab_run(run ${arguments} --seed 7 --csv ${WORK_DIR}/first.csv)
optlab_run(run ${arguments} --seed 7 --csv ${WORK_DIR}/again.csv)
optlab_run(run ${arguments} --seed 8 --csv ${WORK_DIR}/other.csv)
foreach(kind "" "-epochs")
  file(READ ${WORK_DIR}/first${kind}.csv first)
  file(READ ${WORK_DIR}/again${kind}.csv again)
  if(NOT first STREQUAL again)
    message(FATAL_ERROR "two runs with --seed 7 wrote different files: "
                        "${WORK_DIR}/first${kind}.csv and ${WORK_DIR}/again${kind}.csv")
  endif()
endforeach()
file(READ ${WORK_DIR}/first.csv first)
file(READ ${WORK_DIR}/other.csv other)
if(first STREQUAL other)
  message(FATAL_ERROR "--seed 7 and --seed 8 wrote the same steps: is the seed used?")
endif()
message("the same seed wrote the same files, byte for byte; another seed, another run")
