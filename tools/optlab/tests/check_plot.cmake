# `optlab ... --plot FILE` writes FILES (each an SVG or PNG that is not empty) and not ABSENT.
#   cmake -D OPTLAB=<optlab> "-D FILES=<file>;<file>" ["-D ABSENT=<file>"]
#         [-D EXPECT_NOT_IMPLEMENTED=ON] -P check_plot.cmake -- <arguments of optlab>
include(${CMAKE_CURRENT_LIST_DIR}/optlab_script.cmake)
optlab_arguments(arguments)
file(REMOVE ${FILES} ${ABSENT})
optlab_run(${arguments})
foreach(file IN LISTS FILES)
  if(NOT EXISTS ${file})
    message(FATAL_ERROR "optlab did not write ${file}")
  endif()
  file(SIZE ${file} size)
  file(READ ${file} start LIMIT 8 HEX)
  # An SVG starts with "<?xml" or "<svg", a PNG with the bytes 89 50 4e 47 ("\x89PNG").
  if(size EQUAL 0 OR NOT start MATCHES "^(3c3f786d6c|3c737667|89504e47)")
    message(FATAL_ERROR "${file} is not an SVG or PNG file (${size} bytes, starting ${start})")
  endif()
endforeach()
foreach(file IN LISTS ABSENT)
  if(EXISTS ${file})
    message(FATAL_ERROR "optlab wrote ${file}, which it should not")
  endif()
endforeach()
message("optlab wrote ${FILES}")
