// Chapter 6: training a network is minimising a finite sum L(θ) = (1/N) Σᵢ Lᵢ(θ). The network
// problem keeps the finite-sum contract (averages over batches, the full average), and the
// library's update rules train it unchanged, full-batch through the driver or on mini-batches.
#include <algorithm>
#include <cmath>

#include "workbook/adaptive.hpp"
#include "workbook/momentum.hpp"
#include "workbook/network_problem.hpp"
#include "workbook/sampling.hpp"
#include "workbook/testing/literate.hpp"
#include "workbook/testing/network.hpp"

using namespace workbook;
using namespace workbook::nn;
using testing::bars;
using testing::xor_network;
using testing::xor_quadrants;

namespace {

Network bar_network(std::uint64_t seed) {
  Network network(Shape{1, 6, 6});
  network.add(Conv2D(1, 4, 3, Padding::same));
  network.add(ReLU());
  network.add(MaxPool2x2());
  network.add(Flatten());
  network.add(Dense(36, 2));
  network.initialize(Initialization::he_normal, seed);
  return network;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(dense_backward)
BOOST_AUTO_TEST_SUITE(network_problem)

BOOST_AUTO_TEST_CASE(the_full_average_is_the_mean_over_the_examples,
                     *utf::description("L(θ) = (1/N) Σᵢ Lᵢ(θ) and ∇L = (1/N) Σᵢ ∇Lᵢ: value() and "
                                       "gradient() are the means of the one-example batches, and "
                                       "a batch's value is the mean of its examples'")) {
  const NetworkProblem problem(bar_network(1), bars(12, 2));
  const Vector theta = problem.default_start();
  const Index n = problem.examples();
  BOOST_TEST(n == 12);
  BOOST_TEST(problem.dimension() == 4 * 9 + 4 + 2 * 36 + 2);
  double sum = 0.0;
  Vector gradient_sum = Vector::Zero(problem.dimension()), g;
  std::vector<double> single(static_cast<std::size_t>(n));
  for (Index i = 0; i < n; ++i) {
    const Index one[] = {i};
    single[static_cast<std::size_t>(i)] = problem.batch_value_and_gradient(theta, one, g);
    sum += single[static_cast<std::size_t>(i)];
    gradient_sum += g;
  }
  Vector gradient;
  const double value = problem.value_and_gradient(theta, gradient);
  BOOST_TEST(value == sum / static_cast<double>(n), tt::tolerance(1e-14));
  BOOST_TEST(problem.value(theta) == value, tt::tolerance(1e-15));
  BOOST_TEST_INFO("∇L must be the mean of the ∇Lᵢ: divided by N once, not per batch and again");
  BOOST_TEST((gradient - gradient_sum / static_cast<double>(n)).cwiseAbs().maxCoeff() <=
             1e-14 * gradient.cwiseAbs().maxCoeff());

  const std::vector<Index> batch{3, 7, 8};
  const double three = problem.batch_value(theta, batch);
  BOOST_TEST(three == (single[3] + single[7] + single[8]) / 3.0, tt::tolerance(1e-14));
  BOOST_TEST_INFO("the default batch_value() is the value of batch_value_and_gradient()");
  BOOST_TEST(problem.FiniteSumProblem::batch_value(theta, batch) == three, tt::tolerance(1e-15));
}

BOOST_AUTO_TEST_CASE(the_evaluation_batch_size_does_not_change_the_average,
                     *utf::description("the full average runs evaluation_batch_size examples at a "
                                       "time, weighting each chunk by its size: 5 at a time (the "
                                       "last chunk of 2) gives the same L and ∇L as all 17 at "
                                       "once")) {
  NetworkProblemSettings chunked;
  chunked.evaluation_batch_size = 5;
  const NetworkProblem whole(xor_network(1), xor_quadrants(17, 2));
  const NetworkProblem parts(xor_network(1), xor_quadrants(17, 2), chunked);
  const Vector theta = whole.default_start();
  Vector g_whole, g_parts;
  const double l_whole = whole.value_and_gradient(theta, g_whole);
  const double l_parts = parts.value_and_gradient(theta, g_parts);
  BOOST_TEST(l_parts == l_whole, tt::tolerance(1e-14));
  BOOST_TEST((g_parts - g_whole).cwiseAbs().maxCoeff() <= 1e-14 * g_whole.cwiseAbs().maxCoeff());
  BOOST_TEST(parts.value(theta) == l_whole, tt::tolerance(1e-14));
}

BOOST_AUTO_TEST_CASE(the_problem_gradient_is_its_derivative,
                     *utf::description("∇L(θ)·d equals the central difference of L along random "
                                       "directions d, for both losses")) {
  for (const ClassificationLoss loss :
       {ClassificationLoss::softmax_cross_entropy, ClassificationLoss::mean_squared_error}) {
    NetworkProblemSettings settings;
    settings.loss = loss;
    const NetworkProblem problem(xor_network(3), xor_quadrants(20, 4), settings);
    const Vector theta = problem.default_start();
    Vector gradient;
    problem.gradient(theta, gradient);
    Random random(5);
    for (int k = 0; k < 3; ++k) {
      Vector d = testing::random_vector(theta.size(), random);
      d /= d.norm();
      const double h = 1e-5;
      const double numerical =
          (problem.value(theta + h * d) - problem.value(theta - h * d)) / (2.0 * h);
      BOOST_TEST(gradient.dot(d) == numerical, tt::tolerance(1e-7));
    }
  }
}

BOOST_AUTO_TEST_CASE(an_update_rule_trains_the_network_unchanged,
                     *utf::description("the driver runs NAdam on the network problem like on any "
                                       "problem: on the XOR quadrants (no line separates them) "
                                       "300 full-batch steps reach 100% training accuracy and "
                                       "over 95% on fresh points")) {
  const NetworkProblem problem(xor_network(4), xor_quadrants(200, 5));
  NAdamParams params;
  params.learning_rate = 0.05;
  NAdamRule nadam = nadam_rule(params);
  const Vector start = problem.default_start();
  const Result result = testing::run_steps(problem, nadam, start, 300);
  const double start_loss = problem.value(start);
  BOOST_TEST_MESSAGE("NAdam: loss " << start_loss << " → " << result.loss << ", training accuracy "
                                    << problem.accuracy(result.x, problem.data()));
  BOOST_TEST(result.loss < 0.1 * start_loss);
  BOOST_TEST(problem.accuracy(result.x, problem.data()) == 1.0);
  BOOST_TEST(problem.accuracy(result.x, xor_quadrants(500, 6)) >= 0.95);
}

BOOST_AUTO_TEST_CASE(
    mini_batch_sgd_trains_a_convolutional_network,
    *utf::description("a loop of batch_value_and_gradient() and sgd_step() on "
                      "mini-batches of 16 drawn with replacement teach Conv2D → ReLU → "
                      "MaxPool2x2 → Dense to tell horizontal from vertical bars: "
                      "100% on fresh images after 10 epochs")) {
  const NetworkProblem problem(bar_network(7), bars(160, 8));
  SgdParams params;
  params.learning_rate = 0.05;
  params.momentum = 0.9;
  Vector theta = problem.default_start(), gradient;
  SgdState state = start_state<SgdState>(theta, params);
  SamplerParams batches;
  batches.batch_size = 16;
  batches.seed = 9;
  UniformSampler sampler(problem.examples(), batches);
  while (sampler.epoch() < 10) {
    const std::vector<Index>& batch = sampler.next_batch();
    problem.batch_value_and_gradient(theta, batch, gradient);
    sgd_step(theta, gradient, state, params);
  }
  const double test_accuracy = problem.accuracy(theta, bars(200, 10));
  BOOST_TEST_MESSAGE("SGD: loss " << problem.value(problem.default_start()) << " → "
                                  << problem.value(theta) << ", fresh accuracy " << test_accuracy);
  BOOST_TEST(problem.value(theta) < 0.1 * problem.value(problem.default_start()));
  BOOST_TEST(test_accuracy == 1.0);
}

BOOST_AUTO_TEST_SUITE_END()
BOOST_AUTO_TEST_SUITE_END()
