# The workbook's facts, read from the files that state them: the edition (edition.json at the root)
# and each chapter's manifest (solutions/<chapter>/manifest.json). Everything the build makes for a
# chapter (its exercises' variants, its test program, its diagnosis tests) is read from here; so is
# what the `workbook` tool knows, through the index the build writes (cmake/WorkbookIndex.cmake).
#
# Reading needs no target: this file also runs in script mode (cmake -P), where the tests of the
# manifests' error messages call it (tools/workbook/tests/check_manifest_errors.cmake).
#
# A manifest (only the fields the build reads; the tool reads the rest: points, hidden cases,
# hints; the course shows the title and links the section when they are given):
#
#   {
#     "chapter": "ch01",                           = the folder's name
#     "tests": ["test_gradient_descent.cpp", ...], the chapter's test sources, in solutions/ch01/
#     "exercises": [
#       {
#         "name": "gradient_descent_step",         the graded function = its test suite
#         "file": "gradient_descent_step.cpp",     exercises/ch01/<file>, solutions/ch01/reference/<file>
#         "title": "The gradient step",            its title in the course
#         "section": "ch01-gradient-step",         the label of its section of the notes
#         "mistakes": [                            known wrong answers, in solutions/ch01/mistakes/
#           { "name": "sign", "file": "gradient_descent_step_sign.cpp",
#             "diagnosis": "x moved uphill, to x \\+ η∇f" }
#         ]
#       }
#     ]
#   }
#
# A diagnosis is a regular expression (CMake's syntax, as run_expect.cmake matches it) that the
# output of the exercise's tests must match when they run against the mistake. Hidden tests are
# the files in solutions/<chapter>/hidden/ (the student edition has none).

# workbook_read_edition(<root>)
#   Reads <root>/edition.json: {"edition": "instructor"} in the instructor's copy (reference
#   solutions, known mistakes, hidden tests), {"edition": "student"} in the edition `workbook
#   release` makes. Sets WORKBOOK_EDITION in the caller's scope.
function(workbook_read_edition root)
  set(file ${root}/edition.json)
  if(NOT EXISTS ${file})
    message(FATAL_ERROR "${file} is missing: it says which edition of the workbook this is, "
      "{\"edition\": \"instructor\"} or {\"edition\": \"student\"}")
  endif()
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${file})
  file(READ ${file} json)
  _workbook_json_field(edition ${file} "${json}" STRING edition)
  if(NOT edition MATCHES "^(instructor|student)$")
    message(FATAL_ERROR "${file}: 'edition' is \"${edition}\": expected \"instructor\" or "
      "\"student\"")
  endif()
  set(WORKBOOK_EDITION ${edition} PARENT_SCOPE)
endfunction()

# workbook_read_manifest(<root> <chapter>)
#   Reads and checks <root>/solutions/<chapter>/manifest.json; a manifest that is wrong stops the
#   configuration with a message naming the file and the field. Records, as global properties:
#     WORKBOOK_CHAPTERS                             the chapters, in the order read
#     WORKBOOK_EXERCISES                            every exercise, as <chapter>/<name>
#     WORKBOOK_TESTS:<chapter>                      the test sources (absolute paths)
#     WORKBOOK_EXERCISES:<chapter>                  the exercises' names
#     WORKBOOK_FILE:<chapter>/<name>                the exercise's file name
#     WORKBOOK_TITLE:<chapter>/<name>               its title ("" if the manifest has none)
#     WORKBOOK_SECTION:<chapter>/<name>             the label of its section of the notes (or "")
#     WORKBOOK_MISTAKES:<chapter>/<name>            its known mistakes' names
#     WORKBOOK_MISTAKE_FILE:<chapter>/<name>/<mistake>  a known mistake's source (absolute path)
#     WORKBOOK_DIAGNOSIS:<chapter>/<name>/<mistake>     its diagnosis (a regex)
#   In the instructor's copy (WORKBOOK_EDITION), the reference solutions and the known mistakes
#   must exist; in any copy, the stubs (in <exercises>/<chapter>/, <exercises> being
#   WORKBOOK_EXERCISES_DIR if set, else <root>/exercises) and the test sources.
function(workbook_read_manifest root chapter)
  set(folder ${root}/solutions/${chapter})
  set(manifest ${folder}/manifest.json)
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${manifest})
  file(READ ${manifest} json)
  string(JSON type ERROR_VARIABLE error TYPE "${json}")
  if(error OR NOT type STREQUAL "OBJECT")
    message(FATAL_ERROR "${manifest}: not a JSON object (${error})")
  endif()
  if(DEFINED WORKBOOK_EXERCISES_DIR AND NOT WORKBOOK_EXERCISES_DIR STREQUAL "")
    set(exercises_dir ${WORKBOOK_EXERCISES_DIR})
  else()
    set(exercises_dir ${root}/exercises)
  endif()

  _workbook_json_field(id ${manifest} "${json}" STRING chapter)
  if(NOT id STREQUAL chapter)
    message(FATAL_ERROR "${manifest}: 'chapter' is \"${id}\" but the manifest lies in "
      "solutions/${chapter}/: they must agree")
  endif()

  _workbook_json_last_index(last ${manifest} "${json}" tests
    "'tests' is empty: list the chapter's test sources")
  set(tests "")
  foreach(t RANGE ${last})
    _workbook_json_field(source ${manifest} "${json}" STRING tests ${t})
    _workbook_json_file_name(${manifest} "tests[${t}]" "${source}")
    if(NOT EXISTS ${folder}/${source})
      message(FATAL_ERROR "${manifest}: 'tests[${t}]' names ${source}, which is not in "
        "solutions/${chapter}/")
    endif()
    list(APPEND tests ${folder}/${source})
  endforeach()

  _workbook_json_last_index(last ${manifest} "${json}" exercises
    "'exercises' is empty: a chapter has at least one exercise")
  set(names "")
  foreach(e RANGE ${last})
    _workbook_json_entry_name(name ${manifest} "${json}" exercise "exercises[${e}]" names
      exercises ${e})
    set(where "${name_where}")
    _workbook_json_field(file ${manifest} "${json}" STRING exercises ${e} file)
    _workbook_json_file_name(${manifest} "${where}: 'file'" "${file}")
    if(NOT EXISTS ${exercises_dir}/${chapter}/${file})
      message(FATAL_ERROR "${manifest}: ${where}: 'file' is ${file}, but its stub "
        "${exercises_dir}/${chapter}/${file} does not exist")
    endif()
    if(WORKBOOK_EDITION STREQUAL "instructor" AND NOT EXISTS ${folder}/reference/${file})
      message(FATAL_ERROR "${manifest}: ${where}: 'file' is ${file}, but its reference solution "
        "solutions/${chapter}/reference/${file} does not exist")
    endif()
    set_property(GLOBAL PROPERTY WORKBOOK_FILE:${chapter}/${name} ${file})
    # Title and section: optional here (`workbook validate` requires them); the course uses them.
    foreach(field IN ITEMS title section)
      string(JSON value ERROR_VARIABLE missing GET "${json}" exercises ${e} ${field})
      if(missing)
        set(value "")
      endif()
      string(TOUPPER ${field} property)
      set_property(GLOBAL PROPERTY WORKBOOK_${property}:${chapter}/${name} "${value}")
    endforeach()

    # Known mistakes: optional here (`workbook validate` requires at least one per exercise).
    set(mistakes "")
    string(JSON mistakes_type ERROR_VARIABLE missing TYPE "${json}" exercises ${e} mistakes)
    if(NOT missing)
      _workbook_json_field(mistake_count ${manifest} "${json}" ARRAY exercises ${e} mistakes)
    else()
      set(mistake_count 0)
    endif()
    if(mistake_count GREATER 0)
      math(EXPR last_mistake "${mistake_count} - 1")
      foreach(m RANGE ${last_mistake})
        _workbook_json_entry_name(mistake ${manifest} "${json}" mistake "${where}: mistakes[${m}]"
          mistakes exercises ${e} mistakes ${m})
        set(at "${mistake_where}")
        _workbook_json_field(source ${manifest} "${json}" STRING exercises ${e} mistakes ${m} file)
        _workbook_json_file_name(${manifest} "${at}: 'file'" "${source}")
        if(WORKBOOK_EDITION STREQUAL "instructor" AND NOT EXISTS ${folder}/mistakes/${source})
          message(FATAL_ERROR "${manifest}: ${at}: 'file' is ${source}, which is not in "
            "solutions/${chapter}/mistakes/")
        endif()
        _workbook_json_field(diagnosis ${manifest} "${json}" STRING
          exercises ${e} mistakes ${m} diagnosis)
        if(diagnosis MATCHES "\\$<")
          # The index is written with file(GENERATE), which would read "$<" as an expression.
          message(FATAL_ERROR "${manifest}: ${at}: 'diagnosis' must not contain \"$<\"")
        endif()
        set_property(GLOBAL PROPERTY WORKBOOK_MISTAKE_FILE:${chapter}/${name}/${mistake}
          ${folder}/mistakes/${source})
        set_property(GLOBAL PROPERTY WORKBOOK_DIAGNOSIS:${chapter}/${name}/${mistake}
          "${diagnosis}")
      endforeach()
    endif()
    set_property(GLOBAL PROPERTY WORKBOOK_MISTAKES:${chapter}/${name} ${mistakes})
    set_property(GLOBAL APPEND PROPERTY WORKBOOK_EXERCISES ${chapter}/${name})
  endforeach()
  set_property(GLOBAL PROPERTY WORKBOOK_TESTS:${chapter} ${tests})
  set_property(GLOBAL PROPERTY WORKBOOK_EXERCISES:${chapter} ${names})
  set_property(GLOBAL APPEND PROPERTY WORKBOOK_CHAPTERS ${chapter})
endfunction()

# _workbook_json_field(<out> <file> <json> <type> <path>...)
#   The value at <path> (keys and indices) in <json>, which must exist and be of <type> (STRING:
#   non-empty; ARRAY: <out> is its length). Fails naming <file> and the field.
function(_workbook_json_field out file json type)
  set(path ${ARGN})
  set(field "")
  foreach(part IN LISTS path)
    if(part MATCHES "^[0-9]+$")
      string(APPEND field "[${part}]")
    elseif(field STREQUAL "")
      set(field "${part}")
    else()
      string(APPEND field ".${part}")
    endif()
  endforeach()
  string(JSON actual ERROR_VARIABLE error TYPE "${json}" ${path})
  if(error)
    message(FATAL_ERROR "${file}: the field '${field}' is missing")
  endif()
  if(NOT actual STREQUAL type)
    set(article_ARRAY "an array")
    set(article_OBJECT "an object")
    set(article_STRING "a string")
    set(article_NUMBER "a number")
    set(article_BOOLEAN "true or false")
    set(article_NULL "null")
    message(FATAL_ERROR "${file}: '${field}' must be ${article_${type}}, not ${article_${actual}}")
  endif()
  if(type STREQUAL "ARRAY")
    string(JSON value LENGTH "${json}" ${path})
  else()
    string(JSON value GET "${json}" ${path})
  endif()
  if(type STREQUAL "STRING" AND value STREQUAL "")
    message(FATAL_ERROR "${file}: '${field}' must not be empty")
  endif()
  set(${out} "${value}" PARENT_SCOPE)
endfunction()

# _workbook_json_last_index(<out> <file> <json> <array> <if-empty>)
#   The last index of the top-level array <array> of <json>, which must exist and not be empty;
#   fails naming <file> and saying <if-empty> when it is.
function(_workbook_json_last_index out file json array if_empty)
  _workbook_json_field(count ${file} "${json}" ARRAY ${array})
  if(count EQUAL 0)
    message(FATAL_ERROR "${file}: ${if_empty}")
  endif()
  math(EXPR last "${count} - 1")
  set(${out} ${last} PARENT_SCOPE)
endfunction()

# _workbook_json_entry_name(<out> <file> <json> <kind> <label> <seen> <path>...)
#   The name of the entry at <path> of <json> (its field 'name'), which must be a C++ identifier
#   and not yet in the list <seen> (the caller's variable, to which it is appended). Sets <out> and
#   <out>_where, "<label> (<name>)" as the messages name the entry; fails naming <file>, the entry
#   and its <kind> ("exercise", "mistake").
function(_workbook_json_entry_name out file json kind label seen)
  _workbook_json_field(entry_name ${file} "${json}" STRING ${ARGN} name)
  set(where "${label} (${entry_name})")
  _workbook_json_identifier(${file} "${where}: 'name'" "${entry_name}")
  if(entry_name IN_LIST ${seen})
    message(FATAL_ERROR "${file}: ${where}: the ${kind} '${entry_name}' is listed twice")
  endif()
  list(APPEND ${seen} ${entry_name})
  set(${seen} ${${seen}} PARENT_SCOPE)
  set(${out} ${entry_name} PARENT_SCOPE)
  set(${out}_where "${where}" PARENT_SCOPE)
endfunction()

function(_workbook_json_identifier file field value)
  if(NOT value MATCHES "^[A-Za-z_][A-Za-z0-9_]*$")
    message(FATAL_ERROR "${file}: ${field} must be a C++ identifier (it names targets and test "
      "suites), got \"${value}\"")
  endif()
endfunction()

function(_workbook_json_file_name file field value)
  if(NOT value MATCHES "^[A-Za-z0-9_.-]+\\.cpp$")
    message(FATAL_ERROR "${file}: ${field} must be a file name ending in .cpp (no folder), got "
      "\"${value}\"")
  endif()
endfunction()
