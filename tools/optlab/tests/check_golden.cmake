# A golden run: `optlab run <arguments> --csv OUTPUT` must write the iterates torch.optim computes,
# stored in GOLDEN (see tools/golden/torch_optlab.py), to a relative 1e-10.
#   cmake -D OPTLAB=<optlab> -D COMPARE=<optlab_compare_csv> -D GOLDEN=<file.csv>
#         -D OUTPUT=<file.csv> [-D EXPECT_NOT_IMPLEMENTED=ON] -P check_golden.cmake -- <arguments>
include(${CMAKE_CURRENT_LIST_DIR}/optlab_script.cmake)
optlab_arguments(arguments)

if(NOT EXISTS "${GOLDEN}")
  message(FATAL_ERROR "${GOLDEN} does not exist: write it with /usr/bin/python3 "
                      "tools/golden/torch_optlab.py (needs torch), and commit it")
endif()
file(REMOVE "${OUTPUT}")
optlab_run(run ${arguments} --csv ${OUTPUT})

execute_process(COMMAND ${COMPARE} ${GOLDEN} ${OUTPUT} 1e-10
  RESULT_VARIABLE status OUTPUT_VARIABLE output ERROR_VARIABLE output)
message("optlab's ${OUTPUT} against torch.optim's ${GOLDEN}:\n${output}")
if(NOT status EQUAL 0)
  message(FATAL_ERROR "optlab's iterates differ from torch.optim's")
endif()
