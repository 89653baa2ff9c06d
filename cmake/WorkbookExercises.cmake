# Graded functions: one declaration (a header in lib/), several definitions.
#
# Each chapter lists its exercises in solutions/<chapter>/manifest.json. An exercise is one .cpp file
# that defines graded functions declared in lib/. It exists in up to three kinds of variant:
#   stub       ${WORKBOOK_EXERCISES_DIR}/<chapter>/<file>   what the student completes
#   reference  solutions/<chapter>/reference/<file>        the instructor's solution
#   mistakes   solutions/<chapter>/mistakes/<...>.cpp       known wrong answers (diagnosis tests)
# Each variant is compiled once, as an OBJECT library; executables take the objects of one variant
# per exercise through an INTERFACE library (workbook_graded_objects), so a test binary can be
# linked against any mix of them without recompiling the tests.

define_property(GLOBAL PROPERTY WORKBOOK_EXERCISES
  BRIEF_DOCS "Every exercise, as <chapter>/<name>")

# workbook_read_manifest(<chapter>)
#   Reads solutions/<chapter>/manifest.json and declares each exercise it lists.
function(workbook_read_manifest chapter)
  set(manifest ${PROJECT_SOURCE_DIR}/solutions/${chapter}/manifest.json)
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${manifest})
  file(READ ${manifest} json)
  string(JSON count ERROR_VARIABLE err LENGTH "${json}" exercises)
  if(err)
    message(FATAL_ERROR "${manifest}: no 'exercises' array (${err})")
  endif()
  math(EXPR last "${count} - 1")
  foreach(i RANGE ${last})
    string(JSON name GET "${json}" exercises ${i} name)
    string(JSON file GET "${json}" exercises ${i} file)
    workbook_exercise(${name} CHAPTER ${chapter} FILE ${file})
  endforeach()
endfunction()

# workbook_exercise(<name> CHAPTER <chapter> FILE <file.cpp>)
function(workbook_exercise name)
  cmake_parse_arguments(PARSE_ARGV 1 ARG "" "CHAPTER;FILE" "")
  set(id ${ARG_CHAPTER}_${name})
  set(stub ${WORKBOOK_EXERCISES_DIR}/${ARG_CHAPTER}/${ARG_FILE})
  set(reference ${PROJECT_SOURCE_DIR}/solutions/${ARG_CHAPTER}/reference/${ARG_FILE})
  if(NOT EXISTS ${stub})
    message(FATAL_ERROR "exercise ${ARG_CHAPTER}/${name}: its file ${stub} does not exist")
  endif()
  _workbook_exercise_objects(workbook_ex_${id}_stubs ${stub})
  # An untouched stub ignores its parameters; that is not worth a warning.
  target_compile_options(workbook_ex_${id}_stubs PRIVATE -Wno-unused-parameter)
  if(EXISTS ${reference})
    _workbook_exercise_objects(workbook_ex_${id}_reference ${reference})
    set(selected workbook_ex_${id}_${WORKBOOK_SOLUTIONS})
  else()
    set(selected workbook_ex_${id}_stubs)
  endif()
  set_property(GLOBAL APPEND PROPERTY WORKBOOK_EXERCISES ${ARG_CHAPTER}/${name})
  set_property(GLOBAL PROPERTY WORKBOOK_EXERCISE_${id}_SELECTED ${selected})
endfunction()

# workbook_exercise_variant(<chapter>/<name> <variant> <source>)
#   Another definition of an exercise (a known mistake), compiled as workbook_ex_<id>_<variant>.
function(workbook_exercise_variant exercise variant source)
  string(REPLACE "/" "_" id ${exercise})
  _workbook_exercise_objects(workbook_ex_${id}_${variant} ${source})
endfunction()

function(_workbook_exercise_objects target source)
  add_library(${target} OBJECT ${source})
  target_link_libraries(${target} PRIVATE workbook_core workbook_flags)
  workbook_macro_prefix_map(${WORKBOOK_EXERCISES_DIR} exercises/ exercises_map)
  target_compile_options(${target} PRIVATE ${exercises_map})
endfunction()

# workbook_graded_objects(<target> [OVERRIDE <chapter>/<name> <variant> ...])
#   An INTERFACE library carrying the objects of every exercise: the selected implementation, or
#   the given variant for the overridden ones. Call it after every manifest has been read.
function(workbook_graded_objects target)
  cmake_parse_arguments(PARSE_ARGV 1 ARG "" "" "OVERRIDE")
  add_library(${target} INTERFACE)
  target_link_libraries(${target} INTERFACE workbook_core)
  get_property(exercises GLOBAL PROPERTY WORKBOOK_EXERCISES)
  foreach(exercise IN LISTS exercises)
    string(REPLACE "/" "_" id ${exercise})
    get_property(objects GLOBAL PROPERTY WORKBOOK_EXERCISE_${id}_SELECTED)
    list(FIND ARG_OVERRIDE ${exercise} at)
    if(at GREATER -1)
      math(EXPR at "${at} + 1")
      list(GET ARG_OVERRIDE ${at} variant)
      set(objects workbook_ex_${id}_${variant})
    endif()
    target_sources(${target} INTERFACE $<TARGET_OBJECTS:${objects}>)
  endforeach()
endfunction()
