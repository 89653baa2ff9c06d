// Chapter 2, §2.6: the Polyak–Ruppert average of the iterates, kept as a running mean after a
// burn-in. Exercise: polyak_average (exercises/ch02/polyak_average.cpp, PolyakAverage::update()).
#include <cmath>
#include <vector>

#include "workbook/averaging.hpp"
#include "workbook/random.hpp"
#include "workbook/testing/literate.hpp"

using namespace workbook;

namespace {

std::vector<Vector> noisy_iterates(int count, Index n, std::uint64_t seed) {
  Random random(seed);
  std::vector<Vector> iterates;
  for (int k = 0; k < count; ++k) {
    Vector x(n);
    for (Index i = 0; i < n; ++i) x(i) = 5.0 + random.normal();
    iterates.push_back(x);
  }
  return iterates;
}

// (1/m) Σ of iterates[first], ..., iterates[last − 1], summed plainly (m = last − first).
Vector mean_of(const std::vector<Vector>& iterates, std::size_t first, std::size_t last) {
  Vector sum = Vector::Zero(iterates[0].size());
  for (std::size_t k = first; k < last; ++k) sum += iterates[k];
  return sum / static_cast<double>(last - first);
}

bool near(const Vector& a, const Vector& b, double relative = 1e-12) {
  return a.size() == b.size() && (a - b).norm() <= relative * std::max(b.norm(), 1e-300);
}

// What the average after t iterates with burn-in t0 is, if it is not the mean of θ_{t0+1}, ..., θ_t.
std::string diagnose_average(const std::vector<Vector>& iterates, std::size_t t, long t0,
                             const Vector& value) {
  const std::size_t first = static_cast<std::size_t>(t0);
  if (!value.allFinite()) return "the average is not finite";
  if (t0 > 0 && t > first && near(value, mean_of(iterates, 0, t))) {
    return "this is the mean of all " + std::to_string(t) +
           " iterates: the burn-in was ignored; "
           "the first t₀ = " +
           std::to_string(t0) + " must be left out";
  }
  if (t > first) {
    // The running mean with each iterate weighed 1/t instead of 1/(t − t₀).
    Vector by_t = iterates[first];
    for (std::size_t k = first + 2; k <= t; ++k) {
      by_t += (iterates[k - 1] - by_t) / static_cast<double>(k);
    }
    if (t0 > 0 && t > first + 1 && near(value, by_t)) {
      return "the average divides by t instead of t − t₀: n = t − t₀ iterates are averaged";
    }
    const Vector sum = mean_of(iterates, first, t) * static_cast<double>(t - first);
    if (near(value, sum)) return "this is the sum of the iterates, not their mean";
    if (near(value, iterates[t - 1]) && t - first > 1) {
      return "the average is the latest iterate: does it move only by (θ − θ̄)/n, with n the "
             "number averaged?";
    }
  }
  return {};
}

}  // namespace

BOOST_AUTO_TEST_SUITE(polyak_average)

//! [running mean]
BOOST_AUTO_TEST_CASE(
    the_average_of_a_sequence_is_its_mean,
    *utf::description("§2.6: θ̄ += (θ − θ̄)/t equals (1/t) Σ θᵢ after every one of 1000 iterates, "
                      "to 1e-14 relative (both round; neither is exact); the average of 1, 2, ..., "
                      "10 is 5.5")) {
  const auto iterates = noisy_iterates(1000, 4, 1);
  PolyakAverage average;
  for (std::size_t t = 1; t <= iterates.size(); ++t) {
    average.update(iterates[t - 1]);
    BOOST_TEST_REQUIRE(average.iterates() == static_cast<long>(t),
                       "iterates() = " << average.iterates() << " after " << t
                                       << " updates: call count(theta) once per update");
    const Vector expected = mean_of(iterates, 0, t);
    const std::string why = diagnose_average(iterates, t, 0, average.value());
    BOOST_TEST_REQUIRE((average.value() - expected).norm() <= 1e-14 * expected.norm(),
                       "t = " << t << ": " << why);
  }
  PolyakAverage counting;
  for (int i = 1; i <= 10; ++i) counting.update(Vector::Constant(1, i));
  BOOST_TEST(counting.value()(0) == 5.5, tt::tolerance(1e-15));
}
//! [running mean]

BOOST_AUTO_TEST_CASE(
    the_burn_in_is_left_out,
    *utf::description("§2.6: with t₀ = 10 the average after t > 10 iterates is the mean of "
                      "θ₁₁, ..., θ_t, the 11th copied (as torch's AveragedModel's first update); "
                      "during the burn-in it is the latest iterate")) {
  const auto iterates = noisy_iterates(50, 3, 2);
  PolyakAverage average({.burn_in = 10});
  for (std::size_t t = 1; t <= iterates.size(); ++t) {
    average.update(iterates[t - 1]);
    BOOST_TEST_CONTEXT("t = " << t) {
      if (t <= 10) {
        BOOST_TEST(average.averaged() == 0);
        const bool all_of_them = t > 1 && near(average.value(), mean_of(iterates, 0, t));
        BOOST_TEST((average.value() == iterates[t - 1]),
                   (all_of_them ? "the burn-in was ignored: the average holds every iterate so "
                                  "far; "
                                : "")
                       << "during the burn-in of t₀ = 10 iterates the average must be the latest "
                          "iterate");
      } else {
        BOOST_TEST(average.averaged() == static_cast<long>(t) - 10);
        const Vector expected = mean_of(iterates, 10, t);
        const std::string why = diagnose_average(iterates, t, 10, average.value());
        BOOST_TEST((average.value() - expected).norm() <= 1e-14 * expected.norm(), why);
      }
    }
  }
  PolyakAverage copy({.burn_in = 10});
  for (std::size_t t = 0; t < 11; ++t) copy.update(iterates[t]);
  BOOST_TEST((copy.value() == iterates[10]), "the first averaged iterate must be copied exactly");
  copy.reset();
  BOOST_TEST(copy.iterates() == 0);
  BOOST_CHECK_THROW(copy.value(), std::logic_error);
}

BOOST_AUTO_TEST_CASE(
    a_running_mean_does_not_overflow,
    *utf::description("§2.6: the running mean never holds more than an iterate: 1000 iterates "
                      "of about 10³⁰⁷ (where the sum of two is already infinite) average to "
                      "their mean, 1.5·10³⁰⁷, within 1e-13 relative")) {
  PolyakAverage average;
  for (int i = 1; i <= 1000; ++i) {
    average.update(Vector::Constant(1, (i % 2 == 0 ? 1.0 : 2.0) * 1e307));
  }
  const double value = average.value()(0);
  BOOST_TEST(std::isfinite(value), "the average is " << value
                                                     << ": is it a sum of the iterates? A sum "
                                                        "of 1e307s overflows; update the mean");
  BOOST_TEST(value == 1.5e307, tt::tolerance(1e-13));
}

BOOST_AUTO_TEST_CASE(averaging_reduces_the_noise_of_iterates_around_a_point,
                     *utf::description("§2.6: iterates θ* + noise of variance 1: the Polyak "
                                       "average of 10000 is within 4/√10000 of θ*")) {
  Random random(3);
  PolyakAverage polyak;
  const int steps = 10000;
  for (int t = 1; t <= steps; ++t) polyak.update(Vector{{2.0 + random.normal()}});
  BOOST_TEST(std::abs(polyak.value()(0) - 2.0) < 4.0 / std::sqrt(steps));
}

BOOST_AUTO_TEST_CASE(bad_input) {
  BOOST_CHECK_EXCEPTION(PolyakAverage({.burn_in = -1}), std::invalid_argument,
                        testing::message_has({"burn_in = -1 is invalid", "burn_in >= 0"}));
  PolyakAverage average;
  BOOST_CHECK_EXCEPTION(average.value(), std::logic_error,
                        testing::message_has({"no iterate yet"}));
  average.update(Vector::Zero(3));
  BOOST_CHECK_EXCEPTION(average.update(Vector::Zero(2)), std::invalid_argument,
                        testing::message_has({"theta has 2 entries: expected 3"}));
  BOOST_CHECK_EXCEPTION(average.update(Vector{{0.0, NAN, 1.0}}), std::invalid_argument,
                        testing::message_has({"theta[1] = nan"}));
}

BOOST_AUTO_TEST_SUITE_END()
