// Chapter 6, §6.1–§6.5: backpropagation through whole networks, built from the chapter's exercises
// (Dense's backward pass, softmax cross-entropy, the convolution's patches) and the library's
// other layers: every gradient is the derivative (central differences), the networks equal
// torch's nn.Sequential (golden files of torch 1.13), and θ and its gradient are single
// contiguous vectors that any update rule can step. §6.2's figure: the error of a check along a
// direction against its step, for every layer, the losses and a whole network.
#include <cmath>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "workbook/finite_differences.hpp"
#include "workbook/network.hpp"
#include "workbook/testing/literate.hpp"
#include "workbook/testing/network.hpp"
#include "workbook/testing/torch_network.hpp"

using namespace workbook;
using namespace workbook::nn;
using testing::random_matrix;
using testing::relative_error;
namespace golden = workbook::testing::torch_golden;

namespace {

constexpr double tolerance = 1e-7;
// The step of the central differences the random-direction checks take.
constexpr double h = 1e-5;

// A layer with parameters at a batch of `examples` N(0, 1) inputs: δX and ∂L/∂θ must be their
// derivatives; the hints say what a wrong one probably did.
void bp_check_layer(Network& network, Index examples, Random& random, const std::string& input_hint,
                    const std::string& parameter_hint) {
  const Matrix x = random_matrix(network.input_shape().size(), examples, random);
  const testing::BackwardErrors errors = testing::backward_errors(network, x, random);
  BOOST_TEST_INFO(input_hint << " (relative error " << errors.input << ")");
  BOOST_TEST(errors.input <= tolerance);
  BOOST_TEST_INFO(parameter_hint << " (relative error " << errors.parameters << ")");
  BOOST_TEST(errors.parameters <= tolerance);
}

// The network of the whole-network checks: two convolutions, every activation, max-pooling and
// two dense layers, He-initialised and moved by N(0, 0.1²) from `random` (biases too).
Network bp_mixed_network(Random& random) {
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
  return network;
}

// r of §6.2 against the step h for one random unit direction v of z: the steps (10⁻¹² to 10⁻¹,
// two per decade, ascending), the errors at each, and the check check_along() makes with the step
// it chooses.
struct ErrorAgainstStep {
  std::string name;
  std::vector<double> steps, errors;
  DirectionalCheck chosen;
  // The smallest error for a step in [1e-7, 1e-3], and that step.
  std::pair<double, double> best() const {
    std::pair<double, double> best{std::numeric_limits<double>::infinity(), 0.0};
    for (std::size_t i = 0; i < steps.size(); ++i) {
      if (steps[i] >= 1e-7 * (1 - 1e-9) && steps[i] <= 1e-3 * (1 + 1e-9) && errors[i] < best.first)
        best = {errors[i], steps[i]};
    }
    return best;
  }
};

ErrorAgainstStep bp_error_against_step(std::string name, const ScalarFunction& loss,
                                       const Vector& z, const Vector& gradient, Random& random) {
  ErrorAgainstStep curve{std::move(name), {}, {}, {}};
  Vector v = testing::random_vector(z.size(), random);
  v /= v.norm();
  for (int k = 24; k >= 2; --k) {
    const double step = std::pow(10.0, -0.5 * k);
    curve.steps.push_back(step);
    curve.errors.push_back(testing::directional_check(loss, z, gradient, v, step).relative_error);
  }
  curve.chosen = check_along(loss, z, gradient, v);
  return curve;
}

// The same for `network` at the batch `x`, along a direction of (θ, vec X), under softmax
// cross-entropy over its outputs with example b labelled b mod C: the loss a last layer sees.
ErrorAgainstStep bp_layer_error_against_step(std::string name, Network& network, const Matrix& x,
                                             Random& random) {
  std::vector<Index> labels;
  for (Index b = 0; b < x.cols(); ++b) labels.push_back(b % network.output_shape().size());
  const testing::NetworkLoss loss = testing::network_loss(
      network, x,
      [labels](const Matrix& y, Matrix& dy) { return softmax_cross_entropy(y, labels, dy); });
  return bp_error_against_step(std::move(name), loss.value, loss.point, loss.gradient, random);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(convolution_patches)
BOOST_AUTO_TEST_SUITE(backpropagation)

BOOST_AUTO_TEST_CASE(conv2d_valid_backward_is_its_derivative,
                     *utf::description("Conv2D, 'valid', 2 → 3 channels, 3×3 on a 5×6 image: "
                                       "∂L/∂K = δZ Uᵀ, ∂L/∂b = the sums of δY over pixels and "
                                       "examples, δX = col2im(Kᵀ δZ)")) {
  Random random(5);
  Network network =
      testing::single_layer_network(Shape{2, 5, 6}, Conv2D(2, 3, 3, Padding::valid), random);
  BOOST_TEST(network.output_shape() == (Shape{3, 3, 4}));
  bp_check_layer(network, 3, random,
                 "δX: each patch entry of Kᵀ δZ must be added (+=) to the pixel it came from",
                 "∂L/∂K = δZ Uᵀ and ∂L/∂b: summed over every pixel of every example");
}

BOOST_AUTO_TEST_CASE(conv2d_same_backward_is_its_derivative,
                     *utf::description("Conv2D, 'same', 3 → 2 channels, 3×3 and 5×5 on a 6×5 "
                                       "image: the zeros of the padding get no gradient")) {
  Random random(6);
  for (const Index k : {3, 5}) {
    Network network =
        testing::single_layer_network(Shape{3, 6, 5}, Conv2D(3, 2, k, Padding::same), random);
    BOOST_TEST(network.output_shape() == (Shape{2, 6, 5}));
    const std::string size = "k = " + std::to_string(k);
    bp_check_layer(network, 2, random,
                   size + ": δX at the border takes only the patch entries inside",
                   size + ": ∂L/∂K, ∂L/∂b");
  }
}

BOOST_AUTO_TEST_SUITE_END()
BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(dense_backward)
BOOST_AUTO_TEST_SUITE(backpropagation)

BOOST_AUTO_TEST_CASE(
    network_gradient_along_random_directions,
    *utf::description("the whole network: for random directions d, the "
                      "directional derivative (L(θ + hd) − L(θ − hd))/2h equals "
                      "∇L·d, and likewise for the input (relative error <= 1e-7)")) {
  Random random(13);
  Network network = bp_mixed_network(random);
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

BOOST_AUTO_TEST_CASE(dense_is_torch_linear,
                     *utf::description("Dense(5→3) is nn.Linear(5, 3): θ = (W row-major, b), "
                                       "outputs and gradients to 1e-10")) {
  Network network = golden::single(Shape{5}, Dense(5, 3));
  golden::check_layer(
      "dense", network,
      {{"output", "θ holds W row by row (torch's weight, out × in), then b"},
       {"parameter_gradient", "∂L/∂W has W's shape, out × in, and adds every example's share"}});
}

BOOST_AUTO_TEST_CASE(convolutional_network_is_torch_sequential,
                     *utf::description("Conv2D(2→3, 3×3, same) → ReLU → MaxPool2x2 → Flatten → "
                                       "Dense(27→4) → softmax cross-entropy: loss, ∇θ and ∂L/∂x "
                                       "as torch's nn.Sequential")) {
  const std::string name = "network_cnn";
  Network network(Shape{2, 6, 6});
  network.add(Conv2D(2, 3, 3, Padding::same));
  network.add(ReLU());
  network.add(MaxPool2x2());
  network.add(Flatten());
  network.add(Dense(27, 4));
  network.set_parameters(golden::tensor(name, "parameters"));
  const Matrix& y = network.forward(golden::tensor(name, "input"));
  golden::check(name, "output", y);
  Matrix dy;
  const double loss = softmax_cross_entropy(y, golden::labels_of(name), dy);
  golden::check(name, "loss", Matrix::Constant(1, 1, loss));
  network.zero_gradient();
  golden::check(name, "input_gradient", network.backward(dy));
  golden::check(name, "parameter_gradient", network.gradient(),
                "θ = (conv weight, conv bias, dense weight, dense bias), as parameters_to_vector");
}

BOOST_AUTO_TEST_CASE(dense_network_is_torch_sequential,
                     *utf::description("Dense(4→6) → Tanh → Dense(6→3) → Sigmoid → mean squared "
                                       "error: loss, ∇θ and ∂L/∂x as torch's nn.Sequential")) {
  const std::string name = "network_mlp";
  Network network(Shape{4});
  network.add(Dense(4, 6));
  network.add(Tanh());
  network.add(Dense(6, 3));
  network.add(Sigmoid());
  network.set_parameters(golden::tensor(name, "parameters"));
  const Matrix& y = network.forward(golden::tensor(name, "input"));
  golden::check(name, "output", y);
  Matrix dy;
  const double loss = mean_squared_error(y, golden::tensor(name, "target"), dy);
  golden::check(name, "loss", Matrix::Constant(1, 1, loss));
  network.zero_gradient();
  golden::check(name, "input_gradient", network.backward(dy));
  golden::check(name, "parameter_gradient", network.gradient());
}

BOOST_AUTO_TEST_SUITE_END()
BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(gradient_check_along)
BOOST_AUTO_TEST_SUITE(backpropagation)

BOOST_AUTO_TEST_CASE(
    the_error_of_the_check_against_its_step,
    *utf::label("plot") *
        utf::description("§6.2: r of a check along a random direction of (θ, X) against the step "
                         "h from 1e-1 to 1e-12, for every layer under softmax cross-entropy, the "
                         "two losses and a whole network: rounding (∝ 1/h) on the left, truncation "
                         "(∝ h², a decade of r per half decade of h; none for the quadratic mean "
                         "squared error) on the right; every curve goes below 1e-9 at a step in "
                         "[1e-7, 1e-3], and check_along()'s step gives r <= 1e-7 on each")) {
  Random random(21);
  std::vector<ErrorAgainstStep> curves;
  // Each network is drawn first, then its batch (one draw per statement: the order is fixed).
  const auto batch = [&](Index rows, Index cols, double scale = 1.0) {
    return random_matrix(rows, cols, random, scale);
  };
  const auto layer = [&](const std::string& name, Network& network, const Matrix& x) {
    curves.push_back(bp_layer_error_against_step(name, network, x, random));
  };
  Network dense = testing::single_layer_network(Shape{5}, Dense(5, 3), random);
  layer("Dense", dense, batch(5, 4));
  Network relu = testing::single_layer_network(Shape{6}, ReLU(), random);
  layer("ReLU", relu, testing::away_from_zero(6, 4, random));
  Network tanh_layer = testing::single_layer_network(Shape{6}, Tanh(), random);
  layer("tanh", tanh_layer, batch(6, 4, 1.5));
  Network sigmoid_layer = testing::single_layer_network(Shape{6}, Sigmoid(), random);
  layer("sigmoid", sigmoid_layer, batch(6, 4, 2.0));
  Network valid =
      testing::single_layer_network(Shape{2, 5, 6}, Conv2D(2, 3, 3, Padding::valid), random);
  layer("Conv2D valid", valid, batch(60, 3));
  Network same =
      testing::single_layer_network(Shape{3, 6, 5}, Conv2D(3, 2, 3, Padding::same), random);
  layer("Conv2D same", same, batch(90, 2));
  {
    Network network = bp_mixed_network(random);
    const Matrix x = batch(72, 4);
    const std::vector<Index> labels{0, 2, 1, 2};
    const testing::NetworkLoss loss = testing::network_loss(
        network, x,
        [&labels](const Matrix& y, Matrix& dy) { return softmax_cross_entropy(y, labels, dy); });
    curves.push_back(
        bp_error_against_step("a network", loss.value, loss.point, loss.gradient, random));
  }
  Network pool = testing::single_layer_network(Shape{3, 4, 6}, MaxPool2x2(), random);
  layer("max-pooling", pool, batch(72, 2));
  {
    const Matrix logits = batch(5, 4);
    const std::vector<Index> labels{0, 3, 1, 4};
    Matrix dz;
    softmax_cross_entropy(logits, labels, dz);
    const ScalarFunction loss = [&](const Vector& z) {
      return softmax_cross_entropy(testing::unflat(z, 5, 4), labels);
    };
    curves.push_back(bp_error_against_step("cross-entropy", loss, testing::flat(logits),
                                           testing::flat(dz), random));
  }
  {
    const Matrix output = batch(3, 4), target = batch(3, 4);
    Matrix dy;
    mean_squared_error(output, target, dy);
    const ScalarFunction loss = [&](const Vector& y) {
      return mean_squared_error(testing::unflat(y, 3, 4), target);
    };
    curves.push_back(bp_error_against_step("squared error", loss, testing::flat(output),
                                           testing::flat(dy), random));
  }

  // Eight colours: the layers and the network drawn solid, the losses alone dashed. The legend
  // sits where no curve goes, below the bottoms of the V's.
  plot::Figure figure("Checking backpropagation along a random direction: error against step");
  figure.x_label("step h")
      .y_label("relative error r")
      .log_x()
      .log_y()
      .x_range(1e-12, 1e-1)
      .legend(plot::Legend::below);
  std::vector<double> chosen_steps, chosen_errors;
  for (std::size_t c = 0; c < curves.size(); ++c) {
    const ErrorAgainstStep& curve = curves[c];
    const auto [best, at] = curve.best();
    const double smallest_step = curve.errors.front(), largest_step = curve.errors.back();
    BOOST_TEST_MESSAGE(curve.name << ": r = " << smallest_step << " at h = 1e-12, " << best
                                  << " at h = " << at << " (the smallest for h in [1e-7, 1e-3]), "
                                  << largest_step << " at h = 1e-1; check_along() took h = "
                                  << curve.chosen.step << ": r = " << curve.chosen.relative_error);
    BOOST_TEST_INFO(curve.name << ": the smallest r for a step in [1e-7, 1e-3] is " << best
                               << ": a correct backward pass of a smooth loss gives about 1e-10 "
                                  "(§6.2); is the layer's backward() its derivative?");
    BOOST_TEST(best <= 1e-9);
    BOOST_TEST_INFO(curve.name << ": r = " << smallest_step << " at h = 1e-12 against " << best
                               << " at h = " << at
                               << ": the rounding of the two values, ε|L|/h, should dominate");
    BOOST_TEST(smallest_step >= 100.0 * best);
    if (curve.name == "squared error") {
      BOOST_TEST_INFO(
          "the mean squared error is quadratic along any line, so its central "
          "difference has no truncation error: r = "
          << largest_step << " at h = 1e-1");
      BOOST_TEST(largest_step <= 1e-12);
    } else {
      BOOST_TEST_INFO(curve.name << ": r = " << largest_step << " at h = 1e-1 against " << best
                                 << " at h = " << at << ": the truncation, ∝ h², should dominate");
      BOOST_TEST(largest_step >= 100.0 * best);
      // From h = 10^{-3} to 10^{-2.5}, far from rounding and before any kink is crossed.
      const std::size_t at_1e3 = curve.steps.size() - 5;
      const double growth = curve.errors[at_1e3 + 1] / curve.errors[at_1e3];
      BOOST_TEST_INFO(curve.name << ": from h = 1e-3 to 10^{-2.5}, r grows " << growth
                                 << " times: truncation ∝ h² makes that 10");
      BOOST_TEST(growth == 10.0, tt::tolerance(0.1));
    }
    BOOST_TEST_INFO(curve.name << ": check_along() took h = " << curve.chosen.step
                               << " and measured r = " << curve.chosen.relative_error);
    BOOST_TEST(curve.chosen.relative_error <= tolerance);
    figure.add(curve.name, curve.steps, curve.errors,
               c < 8 ? plot::Style::lines : plot::Style::dashed);
    chosen_steps.push_back(curve.chosen.step);
    chosen_errors.push_back(curve.chosen.relative_error);
  }
  figure.add("check_along()", chosen_steps, chosen_errors, plot::Style::points);
  figure.add("tolerance 10⁻⁷", {1e-12, 1e-1}, {tolerance, tolerance}, plot::Style::dashed);
  testing::draw(figure, "ch06_gradient_check");
}

BOOST_AUTO_TEST_SUITE_END()
BOOST_AUTO_TEST_SUITE_END()
