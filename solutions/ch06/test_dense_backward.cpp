// Chapter 6, §6.3: the backward pass of a dense layer Y = WX + b1ᵀ. Exercise: dense_backward
// (exercises/ch06/dense_backward.cpp). Each gradient is compared with central differences of
// L = Σ R ⊙ Y for a random R (so that ∂L/∂Y = R), which are exact up to rounding because L is
// linear in W, b and X; a wrong one is described by what it breaks (shape, sign, a factor of the
// batch, a NaN), whatever slip made it.
#include <cmath>
#include <limits>
#include <tuple>

#include "workbook/finite_differences.hpp"
#include "workbook/network.hpp"
#include "workbook/testing/literate.hpp"
#include "workbook/testing/network.hpp"

using namespace workbook;
using namespace workbook::nn;
using testing::explain_difference;
using testing::flat;
using testing::random_matrix;
using testing::unflat;

namespace {

// A dense layer's inputs and the gradient its output receives: X (in × B), W (out × in, stored
// row-major as in θ), b, and δY = R (out × B).
struct DenseBatch {
  Matrix input;
  RowMatrix weight;
  Vector bias;
  Matrix output_gradient;
};

DenseBatch dense_batch(Index in, Index out, Index batch, std::uint64_t seed) {
  Random random(seed);
  DenseBatch d;
  d.input = random_matrix(in, batch, random);
  d.weight = random_matrix(out, in, random);
  d.bias = testing::random_vector(out, random);
  d.output_gradient = random_matrix(out, batch, random);
  return d;
}

struct DenseGradients {
  Matrix weight;
  Vector bias;
  Matrix input;
};

// What the exercise returns, given outputs of the right shapes filled with NaN, as Dense hands
// them over: an exercise that adds to its outputs instead of assigning them returns NaN.
DenseGradients student_gradients(const DenseBatch& d) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  DenseGradients g{Matrix::Constant(d.weight.rows(), d.weight.cols(), nan),
                   Vector::Constant(d.weight.rows(), nan),
                   Matrix::Constant(d.input.rows(), d.input.cols(), nan)};
  dense_backward(d.input, ConstWeightMap(d.weight.data(), d.weight.rows(), d.weight.cols()),
                 d.output_gradient, g.weight, g.bias, g.input);
  return g;
}

// L(W, b, X) = Σ R ⊙ (WX + b1ᵀ).
double dense_loss(const DenseBatch& d, const Matrix& weight, const Vector& bias,
                  const Matrix& input) {
  const Matrix y = (weight * input).colwise() + bias;
  return y.cwiseProduct(d.output_gradient).sum();
}

// The three gradients by five-point differences: exact to rounding for a linear L.
DenseGradients gradients_by_differences(const DenseBatch& d) {
  const Matrix w = d.weight;
  const Index out = w.rows(), in = w.cols(), batch = d.input.cols();
  const double h = 1e-3;
  DenseGradients g;
  g.weight = unflat(
      five_point_gradient(
          [&](const Vector& v) { return dense_loss(d, unflat(v, out, in), d.bias, d.input); },
          flat(w), h),
      out, in);
  g.bias =
      five_point_gradient([&](const Vector& v) { return dense_loss(d, w, v, d.input); }, d.bias, h);
  g.input =
      unflat(five_point_gradient(
                 [&](const Vector& v) { return dense_loss(d, w, d.bias, unflat(v, in, batch)); },
                 flat(d.input), h),
             in, batch);
  return g;
}

// explain_difference(), and where a NaN comes from: the outputs are handed over as NaN.
std::string why_dense(const std::string& what, const Matrix& got, const Matrix& expected,
                      Index batch) {
  std::string why = explain_difference(what, got, expected, batch);
  if (!why.empty() && !got.allFinite()) {
    why += ": NaN is what " + what +
           " held before the call (Dense hands its outputs over "
           "filled with NaN): assign it, do not add to it";
  }
  return why;
}

// A 5 → 3 layer on a batch of 4: no dimension equals another, so a transposed result shows in
// its shape.
const DenseBatch& five_to_three() {
  static const DenseBatch d = dense_batch(5, 3, 4, 1);
  return d;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(dense_backward)

BOOST_AUTO_TEST_CASE(the_weight_gradient_is_the_derivative,
                     *utf::description("§6.3: ∂L/∂W (out × in, torch's layout) agrees with central "
                                       "differences of L = Σ R ⊙ (WX + b1ᵀ) for a batch of 4, "
                                       "every example's contribution added")) {
  const DenseBatch& d = five_to_three();
  const std::string why =
      why_dense("∂L/∂W", student_gradients(d).weight, gradients_by_differences(d).weight, 4);
  BOOST_TEST_INFO(why);
  BOOST_TEST(why.empty());
}

BOOST_AUTO_TEST_CASE(
    the_bias_gradient_adds_every_example,
    *utf::description("§6.3: ∂L/∂b agrees with central differences: every example "
                      "of the batch contributes, and a batch's gradient is the "
                      "sum of its examples' (δY already carries the loss's 1/B)")) {
  const DenseBatch& d = five_to_three();
  const Vector got = student_gradients(d).bias;
  std::string why = why_dense("∂L/∂b", got, gradients_by_differences(d).bias, 4);
  // One example's contribution alone: the slip of a loop that kept the first (or last) example.
  for (const Index b : {Index{0}, Index{3}}) {
    if (!why.empty() && got.size() == 3 && (got - d.output_gradient.col(b)).norm() <= 1e-12) {
      why += "; it is example " + std::to_string(b) +
             "'s contribution alone: every column of δY "
             "contributes to b";
    }
  }
  BOOST_TEST_INFO(why);
  BOOST_TEST(why.empty());
}

BOOST_AUTO_TEST_CASE(the_input_gradient_is_the_derivative,
                     *utf::description("§6.3: δX = ∂L/∂X (in × B) agrees with central differences, "
                                       "one column per example")) {
  const DenseBatch& d = five_to_three();
  const std::string why =
      why_dense("δX", student_gradients(d).input, gradients_by_differences(d).input, 4);
  BOOST_TEST_INFO(why);
  BOOST_TEST(why.empty());
}

BOOST_AUTO_TEST_CASE(
    overwrites_what_its_outputs_held,
    *utf::description("dense_backward() overwrites its three outputs: called with "
                      "outputs that hold 7 in every entry, it returns the "
                      "derivatives all the same (the layer adds ∂L/∂W and ∂L/∂b to the network's "
                      "gradient itself)")) {
  const DenseBatch& d = five_to_three();
  const ConstWeightMap w(d.weight.data(), 3, 5);
  const DenseGradients fresh = gradients_by_differences(d);
  DenseGradients held{Matrix::Constant(3, 5, 7.0), Vector::Constant(3, 7.0),
                      Matrix::Constant(5, 4, 7.0)};
  nn::dense_backward(d.input, w, d.output_gradient, held.weight, held.bias, held.input);
  for (const auto& [name, got, expected] :
       {std::tuple<std::string, Matrix, Matrix>{"∂L/∂W", held.weight, fresh.weight},
        {"∂L/∂b", held.bias, fresh.bias},
        {"δX", held.input, fresh.input}}) {
    const std::string why = explain_difference(name, got, expected, 4);
    BOOST_TEST_INFO(name << " depends on what it held before the call (7 in every entry): " << why
                         << ": assign it, do not add to it");
    BOOST_TEST(why.empty());
  }
}

BOOST_AUTO_TEST_SUITE_END()
