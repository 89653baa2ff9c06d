// Hyper-parameter structs: defaults, and a clear error for every value out of range.
#include <cmath>
#include <limits>

#include "workbook/gradient_descent.hpp"
#include "workbook_testing.hpp"

using namespace workbook;

BOOST_AUTO_TEST_SUITE(parameters)

BOOST_AUTO_TEST_CASE(gradient_descent_learning_rate) {
  GradientDescentParams params;
  BOOST_TEST(params.learning_rate == 0.1);
  BOOST_CHECK_NO_THROW(gradient_descent_rule(params));
  for (double bad : {0.0, -0.1, std::nan(""), std::numeric_limits<double>::infinity()}) {
    BOOST_CHECK_EXCEPTION(gradient_descent_rule({bad}), std::invalid_argument,
                          testing::message_has({"learning_rate = ", "expected learning_rate > 0"}));
  }
  BOOST_CHECK_EXCEPTION(gradient_descent_rule({-0.1}), std::invalid_argument,
                        testing::message_has({"learning_rate = -0.1 is invalid"}));
}

BOOST_AUTO_TEST_CASE(armijo_ranges) {
  ArmijoParams params;
  BOOST_TEST(params.initial_step == 1.0);
  BOOST_TEST(params.shrink == 0.5);
  BOOST_TEST(params.sufficient_decrease == 1e-4);
  BOOST_CHECK_NO_THROW(params.validate());
  auto with = [](auto change) {
    ArmijoParams p;
    change(p);
    return p;
  };
  BOOST_CHECK_EXCEPTION(with([](ArmijoParams& p) { p.shrink = 1.0; }).validate(),
                        std::invalid_argument,
                        testing::message_has({"shrink = 1 is invalid", "shrink in (0, 1)"}));
  BOOST_CHECK_EXCEPTION(with([](ArmijoParams& p) { p.shrink = 0.0; }).validate(),
                        std::invalid_argument, testing::message_has({"shrink = 0"}));
  BOOST_CHECK_EXCEPTION(with([](ArmijoParams& p) { p.sufficient_decrease = 1.5; }).validate(),
                        std::invalid_argument,
                        testing::message_has({"sufficient_decrease = 1.5", "in (0, 1)"}));
  BOOST_CHECK_EXCEPTION(with([](ArmijoParams& p) { p.initial_step = -1.0; }).validate(),
                        std::invalid_argument, testing::message_has({"initial_step = -1", "> 0"}));
  BOOST_CHECK_EXCEPTION(with([](ArmijoParams& p) { p.max_backtracks = 0; }).validate(),
                        std::invalid_argument,
                        testing::message_has({"max_backtracks = 0", ">= 1"}));
  BOOST_CHECK_EXCEPTION(gradient_descent_armijo_rule(with([](ArmijoParams& p) { p.shrink = 2.0; })),
                        std::invalid_argument, testing::message_has({"shrink = 2"}));
}

BOOST_AUTO_TEST_SUITE_END()
