# A run's CSV reads back to the same numbers. A run of 2N steps is compared with a run of N steps
# followed by a second run of N steps started (--x0) from the last row of the first one's CSV: for
# an optimizer without state between steps, the two must agree digit for digit, which they do
# only if the CSV carries every double exactly (17 significant digits) and --x0 reads it back
# exactly. Also checks the CSV's header and its N + 1 rows per run.
#   cmake -D OPTLAB=<optlab> -D WORK_DIR=<folder> -D STEPS=<N> [-D EXPECT_NOT_IMPLEMENTED=ON]
#         -P check_continuation.cmake -- <arguments of optlab run, without --x0, --steps, --csv>
include(${CMAKE_CURRENT_LIST_DIR}/optlab_script.cmake)
optlab_arguments(arguments)
file(MAKE_DIRECTORY ${WORK_DIR})
math(EXPR twice "2 * ${STEPS}")

optlab_run(run ${arguments} --steps ${twice} --csv ${WORK_DIR}/whole.csv)
optlab_run(run ${arguments} --steps ${STEPS} --csv ${WORK_DIR}/first.csv)
file(STRINGS ${WORK_DIR}/first.csv first)
list(GET first -1 last_row)
string(REPLACE "," ";" cells "${last_row}")
list(SUBLIST cells 3 -1 x)  # step, loss, grad_norm, then x
list(JOIN x "," x_text)
optlab_run(run ${arguments} --steps ${STEPS} --x0 ${x_text} --csv ${WORK_DIR}/second.csv)
file(STRINGS ${WORK_DIR}/second.csv second)
file(STRINGS ${WORK_DIR}/whole.csv whole)

list(GET whole 0 header)
list(LENGTH x n)
set(expected_header "step,loss,grad_norm")
math(EXPR last_index "${n} - 1")
foreach(i RANGE ${last_index})
  string(APPEND expected_header ",x${i}")
endforeach()
if(NOT header STREQUAL expected_header)
  message(FATAL_ERROR "the CSV header is '${header}': expected '${expected_header}'")
endif()
list(LENGTH whole rows)
math(EXPR expected_rows "${twice} + 2")
if(NOT rows EQUAL expected_rows)
  message(FATAL_ERROR
    "--steps ${twice} wrote ${rows} lines: expected a header and ${twice} + 1 rows")
endif()

# The first run is the first half of the whole one; the second, started from the first one's last
# row, is its second half (with the steps counted from 0 again).
math(EXPR first_lines "${STEPS} + 2")
list(SUBLIST whole 0 ${first_lines} whole_first)
if(NOT first STREQUAL whole_first)
  message(FATAL_ERROR
    "--steps ${STEPS} did not write the first ${first_lines} lines of --steps ${twice}")
endif()
foreach(k RANGE 0 ${STEPS})
  math(EXPR i "${k} + 1")
  math(EXPR j "${STEPS} + ${k} + 1")
  list(GET second ${i} continued)
  list(GET whole ${j} original)
  string(REGEX REPLACE "^[0-9]+," "" continued "${continued}")
  string(REGEX REPLACE "^[0-9]+," "" original "${original}")
  if(NOT continued STREQUAL original)
    message(FATAL_ERROR "started again from the CSV's last row (--x0 ${x_text}), step ${k} reads\n"
                        "  ${continued}\n"
                        "but step ${STEPS} + ${k} of the whole run reads\n  ${original}\n"
                        "the CSV did not carry x exactly, or --x0 did not read it back exactly")
  endif()
endforeach()
message("${twice} steps = ${STEPS} steps + ${STEPS} steps from the CSV's last row, digit for digit")
