// Chapter 6: seeded initialisation. The random numbers are the same on every platform (the
// engine's bits and two documented mappings), and He and Xavier draw weights of the variance
// their derivations ask for.
#include <cmath>
#include <cstdint>
#include <numbers>

#include "workbook/network.hpp"
#include "workbook/random.hpp"
#include "workbook/testing/literate.hpp"
#include "workbook/testing/network.hpp"

using namespace workbook;
using namespace workbook::nn;

namespace {

struct Moments {
  double mean = 0.0, variance = 0.0;
};

Moments moments(const double* values, Index n) {
  const Eigen::Map<const Vector> v(values, n);
  Moments m;
  m.mean = v.mean();
  m.variance = (v.array() - m.mean).square().sum() / static_cast<double>(n - 1);
  return m;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(network_init)

BOOST_AUTO_TEST_CASE(he_normal_has_variance_two_over_fan_in,
                     *utf::description("He: Var w = 2/n_in keeps E[y²] through ReLU layers; for "
                                       "Dense(400→250) and Conv2D(8→16, 3×3) (n_in = 72) the "
                                       "sample variance is 2/n_in to four standard errors, the "
                                       "biases 0")) {
  Network network(Shape{8, 6, 6});
  auto& conv = network.add(Conv2D(8, 16, 3, Padding::same));
  network.add(Flatten());
  network.add(Dense(16 * 36, 400));
  network.add(ReLU());
  auto& dense = network.add(Dense(400, 250));
  network.initialize(Initialization::he_normal, 42);
  const auto check = [](const std::string& what, const double* w, Index n, double fan_in) {
    const Moments m = moments(w, n);
    const double variance = 2.0 / fan_in;
    const double se = variance * std::sqrt(2.0 / static_cast<double>(n));
    BOOST_TEST_INFO(what << ": sample variance " << m.variance
                         << ", expected 2/n_in = " << variance);
    BOOST_TEST(std::abs(m.variance - variance) <= 4.0 * se);
    BOOST_TEST(std::abs(m.mean) <= 4.0 * std::sqrt(variance / static_cast<double>(n)));
  };
  check("Dense(400→250)", dense.weight().data(), dense.weight().size(), 400.0);
  check("Conv2D(8→16, 3×3): n_in = 8·3·3", conv.weight().data(), conv.weight().size(), 72.0);
  BOOST_TEST(dense.bias().isZero(0.0));
  BOOST_TEST(conv.bias().isZero(0.0));
}

BOOST_AUTO_TEST_CASE(xavier_uniform_has_bound_root_six_over_fan_sum,
                     *utf::description("Glorot: U(−a, a) with a = √(6/(n_in + n_out)), variance "
                                       "a²/3 = 2/(n_in + n_out); Dense(300→200): a = 0.10954")) {
  Network network(Shape{300});
  auto& dense = network.add(Dense(300, 200));
  network.initialize(Initialization::xavier_uniform, 3);
  const double a = std::sqrt(6.0 / 500.0);
  const Moments m = moments(dense.weight().data(), dense.weight().size());
  const double n = static_cast<double>(dense.weight().size());
  BOOST_TEST(dense.weight().cwiseAbs().maxCoeff() < a);
  BOOST_TEST(dense.weight().cwiseAbs().maxCoeff() > 0.999 * a);
  // Var of the sample variance of U(−a, a): (a⁴/5 − a⁴/9)/n.
  BOOST_TEST(std::abs(m.variance - a * a / 3.0) <=
             4.0 * std::sqrt((std::pow(a, 4) / 5.0 - std::pow(a, 4) / 9.0) / n));

  Network normal(Shape{300});
  auto& other = normal.add(Dense(300, 200));
  normal.initialize(Initialization::xavier_normal, 3);
  const Moments g = moments(other.weight().data(), other.weight().size());
  BOOST_TEST(std::abs(g.variance - 2.0 / 500.0) <= 4.0 * (2.0 / 500.0) * std::sqrt(2.0 / n));

  Network uniform(Shape{300});
  auto& he = uniform.add(Dense(300, 200));
  uniform.initialize(Initialization::he_uniform, 3);
  BOOST_TEST(he.weight().cwiseAbs().maxCoeff() < std::sqrt(6.0 / 300.0));
  BOOST_TEST(he.weight().cwiseAbs().maxCoeff() > 0.999 * std::sqrt(6.0 / 300.0));
}

BOOST_AUTO_TEST_CASE(the_seed_fixes_theta,
                     *utf::description("the same seed gives the same θ, another seed another θ; "
                                       "the weights are drawn in the order of θ")) {
  const auto make = [](std::uint64_t seed) {
    Network network(Shape{1, 4, 4});
    network.add(Conv2D(1, 2, 3, Padding::valid));
    network.add(Flatten());
    network.add(Dense(8, 3));
    network.initialize(Initialization::he_normal, seed);
    return Vector(network.parameters());
  };
  BOOST_TEST((make(9) == make(9)));
  BOOST_TEST((make(9) != make(10)));
  // The first weight is the first normal of the seed, scaled by √(2/n_in) (conv: n_in = 9).
  Random random(9);
  BOOST_TEST(make(9)(0) == std::sqrt(2.0 / 9.0) * random.normal());
}

BOOST_AUTO_TEST_SUITE_END()
