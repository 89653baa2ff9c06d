# Checks that the generated HTML course loads nothing from the network, so that it opens offline
# from its file path: no script, stylesheet, image, frame or font from http(s):// or a
# protocol-relative //host URL, and no URL of a CDN, in any page, script or stylesheet of the
# course. MathJax's own files (html/mathjax/) are Debian's copy and are left out; the pages' MathJax
# configuration, which says where MathJax is loaded from, is in the pages and is checked.
#
#   cmake -D HTML_DIR=<build>/html -P check_offline.cmake
#
# Links a reader may follow (<a href="https://...">) are fine: they load nothing by themselves.

cmake_minimum_required(VERSION 3.25)  # the policies of the project

if(NOT DEFINED HTML_DIR)
  message(FATAL_ERROR "check_offline.cmake: -D HTML_DIR=... is required")
endif()
if(NOT EXISTS ${HTML_DIR}/index.html)
  message(FATAL_ERROR "${HTML_DIR}/index.html not found: generate the course first "
                      "(cmake --build --preset docs)")
endif()

file(GLOB_RECURSE files RELATIVE ${HTML_DIR} LIST_DIRECTORIES false
  ${HTML_DIR}/*.html ${HTML_DIR}/*.js ${HTML_DIR}/*.css ${HTML_DIR}/*.svg)
list(FILTER files EXCLUDE REGEX "^mathjax/")

# What loads a resource, and from where. Each pattern ends with the URL, which the report shows.
set(url "(https?:)?//[A-Za-z0-9][^\"' \t\n<>)]*")
set(space "[ \t\n]")
set(loading_tags "script|img|iframe|source|embed|audio|video|track")
set(cdns "[Cc][Dd][Nn]|jsdelivr|unpkg|googleapis|cloudflare|mathjax\\.org")
set(patterns
  # <script src=...>, <img src=...>, <iframe src=...>, <source src=...>, <embed src=...>
  "<(${loading_tags})[^>]*${space}src${space}*=${space}*[\"']?${url}"
  # <link href=...> (stylesheets, icons, preloads), <object data=...>
  "<link[^>]*${space}href${space}*=${space}*[\"']?${url}"
  "<object[^>]*${space}data${space}*=${space}*[\"']?${url}"
  # CSS: @import and url() of a remote file
  "@import${space}+(url\\()?[\"']?${url}"
  "url\\(${space}*[\"']?${url}"
  # Scripts that load more scripts from a host, and any URL of a CDN
  "[\"']${url}\\.js[\"'?]"
  "(https?:)?//[^\"' \t\n<>)]*(${cdns})[^\"' \t\n<>)]*")

set(offending "")
foreach(file IN LISTS files)
  file(READ ${HTML_DIR}/${file} text)
  set(urls "")
  foreach(pattern IN LISTS patterns)
    string(REGEX MATCHALL "${pattern}" found "${text}")
    foreach(match IN LISTS found)
      string(REGEX MATCH "${url}" match "${match}")  # the URL alone
      list(APPEND urls "${match}")
    endforeach()
  endforeach()
  if(urls)
    list(REMOVE_DUPLICATES urls)
    list(JOIN urls "  " urls)
    list(APPEND offending "  ${file}: ${urls}")
  endif()
endforeach()

list(LENGTH files checked)
if(offending)
  list(LENGTH offending count)
  list(JOIN offending "\n" shown)
  message(FATAL_ERROR
    "${count} of the ${checked} files of ${HTML_DIR} refer to the network; the course must open "
    "offline:\n${shown}")
endif()
message("${checked} files of ${HTML_DIR} checked: no reference to the network")
