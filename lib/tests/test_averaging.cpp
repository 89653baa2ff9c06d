// Chapter 2: the exponential moving average of the iterates. The Polyak–Ruppert average is an
// exercise (polyak_average): its tests are solutions/ch02/test_averaging.cpp.
#include <cmath>

#include "workbook/averaging.hpp"
#include "workbook/testing/literate.hpp"

using namespace workbook;

BOOST_AUTO_TEST_SUITE(iterate_averaging)

BOOST_AUTO_TEST_CASE(
    ema_of_a_constant_is_the_constant,
    *utf::description("θ̃ += (1 − β)(θ − θ̃) with θ̃₁ = θ₁: for a constant sequence θ − θ̃ = 0 at "
                      "every step, so θ̃ is the constant exactly; for a sequence that jumps from "
                      "a to b, θ̃ₜ = b + βᵗ⁻ᵏ(a − b) k steps after the jump")) {
  const Vector c{{0.1, -3.7, 1e-300, 12345.678}};
  ExponentialAverage ema({.decay = 0.9});
  for (int t = 0; t < 1000; ++t) {
    ema.update(c);
    BOOST_TEST_REQUIRE((ema.value() == c));
  }
  ExponentialAverage jump({.decay = 0.9});
  jump.update(Vector{{1.0}});
  for (int k = 1; k <= 30; ++k) {
    jump.update(Vector{{3.0}});
    BOOST_TEST_INFO("k = " << k);
    BOOST_TEST(jump.value()(0) == 3.0 + std::pow(0.9, k) * (1.0 - 3.0), tt::tolerance(1e-13));
  }
  BOOST_TEST(jump.iterates() == 31);
  ExponentialAverage no_memory({.decay = 0.0});
  no_memory.update(Vector{{1.0}});
  no_memory.update(Vector{{2.0}});
  BOOST_TEST(no_memory.value()(0) == 2.0);
}

BOOST_AUTO_TEST_CASE(bad_input) {
  BOOST_CHECK_EXCEPTION(ExponentialAverage({.decay = 1.0}), std::invalid_argument,
                        testing::message_has({"decay = 1 is invalid", "[0, 1)"}));
  BOOST_CHECK_EXCEPTION(ExponentialAverage({.decay = -0.5}), std::invalid_argument,
                        testing::message_has({"decay = -0.5 is invalid", "[0, 1)"}));
  // On a command line the same ranges name the flags.
  const PolyakAverageParams negative{.burn_in = -1};
  BOOST_CHECK_EXCEPTION(
      negative.validate(Naming::flag), std::invalid_argument,
      testing::message_has({"--average-start = -1 is invalid: expected --average-start >= 0"}));
  const ExponentialAverageParams no_memory{.decay = 1.0};
  BOOST_CHECK_EXCEPTION(
      no_memory.validate(Naming::flag), std::invalid_argument,
      testing::message_has({"--ema-decay = 1 is invalid: expected --ema-decay in [0, 1)"}));
  ExponentialAverage average;
  BOOST_CHECK_EXCEPTION(average.value(), std::logic_error,
                        testing::message_has({"no iterate yet"}));
  average.update(Vector::Zero(3));
  BOOST_CHECK_EXCEPTION(average.update(Vector::Zero(2)), std::invalid_argument,
                        testing::message_has({"theta has 2 entries: expected 3"}));
  BOOST_CHECK_EXCEPTION(average.update(Vector{{0.0, NAN, 1.0}}), std::invalid_argument,
                        testing::message_has({"theta[1] = nan"}));
}

BOOST_AUTO_TEST_SUITE_END()
