/// \file
/// What every literate test includes: Boost.Test, the library, and a few helpers.
///
/// A test case states the claim of the notes it checks (its description), checks it with an
/// honest tolerance, and on failure says what probably went wrong in the notes' terms:
///
///     const std::string why = "x moved uphill, to x + η∇f: the step is x − η∇f";
///     BOOST_TEST_INFO(why);
///     BOOST_TEST(x(0) == 6.0, tt::tolerance(1e-15));
#pragma once

#include <boost/test/unit_test.hpp>
#include <cmath>
#include <string>
#include <vector>

#include "workbook/driver.hpp"
#include "workbook/errors.hpp"
#include "workbook/format.hpp"
#include "workbook/observers.hpp"
#include "workbook/plotting.hpp"

namespace tt = boost::test_tools;
namespace utf = boost::unit_test;

namespace workbook::testing {

/// True when `a` and `b` agree to `relative` (relative to the larger), or both are tiny.
inline bool close(double a, double b, double relative = 1e-9) {
  return std::abs(a - b) <= relative * std::max({std::abs(a), std::abs(b), 1e-300});
}

/// For BOOST_CHECK_EXCEPTION: true when the exception's message contains every one of `parts`
/// (and logs the message when it does not).
inline auto message_has(std::vector<std::string> parts) {
  return [parts](const std::exception& error) {
    const std::string what = error.what();
    for (const std::string& part : parts) {
      if (what.find(part) == std::string::npos) {
        BOOST_TEST_MESSAGE("the message \"" << what << "\" does not contain \"" << part << "\"");
        return false;
      }
    }
    return true;
  };
}

/// Draws `figure` as <plot dir>/<name>.svg and .png and logs where.
inline void draw(const plot::Figure& figure, const std::string& name) {
  const auto file = plot::save_figure(figure, name);
  BOOST_TEST_MESSAGE("figure: " << file.string());
}

/// Runs `rule` from `x0` for exactly `steps` steps (no other stopping rule) and records the trace.
inline Result run_steps(const Problem& problem, UpdateRule& rule, const Vector& x0, long steps,
                        TraceRecorder* trace = nullptr) {
  StoppingRules stopping;
  stopping.gradient_tolerance = 0.0;
  stopping.max_iterations = steps;
  std::vector<Observer*> observers;
  if (trace != nullptr) observers.push_back(trace);
  return minimize(problem, rule, x0, stopping, observers);
}

}  // namespace workbook::testing
