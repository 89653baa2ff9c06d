// The one Boost.Test main of every test executable, compiled once and linked against the shared
// Boost.Test library.
#define BOOST_TEST_MODULE workbook
#include <boost/test/unit_test.hpp>
