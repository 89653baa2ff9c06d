// Chapter 6: the network problem's own checks, which use no exercise: the mean squared error
// against one-hot labels, the accuracy, and the errors that name a bad batch or bad data. (What
// needs a gradient is Chapter 6's: solutions/ch06/test_network_problem.cpp.)
#include "workbook/network_problem.hpp"
#include "workbook/testing/literate.hpp"
#include "workbook/testing/network.hpp"

using namespace workbook;
using namespace workbook::nn;
using testing::bars;
using testing::xor_network;
using testing::xor_quadrants;

BOOST_AUTO_TEST_SUITE(network_problem_checks)

BOOST_AUTO_TEST_CASE(mean_squared_error_compares_with_one_hot_labels,
                     *utf::description("with the mean squared error, Lᵢ = ‖f(xᵢ) − e_{yᵢ}‖²/C "
                                       "for the one-hot e_y")) {
  NetworkProblemSettings settings;
  settings.loss = ClassificationLoss::mean_squared_error;
  const LabelledExamples data = xor_quadrants(6, 7);
  const NetworkProblem problem(xor_network(2), data, settings);
  const Vector theta = problem.default_start();
  const Matrix y = problem.outputs(theta, data.features);
  double expected = 0.0;
  for (Index i = 0; i < 6; ++i) {
    Vector e = Vector::Zero(2);
    e(data.labels[static_cast<std::size_t>(i)]) = 1.0;
    expected += (y.col(i) - e).squaredNorm() / 2.0 / 6.0;
  }
  BOOST_TEST(problem.value(theta) == expected, tt::tolerance(1e-14));
}

BOOST_AUTO_TEST_CASE(accuracy_counts_the_largest_output,
                     *utf::description("accuracy = the fraction of examples whose largest output "
                                       "is at their label; a tie goes to the first")) {
  Network identity(Shape{2});
  auto& dense = identity.add(Dense(2, 2));
  dense.weight() = Matrix::Identity(2, 2);  // f(x) = x
  const LabelledExamples set{Matrix{{0.9, 0.2, 0.5, 0.1}, {0.1, 0.8, 0.5, 0.3}}, {0, 1, 0, 0}};
  const NetworkProblem problem(std::move(identity), set);
  // Predictions 0, 1, 0 (a tie), 1: three of four right.
  BOOST_TEST(problem.accuracy(problem.default_start(), set) == 0.75);
}

BOOST_AUTO_TEST_CASE(bad_batches_and_data_are_named,
                     *utf::description("an empty batch, an index outside 0..N−1, a θ of the wrong "
                                       "size, data that do not fit the network: each is an error "
                                       "that names it")) {
  const NetworkProblem problem(xor_network(1), xor_quadrants(10, 1));
  const Vector theta = problem.default_start();
  Vector g;
  BOOST_CHECK_EXCEPTION(problem.batch_value_and_gradient(theta, std::vector<Index>{}, g),
                        std::invalid_argument, testing::message_has({"the batch is empty"}));
  BOOST_CHECK_EXCEPTION(problem.batch_value(theta, std::vector<Index>{2, 10}),
                        std::invalid_argument,
                        testing::message_has({"batch[1] = 10 is outside 0..9"}));
  BOOST_CHECK_EXCEPTION(problem.value(Vector::Zero(3)), std::invalid_argument,
                        testing::message_has({"theta has 3 entries", "expected 42"}));

  LabelledExamples wrong_label = xor_quadrants(5, 1);
  wrong_label.labels[3] = 2;
  BOOST_CHECK_EXCEPTION(
      NetworkProblem(xor_network(1), wrong_label), std::invalid_argument,
      testing::message_has({"label 2 of example 3", "outside 0..1", "2 outputs"}));
  LabelledExamples wrong_size = xor_quadrants(5, 1);
  wrong_size.features = Matrix::Zero(3, 5);
  BOOST_CHECK_EXCEPTION(NetworkProblem(xor_network(1), wrong_size), std::invalid_argument,
                        testing::message_has({"3 features per example, expected 2"}));
  LabelledExamples missing = xor_quadrants(5, 1);
  missing.labels.pop_back();
  BOOST_CHECK_EXCEPTION(NetworkProblem(xor_network(1), missing), std::invalid_argument,
                        testing::message_has({"4 labels for 5 examples"}));
  NetworkProblemSettings settings;
  settings.evaluation_batch_size = 0;
  BOOST_CHECK_EXCEPTION(NetworkProblem(xor_network(1), xor_quadrants(5, 1), settings),
                        std::invalid_argument,
                        testing::message_has({"evaluation_batch_size = 0 is invalid"}));
  Network image(Shape{1, 4, 4});
  image.add(Conv2D(1, 2, 3, Padding::same));
  BOOST_CHECK_EXCEPTION(NetworkProblem(std::move(image), bars(3, 1)), std::invalid_argument,
                        testing::message_has({"output has shape 2×4×4", "expected flat"}));
}

BOOST_AUTO_TEST_SUITE_END()
