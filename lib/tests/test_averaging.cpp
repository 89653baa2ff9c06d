// Chapter 2: averages of the iterates. Polyak–Ruppert's running mean (with a burn-in) and the
// exponential moving average.
#include <vector>

#include "workbook/averaging.hpp"
#include "workbook/random.hpp"
#include "workbook/testing/literate.hpp"

using namespace workbook;

namespace {

std::vector<Vector> random_iterates(int count, Index n, std::uint64_t seed) {
  Random random(seed);
  std::vector<Vector> iterates;
  for (int k = 0; k < count; ++k) {
    Vector x(n);
    for (Index i = 0; i < n; ++i) x(i) = 5.0 + random.normal();
    iterates.push_back(x);
  }
  return iterates;
}

// (1/m) Σ of iterates[first], ..., iterates[last − 1], summed plainly.
Vector plain_mean(const std::vector<Vector>& iterates, std::size_t first, std::size_t last) {
  Vector sum = Vector::Zero(iterates[0].size());
  for (std::size_t k = first; k < last; ++k) sum += iterates[k];
  return sum / static_cast<double>(last - first);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(iterate_averaging)

BOOST_AUTO_TEST_CASE(
    running_mean_is_the_mean_of_the_iterates,
    *utf::description("θ̄ += (θ − θ̄)/t equals (1/t) Σ θᵢ after every one of 1000 iterates, to "
                      "1e-14 relative (both round; neither is exact)")) {
  const auto iterates = random_iterates(1000, 4, 1);
  PolyakAverage average;
  for (std::size_t t = 1; t <= iterates.size(); ++t) {
    average.update(iterates[t - 1]);
    BOOST_TEST_REQUIRE(average.iterates() == static_cast<long>(t));
    BOOST_TEST_REQUIRE(average.averaged() == static_cast<long>(t));
    const Vector expected = plain_mean(iterates, 0, t);
    BOOST_TEST_INFO("t = " << t);
    BOOST_TEST_REQUIRE((average.value() - expected).norm() <= 1e-14 * expected.norm());
  }
}

BOOST_AUTO_TEST_CASE(
    burn_in_starts_the_average_after_t0_iterates,
    *utf::description(
        "with t0 = 10, the average after t > 10 iterates is the mean of θ₁₁, ..., θ_t "
        "(the 11th iterate copied, as AveragedModel's first update); during the "
        "burn-in it is the latest iterate")) {
  const auto iterates = random_iterates(50, 3, 2);
  PolyakAverage average({.burn_in = 10});
  for (std::size_t t = 1; t <= iterates.size(); ++t) {
    average.update(iterates[t - 1]);
    BOOST_TEST_CONTEXT("t = " << t) {
      if (t <= 10) {
        BOOST_TEST(average.averaged() == 0);
        BOOST_TEST((average.value() == iterates[t - 1]));
      } else {
        BOOST_TEST(average.averaged() == static_cast<long>(t) - 10);
        const Vector expected = plain_mean(iterates, 10, t);
        BOOST_TEST((average.value() - expected).norm() <= 1e-14 * expected.norm());
      }
    }
  }
  // The first averaged iterate is copied exactly.
  PolyakAverage copy({.burn_in = 10});
  for (std::size_t t = 0; t < 11; ++t) copy.update(iterates[t]);
  BOOST_TEST((copy.value() == iterates[10]));
  copy.reset();
  BOOST_TEST(copy.iterates() == 0);
  BOOST_CHECK_THROW(copy.value(), std::logic_error);
}

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

BOOST_AUTO_TEST_CASE(averaging_reduces_the_noise_of_iterates_around_a_point,
                     *utf::description("iterates θ* + noise of variance 1: the Polyak average of "
                                       "10000 is within 4/√10000 of θ*; the EMA with β = 0.99 "
                                       "has variance (1 − β)/(1 + β) ≈ 0.005, far below the "
                                       "iterates' 1")) {
  Random random(3);
  PolyakAverage polyak;
  ExponentialAverage ema({.decay = 0.99});
  double ema_squares = 0.0;
  const int steps = 10000;
  for (int t = 1; t <= steps; ++t) {
    const Vector theta{{2.0 + random.normal()}};
    polyak.update(theta);
    ema.update(theta);
    if (t > 1000) ema_squares += (ema.value()(0) - 2.0) * (ema.value()(0) - 2.0);
  }
  BOOST_TEST(std::abs(polyak.value()(0) - 2.0) < 4.0 / std::sqrt(steps));
  const double ema_variance = ema_squares / (steps - 1000);
  BOOST_TEST_INFO("EMA variance " << ema_variance);
  BOOST_TEST(ema_variance < 0.02);
}

BOOST_AUTO_TEST_CASE(bad_input) {
  BOOST_CHECK_EXCEPTION(PolyakAverage({.burn_in = -1}), std::invalid_argument,
                        testing::message_has({"burn_in = -1 is invalid", "burn_in >= 0"}));
  BOOST_CHECK_EXCEPTION(ExponentialAverage({.decay = 1.0}), std::invalid_argument,
                        testing::message_has({"decay = 1 is invalid", "[0, 1)"}));
  const PolyakAverageParams negative{.burn_in = -1};
  BOOST_CHECK_EXCEPTION(
      negative.validate(Naming::flag), std::invalid_argument,
      testing::message_has({"--average-start = -1 is invalid: expected --average-start >= 0"}));
  const ExponentialAverageParams no_memory{.decay = 1.0};
  BOOST_CHECK_EXCEPTION(
      no_memory.validate(Naming::flag), std::invalid_argument,
      testing::message_has({"--ema-decay = 1 is invalid: expected --ema-decay in [0, 1)"}));
  PolyakAverage average;
  BOOST_CHECK_EXCEPTION(average.value(), std::logic_error,
                        testing::message_has({"no iterate yet"}));
  average.update(Vector::Zero(3));
  BOOST_CHECK_EXCEPTION(average.update(Vector::Zero(2)), std::invalid_argument,
                        testing::message_has({"theta has 2 entries: expected 3"}));
  BOOST_CHECK_EXCEPTION(average.update(Vector{{0.0, NAN, 1.0}}), std::invalid_argument,
                        testing::message_has({"theta[1] = nan"}));
  ExponentialAverage ema;
  ema.update(Vector::Ones(2));
  BOOST_CHECK_EXCEPTION(ema.update(Vector::Ones(3)), std::invalid_argument,
                        testing::message_has({"theta has 3 entries: expected 2"}));
}

BOOST_AUTO_TEST_SUITE_END()
