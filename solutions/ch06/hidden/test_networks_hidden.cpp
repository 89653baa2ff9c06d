// Chapter 6, cases the student edition does not show: a deeper dense stack and a convolution
// checked against central differences through the network, the cross-entropy of a large batch
// against long double, a gradient check on Rosenbrock's function in 100 dimensions, and the
// learning rates on seeds the visible tests do not use.
#include <cmath>

#include "workbook/digit_networks.hpp"
#include "workbook/driver.hpp"
#include "workbook/finite_differences.hpp"
#include "workbook/momentum.hpp"
#include "workbook/network.hpp"
#include "workbook/problems.hpp"
#include "workbook/sampling.hpp"
#include "workbook/testing/literate.hpp"
#include "workbook/testing/network.hpp"

using namespace workbook;
using namespace workbook::nn;
using testing::random_matrix;

BOOST_AUTO_TEST_SUITE(dense_backward)

BOOST_AUTO_TEST_CASE(a_dense_stack_is_differentiated_end_to_end,
                     *utf::description("Dense(6→5) → Tanh → Dense(5→4) → Sigmoid → Dense(4→3) on a "
                                       "batch of 7: ∇θ and ∂L/∂X agree with central differences "
                                       "to 1e-7")) {
  Random random(21);
  Network network(Shape{6});
  network.add(Dense(6, 5));
  network.add(Tanh());
  network.add(Dense(5, 4));
  network.add(Sigmoid());
  network.add(Dense(4, 3));
  network.parameters() = testing::random_vector(network.parameter_count(), random, 0.7);
  const testing::BackwardErrors errors =
      testing::backward_errors(network, random_matrix(6, 7, random), random);
  BOOST_TEST(errors.parameters <= 1e-7);
  BOOST_TEST(errors.input <= 1e-7);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(softmax_cross_entropy)

BOOST_AUTO_TEST_CASE(a_large_batch_matches_long_double,
                     *utf::description("10 classes, a batch of 256, logits of order 30: the loss "
                                       "agrees with the definition in long double to 1e-13")) {
  Random random(22);
  const Matrix logits = random_matrix(10, 256, random, 30.0);
  std::vector<Index> labels;
  for (Index b = 0; b < 256; ++b) labels.push_back(b % 10);
  long double total = 0.0L;
  for (Index b = 0; b < 256; ++b) {
    long double sum = 0.0L;
    for (Index k = 0; k < 10; ++k) sum += std::exp(static_cast<long double>(logits(k, b)));
    total += std::log(sum) - static_cast<long double>(logits(labels[b], b));
  }
  Matrix gradient;
  const double loss = nn::softmax_cross_entropy(logits, labels, gradient);
  BOOST_TEST(loss == static_cast<double>(total / 256.0L), tt::tolerance(1e-13));
  BOOST_TEST(gradient.colwise().sum().cwiseAbs().maxCoeff() <= 1e-15);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(convolution_patches)

BOOST_AUTO_TEST_CASE(a_convolution_is_differentiated_end_to_end,
                     *utf::description("Conv2D(2→3, 3×3, same) → Tanh → Conv2D(3→2, 3×3, valid) "
                                       "on 6×5 images, a batch of 3: ∇θ and ∂L/∂X agree with "
                                       "central differences to 1e-7")) {
  Random random(23);
  Network network(Shape{2, 6, 5});
  network.add(Conv2D(2, 3, 3, Padding::same));
  network.add(Tanh());
  network.add(Conv2D(3, 2, 3, Padding::valid));
  network.parameters() = testing::random_vector(network.parameter_count(), random, 0.5);
  const testing::BackwardErrors errors =
      testing::backward_errors(network, random_matrix(60, 3, random), random);
  BOOST_TEST(errors.parameters <= 1e-7);
  BOOST_TEST(errors.input <= 1e-7);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(gradient_check_along)

BOOST_AUTO_TEST_CASE(checks_rosenbrock_in_a_hundred_dimensions,
                     *utf::description("Rosenbrock's function, n = 100, at 5 random points near "
                                       "(1, …, 1): the right gradient passes at 1e-7 along random "
                                       "directions, and a gradient with one coordinate off by "
                                       "10 % of ‖g‖ fails along a direction that touches it")) {
  const Rosenbrock f(100);
  Random random(24);
  for (int point = 0; point < 5; ++point) {
    const Vector x = Vector::Ones(100) + testing::random_vector(100, random, 0.3);
    Vector g;
    f.gradient(x, g);
    Vector v = testing::random_vector(100, random);
    const ScalarFunction value = [&](const Vector& y) { return f.value(y); };
    BOOST_TEST(check_along(value, x, g, v).relative_error <= 1e-7);
    Vector wrong = g;
    const Index i = (point * 37) % 100;
    wrong(i) += 0.1 * g.norm();
    v(i) = 10.0 * v.norm();
    BOOST_TEST(check_along(value, x, wrong, v).relative_error >= 1e-4);
  }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(digits_learning_rates)

BOOST_AUTO_TEST_CASE(the_rates_hold_for_other_seeds,
                     *utf::description("the MLP with SGD at your rate, seeds 6 to 10 (other "
                                       "initial weights, other batches): mean test accuracy at "
                                       "least 0.955 after 30 epochs")) {
  const DigitsSplit data = digits_split(PixelScaling::standardised);
  const double eta = workbook::digits_learning_rates(DigitsNetwork::mlp).sgd;
  double total = 0.0;
  for (std::uint64_t seed = 6; seed <= 10; ++seed) {
    nn::Network network = mlp_digits_network(64);
    network.initialize(nn::Initialization::he_normal, seed);
    const NetworkProblem problem(std::move(network), data.train);
    ShuffledSampler sampler(problem.examples(), {.batch_size = 32, .seed = seed});
    SgdRule sgd = sgd_rule({.learning_rate = eta});
    const Result result =
        train(problem, sgd, problem.default_start(), {.sampler = &sampler, .epochs = 30});
    BOOST_TEST_REQUIRE(result.reason == StopReason::max_epochs, result.message);
    const double accuracy = problem.accuracy(result.x, data.test);
    BOOST_TEST_MESSAGE("seed " << seed << ": test accuracy " << accuracy);
    total += accuracy;
  }
  BOOST_TEST(total / 5.0 >= 0.955);
}

BOOST_AUTO_TEST_SUITE_END()
