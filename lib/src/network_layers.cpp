// Chapter 6: Dense, the activations and max-pooling, each forward and backward for a whole batch.
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <utility>

#include "network_checks.hpp"
#include "workbook/network.hpp"

namespace workbook::nn {

// ------------------------------------------------------------------------------------- Dense

Dense::Dense(Index in_features, Index out_features)
    : WeightedLayer(out_features, in_features),
      in_features_(in_features),
      out_features_(out_features) {
  if (in_features < 1 || out_features < 1) {
    throw std::invalid_argument(describe() + ": expected in_features >= 1 and out_features >= 1");
  }
}

std::string Dense::describe() const {
  return "Dense(" + std::to_string(in_features_) + "→" + std::to_string(out_features_) + ")";
}

Shape Dense::configure(const Shape& input) {
  if (!input.is_flat()) {
    fail("its input is an image of shape " + input.to_string() +
         ": expected flat features (put a Flatten before a Dense layer)");
  }
  if (input.size() != in_features_) {
    fail("its input has " + std::to_string(input.size()) +
         " features, expected in_features = " + std::to_string(in_features_));
  }
  return {out_features_, 1, 1};
}

void Dense::compute_forward(const Matrix& input, Matrix& output) {
  input_ = input;
  output.noalias() = weight() * input;  // Y = WX + b1ᵀ
  output.colwise() += bias();
}

void Dense::compute_backward(const Matrix& output_gradient, Matrix& input_gradient) {
  const ConstWeightMap w = std::as_const(*this).weight();
  // The outputs start as NaN of the right shapes, so that an exercise that adds to them instead
  // of assigning them is caught by the checks below.
  const double nan = std::numeric_limits<double>::quiet_NaN();
  weight_step_.setConstant(out_features_, in_features_, nan);
  bias_step_.setConstant(out_features_, nan);
  input_gradient.setConstant(in_features_, input_.cols(), nan);
  dense_backward(input_, w, output_gradient, weight_step_, bias_step_, input_gradient);
  const std::string function = "dense_backward()";
  check_returned(label(), function, "∂L/∂W", weight_step_, out_features_, in_features_, "out × in");
  check_returned(label(), function, "∂L/∂b", bias_step_, out_features_, 1, "out × 1");
  check_returned(label(), function, "δX", input_gradient, in_features_, input_.cols(), "in × B");
  weight_gradient() += weight_step_;
  bias_gradient() += bias_step_;
}

// ------------------------------------------------------------------------------- activations

void ReLU::compute_forward(const Matrix& input, Matrix& output) {
  input_ = input;
  output = input.cwiseMax(0.0);
}

void ReLU::compute_backward(const Matrix& output_gradient, Matrix& input_gradient) {
  // ReLU'(x) = 1 for x > 0, 0 for x <= 0 (torch's choice at the kink): δX is δY where X > 0, else
  // 0. One pass over the storage that reads every δY, so that the compiler makes the choice a
  // comparison and a mask per vector instead of a branch per entry (as Eigen's select() does).
  input_gradient.resize(input_.rows(), input_.cols());
  const double* x = input_.data();
  const double* dy = output_gradient.data();
  double* dx = input_gradient.data();
  const Index size = input_.size();
  for (Index i = 0; i < size; ++i) {
    const double delta = dy[i];
    dx[i] = x[i] > 0.0 ? delta : 0.0;
  }
}

void Tanh::compute_forward(const Matrix& input, Matrix& output) {
  output = input.unaryExpr([](double x) { return std::tanh(x); });
  output_ = output;
}

void Tanh::compute_backward(const Matrix& output_gradient, Matrix& input_gradient) {
  // tanh' = 1 − tanh²
  input_gradient = output_gradient.array() * (1.0 - output_.array().square());
}

void Sigmoid::compute_forward(const Matrix& input, Matrix& output) {
  // 1/(1 + e^{−x}): e^{−x} = inf for x < −709 gives 0, never NaN.
  output = input.unaryExpr([](double x) { return 1.0 / (1.0 + std::exp(-x)); });
  output_ = output;
}

void Sigmoid::compute_backward(const Matrix& output_gradient, Matrix& input_gradient) {
  // σ' = σ(1 − σ)
  input_gradient = output_gradient.array() * output_.array() * (1.0 - output_.array());
}

// -------------------------------------------------------------------------------- MaxPool2x2

Shape MaxPool2x2::configure(const Shape& input) {
  if (input.height < 2 || input.width < 2 || input.height % 2 != 0 || input.width % 2 != 0) {
    fail("its input of shape " + input.to_string() +
         " cannot be pooled in 2×2 windows with stride 2: expected an image of even height and "
         "width (an odd row or column would be dropped)");
  }
  return {input.channels, input.height / 2, input.width / 2};
}

void MaxPool2x2::compute_forward(const Matrix& input, Matrix& output) {
  const Shape& in = input_shape();
  const Shape& out = output_shape();
  output.resize(out.size(), input.cols());
  argmax_.resize(out.size(), input.cols());
  // A comparison per window, not a product: loops over the examples and the windows.
  for (Index b = 0; b < input.cols(); ++b) {
    for (Index c = 0; c < out.channels; ++c) {
      for (Index h = 0; h < out.height; ++h) {
        for (Index w = 0; w < out.width; ++w) {
          const Index o = (c * out.height + h) * out.width + w;
          const Index corner = (c * in.height + 2 * h) * in.width + 2 * w;
          // The window in row-major order; a later entry wins only if strictly larger (torch).
          Index best = corner;
          for (const Index r : {corner + 1, corner + in.width, corner + in.width + 1}) {
            if (input(r, b) > input(best, b)) best = r;
          }
          output(o, b) = input(best, b);
          argmax_(o, b) = best;
        }
      }
    }
  }
}

void MaxPool2x2::compute_backward(const Matrix& output_gradient, Matrix& input_gradient) {
  input_gradient.setZero(input_shape().size(), output_gradient.cols());
  for (Index b = 0; b < output_gradient.cols(); ++b) {
    for (Index o = 0; o < output_gradient.rows(); ++o) {
      input_gradient(argmax_(o, b), b) += output_gradient(o, b);
    }
  }
}

}  // namespace workbook::nn
