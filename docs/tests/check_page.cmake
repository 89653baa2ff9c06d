# Opens one page of the generated HTML course in headless Chromium, offline, and checks that
#   (a) MathJax typeset every equation (rendered SVG for each, no TeX error, no raw TeX left), and
#   (b) every image loaded; a chapter's page must also show at least one figure.
#
#   cmake (-D CHAPTER=<chapters/chNN_x.md> | -D PAGE=<name.html>) -D HTML_DIR=<build>/html
#         -D WORK_DIR=<scratch folder> -D WRAPPER_TEMPLATE=<docs/tests/check_page.html.in>
#         [-D CHROMIUM=<browser>] -P check_page.cmake
#
# CHAPTER names a chapter's notes; its page is named by the label of its title. PAGE names any
# other page of the course (the API reference's, say), which need not show a figure.
#
# How: check_page.html.in, configured into WORK_DIR, loads the page in an iframe and writes its
# verdict into its own DOM; `chromium --dump-dom` prints that DOM, and this script reads the
# verdict back. The browser gets a fresh profile, no network (every host name fails to resolve,
# every proxied request goes nowhere) and, for the iframe, access to file:// pages.

cmake_minimum_required(VERSION 3.25)  # the policies of the project

foreach(var HTML_DIR WORK_DIR WRAPPER_TEMPLATE)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "check_page.cmake: -D ${var}=... is required")
  endif()
endforeach()

if(DEFINED CHAPTER)
  # The label of the chapter's title, `# Chapter 1: ... {#ch01}` -> ch01.html.
  file(STRINGS ${CHAPTER} title LIMIT_COUNT 1 REGEX "^# ")
  if(NOT title MATCHES "\\{#([A-Za-z0-9_-]+)\\}[ \t]*$")
    message(FATAL_ERROR "${CHAPTER}: its title must carry the page's label, as in "
                        "`# Chapter 1: Gradient descent and gradients {#ch01}` (found: '${title}')")
  endif()
  set(PAGE_NAME ${CMAKE_MATCH_1}.html)
  set(REQUIRE_FIGURE true)
elseif(DEFINED PAGE)
  set(PAGE_NAME ${PAGE})
  set(REQUIRE_FIGURE false)
else()
  message(FATAL_ERROR "check_page.cmake: -D CHAPTER=... or -D PAGE=... is required")
endif()
set(page ${HTML_DIR}/${PAGE_NAME})
if(NOT EXISTS ${page})
  message(FATAL_ERROR "${page} not found: generate the course first (cmake --build --preset docs)")
endif()

# The browser: -D CHROMIUM, else $ENV{CHROMIUM}, else the first one on the PATH.
if(NOT CHROMIUM AND DEFINED ENV{CHROMIUM})
  set(CHROMIUM $ENV{CHROMIUM})
endif()
if(NOT CHROMIUM)
  find_program(CHROMIUM NAMES chromium chromium-browser google-chrome-stable google-chrome)
endif()
if(NOT CHROMIUM)
  message(FATAL_ERROR "chromium not found: run scripts/setup --tests")
endif()

# The wrapper page, and a fresh browser profile next to it.
file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR}/profile)
string(REPLACE "%" "%25" PAGE_URL "file://${page}")
string(REPLACE " " "%20" PAGE_URL "${PAGE_URL}")
string(REPLACE "#" "%23" PAGE_URL "${PAGE_URL}")
set(TIMEOUT_MS 60000)  # of the browser's virtual time, which runs ahead when the page is idle
set(wrapper ${WORK_DIR}/check_${PAGE_NAME})
configure_file(${WRAPPER_TEMPLATE} ${wrapper} @ONLY)

execute_process(
  COMMAND ${CHROMIUM}
    --headless --no-sandbox --disable-gpu --disable-quic --no-first-run
    --disable-background-networking --disable-component-update --disable-sync
    --disable-extensions --mute-audio
    --user-data-dir=${WORK_DIR}/profile
    --allow-file-access-from-files
    # Offline: no host name resolves, and requests to IP addresses go to a closed port.
    "--host-resolver-rules=MAP * ~NOTFOUND"
    --proxy-server=127.0.0.1:9
    --window-size=1200,900
    --virtual-time-budget=${TIMEOUT_MS}
    --dump-dom file://${wrapper}
  RESULT_VARIABLE rc
  OUTPUT_VARIABLE dom
  ERROR_VARIABLE browser_log
  TIMEOUT 100)
file(WRITE ${WORK_DIR}/dom.html "${dom}")
file(WRITE ${WORK_DIR}/chromium.log "${browser_log}")

if(NOT dom MATCHES "<pre id=\"verdict\">([^<]*)</pre>")
  message(FATAL_ERROR "${CHROMIUM} (exit status ${rc}) printed no verdict for ${page}; "
                      "its messages:\n${browser_log}")
endif()
set(verdict "${CMAKE_MATCH_1}")
foreach(entity "&lt;;<" "&gt;;>" "&quot;;\"" "&#39;;'" "&amp;;&")  # &amp; last
  list(GET entity 0 from)
  list(GET entity 1 to)
  string(REPLACE "${from}" "${to}" verdict "${verdict}")
endforeach()
string(STRIP "${verdict}" verdict)

message("${PAGE_NAME} in ${CHROMIUM}:\n${verdict}")
if(verdict MATCHES "^PENDING")
  message(FATAL_ERROR "${page} did not finish loading within ${TIMEOUT_MS} ms of the browser's "
                      "time; the browser's messages are in ${WORK_DIR}/chromium.log")
elseif(NOT verdict MATCHES "^PASS")
  message(FATAL_ERROR "${page} does not render as it should: see the errors above "
                      "(the page as the browser left it: ${WORK_DIR}/dom.html)")
endif()
