// Hyper-parameter structs: defaults, and a clear error for every value out of range.
#include <cmath>
#include <limits>

#include "workbook/gradient_descent.hpp"
#include "workbook/registry.hpp"
#include "workbook/testing/literate.hpp"

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

BOOST_AUTO_TEST_CASE(changed_fields_are_named_to_the_last_bit) {
  // Settings::changed: each field that differs, named as in the code, with both values; a change
  // in the last bit of a double shows, since its text reads back as the same double.
  ArmijoParams before, after;
  BOOST_TEST(ArmijoParams::fields().changed(before, after).empty());
  after.initial_step = std::nextafter(1.0, 2.0);
  after.max_backtracks = 3;
  const std::vector<std::string> changed = ArmijoParams::fields().changed(before, after);
  BOOST_TEST_REQUIRE(changed.size() == 2U);
  BOOST_TEST(changed[0] == "initial_step = 1 became 1.0000000000000002");
  BOOST_TEST(changed[1] == "max_backtracks = 60 became 3");
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
  BOOST_CHECK_EXCEPTION(with([](ArmijoParams& p) { p.max_backtracks = 0; }).validate(Naming::flag),
                        std::invalid_argument,
                        testing::message_has({"--max-backtracks = 0 is invalid: expected "
                                              "--max-backtracks >= 1"}));
  BOOST_CHECK_EXCEPTION(gradient_descent_armijo_rule(with([](ArmijoParams& p) { p.shrink = 2.0; })),
                        std::invalid_argument, testing::message_has({"shrink = 2"}));
}

BOOST_AUTO_TEST_CASE(fields_list_each_hyper_parameter_once,
                     *utf::description("a Params struct lists its fields once: the registry's "
                                       "settings are those fields, in order, with the struct's "
                                       "defaults and the ranges validate() checks")) {
  const std::vector<SettingInfo>& infos = ArmijoParams::fields().infos();
  BOOST_TEST_REQUIRE(infos.size() == 4u);
  BOOST_TEST(infos[0].name == "initial_step");
  BOOST_TEST(infos[0].default_value == "1");
  BOOST_TEST(infos[0].range == "initial_step > 0");
  BOOST_TEST(infos[1].range == "shrink in (0, 1)");
  BOOST_TEST(infos[3].kind == "integer");
  BOOST_TEST(infos[3].range == "max_backtracks >= 1");
  const OptimizerEntry& armijo = workbook::registry().optimizer("gd-armijo");
  BOOST_TEST_REQUIRE(armijo.settings.size() == infos.size());
  for (std::size_t i = 0; i < infos.size(); ++i) {
    BOOST_TEST(armijo.settings[i].name == infos[i].name);
    BOOST_TEST(armijo.settings[i].range == infos[i].range);
  }
  const GradientDescentParams read = GradientDescentParams::fields().read({{"lr", "0.25"}}, "gd");
  BOOST_TEST(read.learning_rate == 0.25);
}

BOOST_AUTO_TEST_SUITE_END()
