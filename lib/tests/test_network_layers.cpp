// Chapter 6: backpropagation layer by layer. Each layer's backward() is the derivative of its
// forward(): checked against central differences, for the input and the parameters, and the
// whole network's gradient along random directions.
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

// The library's own gradient check, five_point_gradient(), with h = 1e-5: truncation (h⁴/30)|f⁽⁵⁾|
// is negligible and rounding (3/2)ε|f|/h is near 3e-11, far below the 1e-7 the checks require.
constexpr double h = 1e-5;
constexpr double tolerance = 1e-7;

struct LayerCheck {
  double input_error = 0.0;      // relative error of δX
  double parameter_error = 0.0;  // relative error of ∂L/∂θ
};

// Checks backward() of a network (here a single layer) at the batch x with the scalar
// L = Σ R ⊙ f(x) for a random R: then ∂L/∂f(x) = R, and backward(R) must give ∂L/∂x and ∂L/∂θ.
LayerCheck check_backward(Network& network, const Matrix& x, Random& random) {
  const Matrix r = random_matrix(network.output_shape().size(), x.cols(), random);
  network.forward(x);
  network.zero_gradient();
  const Matrix dx = network.backward(r);
  const Vector dtheta = network.gradient();

  const auto loss_of_input = [&](const Vector& v) {
    return network.forward(unflat(v, x.rows(), x.cols())).cwiseProduct(r).sum();
  };
  const Vector theta = network.parameters();
  const auto loss_of_theta = [&](const Vector& t) {
    network.set_parameters(t);
    return network.forward(x).cwiseProduct(r).sum();
  };
  LayerCheck check;
  check.input_error = relative_error(flat(dx), five_point_gradient(loss_of_input, flat(x), h));
  if (theta.size() > 0) {
    check.parameter_error = relative_error(dtheta, five_point_gradient(loss_of_theta, theta, h));
    network.set_parameters(theta);
  }
  BOOST_TEST_MESSAGE(network.describe() << ": relative error of δX " << check.input_error
                                        << ", of ∂L/∂θ " << check.parameter_error);
  return check;
}

// A one-layer network with random parameters (biases too, so that a missing bias shows).
template <class L>
Network single(Shape input, L layer, Random& random) {
  Network network(input);
  network.add(std::move(layer));
  network.parameters() = testing::random_vector(network.parameter_count(), random, 0.5);
  return network;
}

// A layer with parameters (a network of one layer), at a batch of `examples` N(0, 1) inputs: δX and
// ∂L/∂θ must be their derivatives; `input_hint` and `parameter_hint` say what a wrong one probably
// did.
void check_layer(Network& network, Index examples, Random& random, const std::string& input_hint,
                 const std::string& parameter_hint) {
  const Matrix x = random_matrix(network.input_shape().size(), examples, random);
  const LayerCheck check = check_backward(network, x, random);
  BOOST_TEST_INFO(input_hint);
  BOOST_TEST(check.input_error <= tolerance);
  BOOST_TEST_INFO(parameter_hint);
  BOOST_TEST(check.parameter_error <= tolerance);
}

// An activation's backward pass (a layer of 6 features without parameters, seeded with `seed`) at
// the batch `input` draws: δX must be its derivative; `hint` says what a wrong δX probably used.
template <class A>
void check_activation(A activation, std::uint64_t seed, const std::function<Matrix(Random&)>& input,
                      const std::string& hint) {
  Random random(seed);
  Network network = single(Shape{6}, std::move(activation), random);
  const LayerCheck check = check_backward(network, input(random), random);
  BOOST_TEST_INFO(hint);
  BOOST_TEST(check.input_error <= tolerance);
}

// A batch of `rows` × 4 N(0, scale²) entries.
std::function<Matrix(Random&)> normal_batch(Index rows, double scale) {
  return [rows, scale](Random& random) { return random_matrix(rows, 4, random, scale); };
}

// A batch whose entries are at least 0.1 away from 0, where ReLU has its kink.
Matrix away_from_zero(Index rows, Index cols, Random& random) {
  Matrix x = random_matrix(rows, cols, random);
  return x.unaryExpr([](double v) { return v >= 0.0 ? v + 0.1 : v - 0.1; });
}

}  // namespace

BOOST_AUTO_TEST_SUITE(network_layers)

BOOST_AUTO_TEST_CASE(dense_backward_is_its_derivative,
                     *utf::description("Dense: Y = WX + b1ᵀ, so ∂L/∂W = δY Xᵀ, ∂L/∂b = δY 1 and "
                                       "δX = Wᵀ δY, as central differences say (relative error "
                                       "<= 1e-7)")) {
  Random random(1);
  Network network = single(Shape{5}, Dense(5, 3), random);
  check_layer(network, 4, random, "δX = Wᵀ δY: the transpose of the forward weight",
              "∂L/∂W = δY Xᵀ summed over the batch, ∂L/∂b = the row sums of δY");
}

BOOST_AUTO_TEST_CASE(relu_backward_is_its_derivative,
                     *utf::description("ReLU: δX = δY where X > 0 and 0 elsewhere (inputs away "
                                       "from the kink at 0)")) {
  check_activation(
      ReLU(), 2, [](Random& random) { return away_from_zero(6, 4, random); },
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

BOOST_AUTO_TEST_CASE(conv2d_valid_backward_is_its_derivative,
                     *utf::description("Conv2D, 'valid', 2 → 3 channels, 3×3 on a 5×6 image: "
                                       "∂L/∂K = δZ Uᵀ, ∂L/∂b = the sums of δY over pixels and "
                                       "examples, δX = col2im(Kᵀ δZ)")) {
  Random random(5);
  Network network = single(Shape{2, 5, 6}, Conv2D(2, 3, 3, Padding::valid), random);
  BOOST_TEST(network.output_shape() == (Shape{3, 3, 4}));
  check_layer(network, 3, random,
              "δX: each patch entry of Kᵀ δZ must be added (+=) to the pixel it came from",
              "∂L/∂K = δZ Uᵀ and ∂L/∂b: summed over every pixel of every example");
}

BOOST_AUTO_TEST_CASE(conv2d_same_backward_is_its_derivative,
                     *utf::description("Conv2D, 'same', 3 → 2 channels, 3×3 and 5×5 on a 6×5 "
                                       "image: the zeros of the padding get no gradient")) {
  Random random(6);
  for (const Index k : {3, 5}) {
    Network network = single(Shape{3, 6, 5}, Conv2D(3, 2, k, Padding::same), random);
    BOOST_TEST(network.output_shape() == (Shape{2, 6, 5}));
    const std::string size = "k = " + std::to_string(k);
    check_layer(network, 2, random, size + ": δX at the border takes only the patch entries inside",
                size + ": ∂L/∂K, ∂L/∂b");
  }
}

BOOST_AUTO_TEST_CASE(max_pool_backward_is_its_derivative,
                     *utf::description("MaxPool2x2: δY goes to the maximum of its window, 0 to "
                                       "the other three (distinct inputs: no tie)")) {
  Random random(7);
  Network network = single(Shape{3, 4, 6}, MaxPool2x2(), random);
  BOOST_TEST(network.output_shape() == (Shape{3, 2, 3}));
  const LayerCheck check = check_backward(network, random_matrix(72, 2, random), random);
  BOOST_TEST_INFO("each δY must reach exactly the input that was the maximum of its window");
  BOOST_TEST(check.input_error <= tolerance);
}

BOOST_AUTO_TEST_CASE(flatten_backward_is_its_derivative,
                     *utf::description("Flatten only renames the shape: δX = δY")) {
  Random random(8);
  Network network = single(Shape{2, 3, 4}, Flatten(), random);
  BOOST_TEST(network.output_shape() == (Shape{24}));
  const LayerCheck check = check_backward(network, random_matrix(24, 2, random), random);
  BOOST_TEST(check.input_error <= tolerance);
}

BOOST_AUTO_TEST_CASE(softmax_cross_entropy_gradient_is_its_derivative,
                     *utf::description("the gradient of softmax cross-entropy (mean over the "
                                       "batch) agrees with central differences")) {
  Random random(9);
  const Matrix logits = random_matrix(5, 4, random, 2.0);
  const std::vector<Index> labels{3, 0, 4, 4};
  Matrix gradient;
  softmax_cross_entropy(logits, labels, gradient);
  const auto loss = [&](const Vector& z) { return softmax_cross_entropy(unflat(z, 5, 4), labels); };
  const double error = relative_error(flat(gradient), five_point_gradient(loss, flat(logits), h));
  BOOST_TEST_INFO("∂L/∂Z = (P − Y)/B: the 1/B of the mean included");
  BOOST_TEST(error <= tolerance);
}

BOOST_AUTO_TEST_CASE(mean_squared_error_gradient_is_its_derivative,
                     *utf::description("the gradient of the mean squared error, 2(Y − T)/(KB), "
                                       "agrees with central differences")) {
  Random random(10);
  const Matrix output = random_matrix(3, 4, random), target = random_matrix(3, 4, random);
  Matrix gradient;
  mean_squared_error(output, target, gradient);
  const auto loss = [&](const Vector& y) { return mean_squared_error(unflat(y, 3, 4), target); };
  const double error = relative_error(flat(gradient), five_point_gradient(loss, flat(output), h));
  BOOST_TEST_INFO(
      "∂L/∂Y = 2(Y − T)/(KB): the mean is over all K·B entries, and the square "
      "gives the factor 2");
  BOOST_TEST(error <= tolerance);
}

BOOST_AUTO_TEST_CASE(softmax_cross_entropy_gradient_is_p_minus_y,
                     *utf::description("∂L/∂z_b = (p_b − e_{y_b})/B with p_b the softmax of "
                                       "column b; every column of the gradient sums to 0")) {
  Random random(11);
  const Matrix logits = random_matrix(4, 3, random);
  const std::vector<Index> labels{2, 0, 2};
  Matrix gradient;
  const double loss = softmax_cross_entropy(logits, labels, gradient);
  double expected_loss = 0.0;
  for (Index b = 0; b < 3; ++b) {
    // p straight from the definition e^{z_k}/Σ_j e^{z_j} (no overflow at these logits).
    const Vector e = logits.col(b).array().exp();
    Vector p_minus_y = e / e.sum();
    p_minus_y(labels[b]) -= 1.0;
    expected_loss -= std::log(e(labels[b]) / e.sum()) / 3.0;
    BOOST_TEST_INFO("column " << b << ": expected (p − y)/B = " << format_vector(p_minus_y / 3.0)
                              << ", got " << format_vector(gradient.col(b)));
    BOOST_TEST((gradient.col(b) - p_minus_y / 3.0).cwiseAbs().maxCoeff() <= 1e-15);
    BOOST_TEST_INFO("Σ_k (p_k − y_k) = 1 − 1 = 0");
    BOOST_TEST(std::abs(gradient.col(b).sum()) <= 1e-15);  // a few roundings of numbers <= 1
  }
  BOOST_TEST(loss == expected_loss, tt::tolerance(1e-14));
  BOOST_TEST(softmax(logits).colwise().sum().isOnes(1e-15));
}

BOOST_AUTO_TEST_CASE(softmax_cross_entropy_is_finite_at_large_logits,
                     *utf::description("with the maximum subtracted, logits of ±1000 give a finite "
                                       "loss: z = (1000, −1000, 0) with label 1 costs "
                                       "log(e^{1000} + e^{−1000} + 1) + 1000 = 2000, gradient "
                                       "(1, −1, 0)")) {
  const Matrix logits{{1000.0, -1000.0}, {-1000.0, 1000.0}, {0.0, 0.0}};
  const std::vector<Index> labels{1, 1};
  Matrix gradient;
  const double loss = softmax_cross_entropy(logits, labels, gradient);
  BOOST_TEST_INFO("e^{1000} overflows to inf: is the maximum subtracted before exp?");
  BOOST_TEST(std::isfinite(loss));
  BOOST_TEST_INFO("−log p: example 0 has −log p₁ = 2000 (to double precision), example 1 has 0");
  BOOST_TEST(loss == (2000.0 + 0.0) / 2.0, tt::tolerance(1e-15));
  BOOST_TEST(gradient.allFinite());
  const Matrix expected{{0.5, 0.0}, {-0.5, 0.0}, {0.0, 0.0}};
  BOOST_TEST((gradient - expected).cwiseAbs().maxCoeff() <= 1e-15);
}

BOOST_AUTO_TEST_CASE(same_convolution_commutes_with_shifts,
                     *utf::description("equivariance: shifting the image by (1, 2) pixels shifts "
                                       "a 'same' convolution's output by (1, 2), wherever the "
                                       "padding is not involved")) {
  Random random(12);
  const Shape shape{2, 9, 10};
  Network network = single(shape, Conv2D(2, 3, 3, Padding::same), random);
  const Matrix x = random_matrix(shape.size(), 1, random);
  // x'(c, h, w) = x(c, h − 1, w − 2), zeros where that is outside the image.
  const Index dy = 1, dx = 2;
  Matrix shifted = Matrix::Zero(shape.size(), 1);
  for (Index c = 0; c < 2; ++c)
    for (Index i = dy; i < 9; ++i)
      for (Index j = dx; j < 10; ++j)
        shifted((c * 9 + i) * 10 + j, 0) = x((c * 9 + i - dy) * 10 + j - dx, 0);
  const Matrix y = network.forward(x);
  const Matrix y_shifted = network.forward(shifted);
  // Away from the border: both windows lie inside the image and inside the shifted content.
  const Index p = 1;
  double worst = 0.0;
  for (Index o = 0; o < 3; ++o)
    for (Index i = p + dy; i < 9 - p; ++i)
      for (Index j = p + dx; j < 10 - p; ++j)
        worst = std::max(worst, std::abs(y_shifted((o * 9 + i) * 10 + j, 0) -
                                         y((o * 9 + i - dy) * 10 + j - dx, 0)));
  BOOST_TEST_INFO(
      "conv(shift(x)) − shift(conv(x)) = " << worst << " inside: is a height mixed with a width?");
  BOOST_TEST(worst <= 1e-14);
}

BOOST_AUTO_TEST_CASE(
    network_gradient_along_random_directions,
    *utf::description("the whole network: for random directions d, the "
                      "directional derivative (L(θ + hd) − L(θ − hd))/2h equals "
                      "∇L·d, and likewise for the input (relative error <= 1e-7)")) {
  Random random(13);
  Network network(Shape{2, 6, 6});
  network.add(Conv2D(2, 3, 3, Padding::same));
  network.add(Tanh());
  network.add(MaxPool2x2());
  network.add(Conv2D(3, 4, 3, Padding::valid));
  network.add(ReLU());
  network.add(Flatten());
  network.add(Dense(4, 5));
  network.add(Sigmoid());
  network.add(Dense(5, 3));
  network.initialize(Initialization::he_normal, 13);
  network.parameters() += testing::random_vector(network.parameter_count(), random, 0.1);
  const Matrix x = random_matrix(72, 4, random);
  const std::vector<Index> labels{0, 2, 1, 2};

  const auto loss = [&](const Vector& theta, const Matrix& input) {
    network.set_parameters(theta);
    return softmax_cross_entropy(network.forward(input), labels);
  };
  const Vector theta = network.parameters();
  Matrix dy;
  softmax_cross_entropy(network.forward(x), labels, dy);
  network.zero_gradient();
  const Matrix dx = network.backward(dy);
  const Vector gradient = network.gradient();

  for (int k = 0; k < 5; ++k) {
    Vector d = testing::random_vector(theta.size(), random);
    d /= d.norm();
    const double numerical = (loss(theta + h * d, x) - loss(theta - h * d, x)) / (2.0 * h);
    BOOST_TEST_INFO("direction " << k << " in θ: ∇L·d = " << gradient.dot(d)
                                 << ", central difference " << numerical);
    BOOST_TEST(relative_error(Vector::Constant(1, gradient.dot(d)),
                              Vector::Constant(1, numerical)) <= tolerance);

    Matrix e = random_matrix(72, 4, random);
    e /= e.norm();
    const double along_input = (loss(theta, x + h * e) - loss(theta, x - h * e)) / (2.0 * h);
    BOOST_TEST_INFO("direction " << k << " in x: ⟨∂L/∂X, e⟩ = " << dx.cwiseProduct(e).sum()
                                 << ", central difference " << along_input);
    BOOST_TEST(relative_error(Vector::Constant(1, dx.cwiseProduct(e).sum()),
                              Vector::Constant(1, along_input)) <= tolerance);
  }
}

BOOST_AUTO_TEST_CASE(parameters_and_gradient_are_single_contiguous_vectors,
                     *utf::description("θ is one vector, each layer's weight (row-major, torch's "
                                       "layout) then bias in order, and the layers' Maps point "
                                       "into it; the gradient likewise; moving the network keeps "
                                       "them there")) {
  Network network(Shape{2, 4, 4});
  auto& conv = network.add(Conv2D(2, 3, 3, Padding::same));
  network.add(ReLU());
  network.add(MaxPool2x2());
  network.add(Flatten());
  auto& dense = network.add(Dense(12, 5));
  const Index conv_weights = 3 * 2 * 3 * 3, dense_weights = 5 * 12;
  BOOST_TEST(network.parameter_count() == conv_weights + 3 + dense_weights + 5);
  BOOST_TEST(network.gradient().size() == network.parameter_count());

  const auto check_maps = [&](Network& net) {
    const double* theta = net.parameters().data();
    const double* gradient = net.gradient().data();
    BOOST_TEST(conv.weight().data() == theta);
    BOOST_TEST(conv.bias().data() == theta + conv_weights);
    BOOST_TEST(dense.weight().data() == theta + conv_weights + 3);
    BOOST_TEST(dense.bias().data() == theta + conv_weights + 3 + dense_weights);
    BOOST_TEST(conv.weight_gradient().data() == gradient);
    BOOST_TEST(dense.bias_gradient().data() == gradient + conv_weights + 3 + dense_weights);
    BOOST_TEST(dense.parameter_offset() == conv_weights + 3);
  };
  check_maps(network);

  // Writing θ writes the layer: W[1, 2] of the Dense layer is θ[offset + 1·12 + 2] (row-major).
  network.parameters()(dense.parameter_offset() + 1 * 12 + 2) = 7.0;
  BOOST_TEST(dense.weight()(1, 2) == 7.0);
  dense.bias()(4) = -3.0;
  BOOST_TEST(network.parameters()(network.parameter_count() - 1) == -3.0);
  BOOST_TEST(network.parameter_name(dense.parameter_offset() + 14) ==
             "θ[" + std::to_string(dense.parameter_offset() + 14) +
                 "]: layer 4, Dense(12→5), weight[1, 2]");
  BOOST_TEST(network.parameter_name(19) ==
             "θ[19]: layer 0, Conv2D(2→3, 3×3, same), weight[1, 0, "
             "0, 1]");

  // backward() accumulates into the one gradient vector that the Maps see.
  network.initialize(Initialization::he_normal, 1);
  Random random(14);
  const Matrix x = random_matrix(32, 3, random);
  network.forward(x);
  network.zero_gradient();
  network.backward(Matrix::Ones(5, 3));
  BOOST_TEST(dense.bias_gradient().isApprox(Vector::Constant(5, 3.0)));  // Σ over 3 examples of 1
  BOOST_TEST(network.gradient().tail(5).isApprox(Vector::Constant(5, 3.0)));
  const Vector once = network.gradient();
  network.backward(Matrix::Ones(5, 3));
  BOOST_TEST_INFO("backward() adds to the gradient; zero_gradient() resets it");
  BOOST_TEST(network.gradient().isApprox(2.0 * once));

  // An update rule's step on θ is a step on every layer.
  const Matrix before = dense.weight();
  network.parameters() -= 0.1 * network.gradient();
  BOOST_TEST((Matrix(dense.weight()) - (before - 0.1 * Matrix(dense.weight_gradient())))
                 .cwiseAbs()
                 .maxCoeff() <= 1e-15);

  // Assigning a whole new θ (Eigen may take over the temporary's buffer): the Maps follow.
  network.parameters() = Vector::Constant(network.parameter_count(), 0.5);
  check_maps(network);
  BOOST_TEST(dense.weight()(4, 11) == 0.5);

  Network moved = std::move(network);
  check_maps(moved);
  BOOST_CHECK_NO_THROW(moved.forward(x));
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
  network.add(Conv2D(2, 3, 3, Padding::same));
  network.add(Flatten());
  BOOST_CHECK_EXCEPTION(network.backward(Matrix::Zero(48, 2)), std::logic_error,
                        testing::message_has({"layer 1, Flatten", "backward() before forward()"}));
  BOOST_CHECK_EXCEPTION(
      network.forward(Matrix::Zero(16, 2)), std::invalid_argument,
      testing::message_has({"layer 0, Conv2D(2→3, 3×3, same)", "the input has 16 rows, expected 32",
                            "shape 2×4×4"}));
  BOOST_CHECK_EXCEPTION(network.forward(Matrix::Zero(32, 0)), std::invalid_argument,
                        testing::message_has({"layer 0", "the batch is empty"}));
  network.forward(Matrix::Zero(32, 2));
  BOOST_CHECK_EXCEPTION(
      network.backward(Matrix::Zero(48, 3)), std::invalid_argument,
      testing::message_has({"layer 1, Flatten", "output gradient is 48×3", "expected 48×2"}));
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
