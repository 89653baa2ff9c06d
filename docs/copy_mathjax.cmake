# Copies MathJax 2 into the HTML course so that the pages typeset their equations offline.
#   cmake -D SOURCE=/usr/share/javascript/mathjax -D DESTINATION=<html>/mathjax
#         -P copy_mathjax.cmake
# Symbolic links are followed: the copy holds the files themselves, so the course still works when
# moved to a machine without MathJax. MathJax's unpacked sources (unpacked/) and its own tests
# (test/) are not needed by the pages and are left out.

cmake_minimum_required(VERSION 3.25)  # the policies of the project

file(GLOB_RECURSE files RELATIVE ${SOURCE} FOLLOW_SYMLINKS LIST_DIRECTORIES false ${SOURCE}/*)
list(FILTER files EXCLUDE REGEX "^(unpacked|test)/")
list(REMOVE_ITEM files MathJax.js)
if(NOT files)
  message(FATAL_ERROR "copy_mathjax: no files in ${SOURCE}")
endif()

foreach(file IN LISTS files)
  get_filename_component(folder ${DESTINATION}/${file} DIRECTORY)
  file(MAKE_DIRECTORY ${folder})
  # COPY_FILE copies the content of a link's target, never the link.
  file(COPY_FILE ${SOURCE}/${file} ${DESTINATION}/${file} ONLY_IF_DIFFERENT)
endforeach()

# MathJax.js last: it is the build's record that the copy is complete.
file(COPY_FILE ${SOURCE}/MathJax.js ${DESTINATION}/MathJax.js)
file(TOUCH ${DESTINATION}/MathJax.js)
