// The one Boost.Test main of every test executable, compiled once and linked against the shared
// Boost.Test library, with the test harness's side of the grader's channel (grader_channel.hpp).
#define BOOST_TEST_MODULE workbook
#include <boost/test/unit_test.hpp>

#include "grader_channel.hpp"
