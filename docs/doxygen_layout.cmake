# Writes the Doxygen layout of the course: DoxygenLayout.xml.in with one navigation tab per
# chapter, titled as the chapter's title and linked to its page's label.
#   cmake -D TEMPLATE=docs/DoxygenLayout.xml.in -D OUTPUT=<build>/docs/DoxygenLayout.xml
#         "-D CHAPTERS=chapters/ch01_x.md;chapters/ch02_y.md" -P doxygen_layout.cmake
# A chapter's title is its first level-1 heading: `# Chapter 1: Gradient descent {#ch01}`.

cmake_minimum_required(VERSION 3.25)  # the policies of the project

set(WORKBOOK_CHAPTER_TABS "")
foreach(chapter IN LISTS CHAPTERS)
  file(STRINGS ${chapter} title LIMIT_COUNT 1 REGEX "^# ")
  if(NOT title MATCHES "^# +(.*[^ ]) +\\{#([A-Za-z0-9_-]+)\\}[ \t]*$")
    message(FATAL_ERROR "${chapter}: its title must carry the page's label, as in "
                        "`# Chapter 1: Gradient descent and gradients {#ch01}` (found: '${title}')")
  endif()
  set(text "${CMAKE_MATCH_1}")
  set(label "${CMAKE_MATCH_2}")
  foreach(entity "&;&amp;" "<;&lt;" ">;&gt;" "\";&quot;")  # &amp; first
    list(GET entity 0 from)
    list(GET entity 1 to)
    string(REPLACE "${from}" "${to}" text "${text}")
  endforeach()
  string(APPEND WORKBOOK_CHAPTER_TABS
    "    <tab type=\"user\" visible=\"yes\" url=\"@ref ${label}\" title=\"${text}\"/>\n")
endforeach()
string(STRIP "${WORKBOOK_CHAPTER_TABS}" WORKBOOK_CHAPTER_TABS)
string(PREPEND WORKBOOK_CHAPTER_TABS "    ")

configure_file(${TEMPLATE} ${OUTPUT} @ONLY)
