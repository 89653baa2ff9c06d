# Compiler settings shared by every target of the workbook.

find_program(CCACHE_PROGRAM ccache)
if(CCACHE_PROGRAM AND NOT CMAKE_CXX_COMPILER_LAUNCHER)
  set(CMAKE_CXX_COMPILER_LAUNCHER ${CCACHE_PROGRAM})
endif()

# Every target links this interface library for its warnings and flags.
add_library(workbook_flags INTERFACE)
target_compile_options(workbook_flags INTERFACE
  -Wall -Wextra -Wpedantic
  # __FILE__ relative to the project root, so that "not implemented yet: exercises/ch01/..." and
  # test locations read the same on every machine.
  -fmacro-prefix-map=${PROJECT_SOURCE_DIR}/=)

# GCC 12 at -O2 and above warns -Wrestrict inside libstdc++ for `"text" + std::string(...)`, a
# known false positive of that compiler (GCC bug 105329, fixed in GCC 13).
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
  target_compile_options(workbook_flags INTERFACE -Wno-restrict)
endif()

if(WORKBOOK_SANITIZE)
  target_compile_options(workbook_flags INTERFACE
    -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
  target_link_options(workbook_flags INTERFACE -fsanitize=address,undefined)
endif()
