/// \file
/// What a test finds in its environment: the folders and programs it needs, which CTest sets for
/// every test (set_tests_properties ENVIRONMENT, cmake/WorkbookTesting.cmake), so that no path is
/// compiled into a test program and its objects are the same in every copy of the workbook.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>

namespace workbook::testing {

/// The path held by the environment variable `name`: `what` the tests need (a folder, a program).
/// Throws std::runtime_error, naming the variable and what it is for, when it is not set.
inline std::filesystem::path environment_path(const std::string& name, const std::string& what) {
  const char* value = std::getenv(name.c_str());
  if (value == nullptr || *value == '\0') {
    throw std::runtime_error(name + " is not set: set it to " + what +
                             " (CTest sets it for every test; export it to run a test program "
                             "by hand)");
  }
  return value;
}

}  // namespace workbook::testing
