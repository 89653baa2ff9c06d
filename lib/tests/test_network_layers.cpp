// Chapter 6: backpropagation through the layers that are not exercises (the activations,
// max-pooling, Flatten, the mean squared error): each backward() is the derivative of its
// forward(), checked against central differences; and the network's checks of shapes, labels and
// NaN. Dense, Conv2D, softmax cross-entropy and whole networks are Chapter 6's tests
// (solutions/ch06/), since their arithmetic is the chapter's exercises.
#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <string>

#include "workbook/finite_differences.hpp"
#include "workbook/network.hpp"
#include "workbook/testing/literate.hpp"
#include "workbook/testing/network.hpp"

using namespace workbook;
using namespace workbook::nn;
using testing::flat;
using testing::random_matrix;
using testing::relative_error;
using testing::unflat;

namespace {

constexpr double tolerance = 1e-7;

// testing::backward_errors() of a network (here a single layer), logged.
testing::BackwardErrors check_backward(Network& network, const Matrix& x, Random& random) {
  const testing::BackwardErrors errors = testing::backward_errors(network, x, random);
  BOOST_TEST_MESSAGE(network.describe() << ": relative error of δX " << errors.input
                                        << ", of ∂L/∂θ " << errors.parameters);
  return errors;
}

// An activation's backward pass (a layer of 6 features without parameters, seeded with `seed`) at
// the batch `input` draws: δX must be its derivative; `hint` says what a wrong δX probably used.
template <class A>
void check_activation(A activation, std::uint64_t seed, const std::function<Matrix(Random&)>& input,
                      const std::string& hint) {
  Random random(seed);
  Network network = testing::single_layer_network(Shape{6}, std::move(activation), random);
  const testing::BackwardErrors check = check_backward(network, input(random), random);
  BOOST_TEST_INFO(hint);
  BOOST_TEST(check.input <= tolerance);
}

// A batch of `rows` × 4 N(0, scale²) entries.
std::function<Matrix(Random&)> normal_batch(Index rows, double scale) {
  return [rows, scale](Random& random) { return random_matrix(rows, 4, random, scale); };
}

}  // namespace

BOOST_AUTO_TEST_SUITE(network_layers)

BOOST_AUTO_TEST_CASE(relu_backward_is_its_derivative,
                     *utf::description("ReLU: δX = δY where X > 0 and 0 elsewhere (inputs away "
                                       "from the kink at 0)")) {
  check_activation(
      ReLU(), 2, [](Random& random) { return testing::away_from_zero(6, 4, random); },
      "δX must be δY masked by X > 0 (the input, not the output gradient)");
}

BOOST_AUTO_TEST_CASE(tanh_backward_is_its_derivative,
                     *utf::description("Tanh: δX = δY ⊙ (1 − Y²)")) {
  check_activation(Tanh(), 3, normal_batch(6, 1.5),
                   "tanh' = 1 − tanh²: of the output Y, not of the input X");
}

BOOST_AUTO_TEST_CASE(sigmoid_backward_is_its_derivative,
                     *utf::description("Sigmoid: δX = δY ⊙ Y ⊙ (1 − Y)")) {
  check_activation(Sigmoid(), 4, normal_batch(6, 2.0), "σ' = σ(1 − σ), of the output Y");
}

BOOST_AUTO_TEST_CASE(max_pool_backward_is_its_derivative,
                     *utf::description("MaxPool2x2: δY goes to the maximum of its window, 0 to "
                                       "the other three (distinct inputs: no tie)")) {
  Random random(7);
  Network network = testing::single_layer_network(Shape{3, 4, 6}, MaxPool2x2(), random);
  BOOST_TEST(network.output_shape() == (Shape{3, 2, 3}));
  const testing::BackwardErrors check =
      check_backward(network, random_matrix(72, 2, random), random);
  BOOST_TEST_INFO("each δY must reach exactly the input that was the maximum of its window");
  BOOST_TEST(check.input <= tolerance);
}

BOOST_AUTO_TEST_CASE(flatten_backward_is_its_derivative,
                     *utf::description("Flatten only renames the shape: δX = δY")) {
  Random random(8);
  Network network = testing::single_layer_network(Shape{2, 3, 4}, Flatten(), random);
  BOOST_TEST(network.output_shape() == (Shape{24}));
  const testing::BackwardErrors check =
      check_backward(network, random_matrix(24, 2, random), random);
  BOOST_TEST(check.input <= tolerance);
}

BOOST_AUTO_TEST_CASE(mean_squared_error_gradient_is_its_derivative,
                     *utf::description("the gradient of the mean squared error, 2(Y − T)/(KB), "
                                       "agrees with central differences")) {
  Random random(10);
  const Matrix output = random_matrix(3, 4, random), target = random_matrix(3, 4, random);
  Matrix gradient;
  mean_squared_error(output, target, gradient);
  const auto loss = [&](const Vector& y) { return mean_squared_error(unflat(y, 3, 4), target); };
  const double error =
      relative_error(flat(gradient), five_point_gradient(loss, flat(output), 1e-5));
  BOOST_TEST_INFO(
      "∂L/∂Y = 2(Y − T)/(KB): the mean is over all K·B entries, and the square "
      "gives the factor 2");
  BOOST_TEST(error <= tolerance);
}

BOOST_AUTO_TEST_CASE(a_resized_theta_is_detected,
                     *utf::description("θ resized would leave a layer's block outside it: "
                                       "forward() and the layer's Maps say so instead of reading "
                                       "past its end")) {
  Network network(Shape{3});
  auto& dense = network.add(Dense(3, 2));
  network.parameters().resize(4);
  BOOST_CHECK_EXCEPTION(
      network.forward(Matrix::Ones(3, 1)), std::logic_error,
      testing::message_has({"resized", "4 and 8 entries, expected 8", "set_parameters()"}));
  BOOST_CHECK_EXCEPTION(dense.bias(), std::logic_error,
                        testing::message_has({"θ was resized to 4 entries",
                                              "layer 0, Dense(3→2) needs entries 0..7"}));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(network_checks)

BOOST_AUTO_TEST_CASE(a_layer_that_cannot_take_its_input_is_named,
                     *utf::description("adding a layer checks its input shape: the error names "
                                       "the layer (index and kind), the shape and what it "
                                       "expects, and leaves the network unchanged")) {
  Network network(Shape{1, 7, 8});
  network.add(Conv2D(1, 4, 3, Padding::valid));  // 4×5×6
  BOOST_CHECK_EXCEPTION(network.add(Dense(120, 10)), std::invalid_argument,
                        testing::message_has({"layer 1, Dense(120→10)", "image of shape 4×5×6",
                                              "put a Flatten before a Dense layer"}));
  BOOST_CHECK_EXCEPTION(network.add(Conv2D(3, 4, 3, Padding::same)), std::invalid_argument,
                        testing::message_has({"layer 1, Conv2D(3→4, 3×3, same)", "4 channels",
                                              "expected in_channels = 3"}));
  BOOST_CHECK_EXCEPTION(network.add(MaxPool2x2()), std::invalid_argument,
                        testing::message_has({"layer 1, MaxPool2x2", "4×5×6", "even height"}));
  BOOST_CHECK_EXCEPTION(network.add(Conv2D(4, 2, 7, Padding::valid)), std::invalid_argument,
                        testing::message_has({"layer 1, Conv2D(4→2, 7×7, valid)", "image 5×6",
                                              "smaller than the 7×7 kernel"}));
  network.add(Flatten());
  BOOST_CHECK_EXCEPTION(network.add(Dense(100, 10)), std::invalid_argument,
                        testing::message_has({"layer 2, Dense(100→10)", "120 features",
                                              "expected in_features = 100"}));
  BOOST_TEST(network.layer_count() == 2);
  BOOST_TEST(network.parameter_count() == 4 * 9 + 4);
  auto& dense = network.add(Dense(120, 10));
  BOOST_TEST(dense.index() == 2);
  BOOST_TEST(network.describe() == "1×7×8 → Conv2D(1→4, 3×3, valid) → Flatten → Dense(120→10)");

  BOOST_CHECK_EXCEPTION(Conv2D(1, 2, 4, Padding::same), std::invalid_argument,
                        testing::message_has({"Conv2D(1→2, 4×4, same)", "kernel_size = 4",
                                              "expected an odd kernel_size"}));
  BOOST_CHECK_EXCEPTION(Dense(0, 3), std::invalid_argument,
                        testing::message_has({"Dense(0→3)", "in_features >= 1"}));
  BOOST_CHECK_EXCEPTION(Network(Shape{0, 2, 2}), std::invalid_argument,
                        testing::message_has({"0×2×2", ">= 1"}));
}

BOOST_AUTO_TEST_CASE(a_batch_of_the_wrong_shape_is_named,
                     *utf::description("forward() checks the rows of the batch, backward() the "
                                       "shape of the output gradient; backward() before forward() "
                                       "is a logic error")) {
  Network network(Shape{2, 4, 4});
  network.add(MaxPool2x2());
  network.add(Flatten());
  BOOST_CHECK_EXCEPTION(network.backward(Matrix::Zero(8, 2)), std::logic_error,
                        testing::message_has({"layer 1, Flatten", "backward() before forward()"}));
  BOOST_CHECK_EXCEPTION(
      network.forward(Matrix::Zero(16, 2)), std::invalid_argument,
      testing::message_has(
          {"layer 0, MaxPool2x2", "the input has 16 rows, expected 32", "shape 2×4×4"}));
  BOOST_CHECK_EXCEPTION(network.forward(Matrix::Zero(32, 0)), std::invalid_argument,
                        testing::message_has({"layer 0", "the batch is empty"}));
  network.forward(Matrix::Zero(32, 2));
  BOOST_CHECK_EXCEPTION(
      network.backward(Matrix::Zero(8, 3)), std::invalid_argument,
      testing::message_has({"layer 1, Flatten", "output gradient is 8×3", "expected 8×2"}));
  Network empty(Shape{3});
  BOOST_CHECK_EXCEPTION(empty.forward(Matrix::Zero(3, 1)), std::logic_error,
                        testing::message_has({"no layer"}));
}

BOOST_AUTO_TEST_CASE(a_label_outside_the_classes_is_named,
                     *utf::description("softmax cross-entropy over C classes takes labels 0..C−1: "
                                       "another label, or a wrong number of them, is an error "
                                       "naming the label and its example")) {
  const Matrix logits = Matrix::Zero(4, 3);
  BOOST_CHECK_EXCEPTION(
      softmax_cross_entropy(logits, std::vector<Index>{0, 4, 1}), std::invalid_argument,
      testing::message_has({"label 4 of example 1", "outside 0..3", "4 classes"}));
  BOOST_CHECK_EXCEPTION(softmax_cross_entropy(logits, std::vector<Index>{-1, 0, 1}),
                        std::invalid_argument, testing::message_has({"label -1 of example 0"}));
  BOOST_CHECK_EXCEPTION(softmax_cross_entropy(logits, std::vector<Index>{0, 1}),
                        std::invalid_argument, testing::message_has({"2 labels for 3 examples"}));
  BOOST_CHECK_EXCEPTION(mean_squared_error(logits, Matrix::Zero(3, 4)), std::invalid_argument,
                        testing::message_has({"the target is 3×4", "output's 4×3"}));
}

BOOST_AUTO_TEST_CASE(a_nan_is_traced_to_the_layer_that_made_it,
                     *utf::description("a NaN or an infinity never reaches the loss silently: the "
                                       "first layer whose output is not finite is named, with the "
                                       "parameter or the overflow that caused it")) {
  Network network(Shape{3});
  network.add(Dense(3, 4));
  network.add(Tanh());
  auto& last = network.add(Dense(4, 2));
  network.initialize(Initialization::xavier_normal, 3);
  const Matrix x = Matrix::Ones(3, 2);
  last.weight()(1, 3) = std::nan("");
  BOOST_CHECK_EXCEPTION(network.forward(x), std::invalid_argument,
                        testing::message_has({"layer 2, Dense(4→2): produced nan", "row 1",
                                              "weight[1, 3] (θ[23]) is nan"}));
  last.weight()(1, 3) = 0.0;
  BOOST_CHECK_NO_THROW(network.forward(x));
  Network overflow(Shape{3});
  auto& big = overflow.add(Dense(3, 1));
  big.weight().setConstant(1e308);
  BOOST_CHECK_EXCEPTION(overflow.forward(x), std::invalid_argument,
                        testing::message_has({"layer 0, Dense(3→1): produced inf",
                                              "finite input and finite parameters (overflow)"}));
  Matrix bad = x;
  bad(2, 1) = std::numeric_limits<double>::infinity();
  BOOST_CHECK_EXCEPTION(overflow.forward(bad), std::invalid_argument,
                        testing::message_has({"input has inf at row 2 of example 1"}));
  Matrix logits = Matrix::Zero(3, 2);
  logits(0, 1) = std::nan("");
  BOOST_CHECK_EXCEPTION(softmax_cross_entropy(logits, std::vector<Index>{0, 0}),
                        std::invalid_argument,
                        testing::message_has({"logit nan at row 0 of example 1", "not finite"}));
}

BOOST_AUTO_TEST_SUITE_END()
