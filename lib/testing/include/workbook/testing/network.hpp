/// \file
/// What the tests of Chapter 6's network module share: seeded random matrices, central
/// differences, the relative error of a gradient, and a network's loss as one function of its
/// parameters and its input.
#pragma once

#include <algorithm>
#include <cmath>
#include <functional>
#include <string>
#include <utility>

#include "workbook/finite_differences.hpp"
#include "workbook/format.hpp"
#include "workbook/network.hpp"
#include "workbook/network_problem.hpp"
#include "workbook/random.hpp"

namespace workbook::testing {

/// A `rows` × `cols` matrix of \f$N(0, \text{scale}^2)\f$ entries drawn from `random`.
inline Matrix random_matrix(Index rows, Index cols, Random& random, double scale = 1.0) {
  Matrix m(rows, cols);
  for (Index j = 0; j < cols; ++j)
    for (Index i = 0; i < rows; ++i) m(i, j) = scale * random.normal();
  return m;
}

/// A vector of \f$N(0, \text{scale}^2)\f$ entries drawn from `random`.
inline Vector random_vector(Index n, Random& random, double scale = 1.0) {
  return random_matrix(n, 1, random, scale);
}

/// A `rows` × `cols` batch of N(0, 1) entries moved 0.1 away from 0, where ReLU has its kink: a
/// difference with a move below 0.1 per entry sees no kink.
inline Matrix away_from_zero(Index rows, Index cols, Random& random) {
  const Matrix x = random_matrix(rows, cols, random);
  return x.unaryExpr([](double v) { return v >= 0.0 ? v + 0.1 : v - 0.1; });
}

/// \f$\|a - b\|_2 / \max(\|a\|_2, \|b\|_2)\f$, 0 when both are 0: the relative error of a whole
/// gradient \f$a\f$ against its finite-difference estimate \f$b\f$.
///
/// Norm-wise, not coordinate by coordinate: a central difference with step \f$h\f$ carries a
/// rounding error of about \f$\varepsilon|L|/h \approx 10^{-11}|L|\f$ in every coordinate, which is a
/// large *relative* error on a coordinate that is tiny (a softmax probability of \f$10^{-5}\f$, a
/// pixel that is rarely lit) although the gradient is right. Measured against the whole gradient,
/// that rounding is far below the \f$10^{-7}\f$ the checks ask for, and a wrong gradient is not.
inline double relative_error(const Vector& a, const Vector& b) {
  const double scale = std::max(a.norm(), b.norm());
  return scale > 0.0 ? (a - b).norm() / scale : 0.0;
}

/// The matrix `m` as one vector, column by column (the order of its storage).
inline Vector flat(const Matrix& m) {
  return Eigen::Map<const Vector>(m.data(), m.size());
}

/// The vector `v` as a `rows` × `cols` matrix, column by column.
inline Matrix unflat(const Vector& v, Index rows, Index cols) {
  return Eigen::Map<const Matrix>(v.data(), rows, cols);
}

/// "3×4".
inline std::string shape_of(const Matrix& m) {
  return std::to_string(m.rows()) + "×" + std::to_string(m.cols());
}

/// How `got` differs from `expected`, in the words of the notes, or "" when they agree to
/// `tolerance` (norm-wise, relative). `what` names the quantity ("∂L/∂W"); `batch` is \f$B\f$ when
/// the quantity is a sum or a mean over a batch. Recognises what any wrong result can break,
/// whatever slip made it: the shape (and a transposed one), a NaN or an infinity and where, the
/// sign, a factor (\f$B\f$ or \f$1/B\f$: a sum where a mean belongs or the other way round), and
/// otherwise reports the relative error and the worst entry.
inline std::string explain_difference(const std::string& what, const Matrix& got,
                                      const Matrix& expected, Index batch = 1,
                                      double tolerance = 1e-9) {
  if (got.rows() != expected.rows() || got.cols() != expected.cols()) {
    std::string text = what + " is " + shape_of(got) + ", expected " + shape_of(expected);
    if (got.rows() == expected.cols() && got.cols() == expected.rows()) {
      const Matrix turned = got.transpose();
      text += (turned - expected).norm() <= tolerance * std::max(expected.norm(), 1e-300)
                  ? ": it is the transpose of the right one"
                  : ": the transposed shape";
    }
    return text;
  }
  for (Index c = 0; c < got.cols(); ++c) {
    for (Index r = 0; r < got.rows(); ++r) {
      if (!std::isfinite(got(r, c))) {
        return what + " holds " + format_number(got(r, c)) + " at row " + std::to_string(r) +
               ", column " + std::to_string(c) + " where the right value is " +
               format_number(expected(r, c));
      }
    }
  }
  const double norm = expected.norm();
  const double error = (got - expected).norm();
  if (error <= tolerance * std::max(norm, got.norm())) return "";
  if (norm == 0.0) return what + " should be 0, its norm is " + format_number(got.norm());
  // The best factor s in got ≈ s · expected, and how well it explains got.
  const double s = got.cwiseProduct(expected).sum() / (norm * norm);
  const double unexplained = (got - s * expected).norm() / norm;
  const auto is = [&](double factor) { return std::abs(s - factor) <= 1e-6 * std::abs(factor); };
  if (unexplained <= 1e-6) {
    if (s == 0.0 || got.norm() == 0.0) return what + " is 0 where the right one is not";
    if (is(-1.0)) return what + " has the wrong sign: it is −1 times the right one";
    if (batch > 1 && is(1.0 / static_cast<double>(batch))) {
      return what + " is 1/B = 1/" + std::to_string(batch) +
             " of the right one: a mean over the batch where a sum belongs";
    }
    if (batch > 1 && is(static_cast<double>(batch))) {
      return what + " is B = " + std::to_string(batch) +
             " times the right one: a sum over the batch where a mean belongs";
    }
    return what + " is " + format_number(s) + " times the right one: a factor is missing or extra";
  }
  Index row = 0, col = 0;
  (got - expected).cwiseAbs().maxCoeff(&row, &col);
  return what + " is off by " + format_number(error / norm) + " relative (worst at row " +
         std::to_string(row) + ", column " + std::to_string(col) + ": " +
         format_number(got(row, col)) + " where the right value is " +
         format_number(expected(row, col)) + ")";
}

/// A network with one layer, `layer`, for examples of shape `input`, with random parameters:
/// \f$N(0, 0.5^2)\f$ from `random`, biases too, so that a missing bias shows.
template <class L>
nn::Network single_layer_network(nn::Shape input, L layer, Random& random) {
  nn::Network network(input);
  network.add(std::move(layer));
  network.parameters() = random_vector(network.parameter_count(), random, 0.5);
  return network;
}

/// A loss \f$\ell(Y)\f$ of a network's output \f$Y\f$: returns it and writes
/// \f$\partial \ell/\partial Y\f$ into its second argument.
using OutputLoss = std::function<double(const Matrix& output, Matrix& output_gradient)>;

/// A network's loss as one function of everything it depends on,
/// \f$z = (\theta, \operatorname{vec} X)\f$, and the gradient backward() gives at a point: one
/// difference along a direction of \f$z\f$ then checks \f$\partial L/\partial \theta\f$ and
/// \f$\delta X\f$ at once.
struct NetworkLoss {
  /// \f$z \mapsto \ell(f(X; \theta))\f$; sets the network's \f$\theta\f$ to that of \f$z\f$.
  ScalarFunction value;
  /// \f$z\f$ where backward() ran.
  Vector point;
  /// \f$(\partial L/\partial \theta, \operatorname{vec} \delta X)\f$ from backward() at `point`.
  Vector gradient;
};

/// \f$L(\theta, X) = \ell(f(X; \theta))\f$ for `network` (kept by reference: it must outlive the
/// result) at its current \f$\theta\f$ and the batch `x`, with its gradient by forward() and
/// backward().
inline NetworkLoss network_loss(nn::Network& network, const Matrix& x, OutputLoss loss) {
  const Index p = network.parameter_count();
  NetworkLoss result;
  result.point.resize(p + x.size());
  result.point.head(p) = network.parameters();
  result.point.tail(x.size()) = flat(x);
  Matrix dy;
  loss(network.forward(x), dy);
  network.zero_gradient();
  const Matrix dx = network.backward(dy);
  result.gradient.resize(p + x.size());
  result.gradient.head(p) = network.gradient();
  result.gradient.tail(x.size()) = flat(dx);
  result.value = [&network, loss = std::move(loss), p, rows = x.rows(),
                  cols = x.cols()](const Vector& z) {
    network.set_parameters(z.head(p));
    Matrix unused;
    return loss(network.forward(unflat(z.tail(z.size() - p), rows, cols)), unused);
  };
  return result;
}

/// How far a network's backward() is from the derivative of its forward(): the relative errors
/// (relative_error()) of \f$\delta X\f$ and of \f$\partial L/\partial \theta\f$ (0 without
/// parameters).
struct BackwardErrors {
  double input = 0.0;       ///< of \f$\delta X\f$
  double parameters = 0.0;  ///< of \f$\partial L/\partial \theta\f$
};

/// Checks backward() of `network` at the batch `x` with the scalar \f$L = \sum R \odot f(X)\f$ for
/// an \f$R\f$ of N(0, 1) entries drawn from `random`: then \f$\partial L/\partial f = R\f$, and
/// backward(R) must give \f$\partial L/\partial X\f$ and \f$\partial L/\partial \theta\f$. The
/// reference is five_point_gradient() with \f$h = 10^{-5}\f$: its truncation,
/// \f$(h^4/30)|f^{(5)}|\f$, is negligible and its rounding, \f$(3/2)\varepsilon|f|/h\f$, near
/// \f$3 \cdot 10^{-11}\f$, far below the \f$10^{-7}\f$ the tests ask for. Leaves \f$\theta\f$ as it
/// was.
inline BackwardErrors backward_errors(nn::Network& network, const Matrix& x, Random& random) {
  constexpr double h = 1e-5;
  const Matrix r = random_matrix(network.output_shape().size(), x.cols(), random);
  const NetworkLoss probe = network_loss(network, x, [&r](const Matrix& y, Matrix& dy) {
    dy = r;
    return y.cwiseProduct(r).sum();
  });
  const Vector by_differences = five_point_gradient(probe.value, probe.point, h);
  const Index p = network.parameter_count(), n = x.size();
  network.set_parameters(probe.point.head(p));
  BackwardErrors errors;
  errors.input = relative_error(probe.gradient.tail(n), by_differences.tail(n));
  if (p > 0) errors.parameters = relative_error(probe.gradient.head(p), by_differences.head(p));
  return errors;
}

/// The check along a direction of \ref ch06-gradient-check "§6.2" at a step `h` the caller
/// chooses (check_along() chooses its own): \f$D_h\f$ from \f$L(\theta \pm hv)\f$, \f$g^\top v\f$, and
/// \f$r = |D_h - g^\top v| / \max(\|g\|\,\|v\|, |D_h|)\f$ (0 when both are 0).
inline DirectionalCheck directional_check(const ScalarFunction& loss, const Vector& theta,
                                          const Vector& gradient, const Vector& direction,
                                          double h) {
  DirectionalCheck check;
  check.step = h;
  check.derivative = gradient.dot(direction);
  check.difference = (loss(theta + h * direction) - loss(theta - h * direction)) / (2.0 * h);
  const double scale = std::max(gradient.norm() * direction.norm(), std::abs(check.difference));
  check.relative_error = scale > 0.0 ? std::abs(check.difference - check.derivative) / scale : 0.0;
  return check;
}

/// Points of [−1, 1]² at least 0.1 from the axes, labelled by the quadrant's XOR: 1 when the
/// signs of the two coordinates differ. No line separates the classes.
inline LabelledExamples xor_quadrants(Index n, std::uint64_t seed) {
  Random random(seed);
  LabelledExamples data;
  data.features.resize(2, n);
  for (Index i = 0; i < n; ++i) {
    for (Index j = 0; j < 2; ++j) {
      const double u = random.uniform(0.1, 1.0);
      data.features(j, i) = random.uniform() < 0.5 ? -u : u;
    }
    data.labels.push_back((data.features(0, i) > 0.0) != (data.features(1, i) > 0.0) ? 1 : 0);
  }
  return data;
}

/// The network Dense(2→8) → Tanh → Dense(8→2), Xavier-initialised from `seed`, for the XOR
/// quadrants.
inline nn::Network xor_network(std::uint64_t seed) {
  nn::Network network(nn::Shape{2});
  network.add(nn::Dense(2, 8));
  network.add(nn::Tanh());
  network.add(nn::Dense(8, 2));
  network.initialize(nn::Initialization::xavier_normal, seed);
  return network;
}

/// 1×6×6 images of one bar, horizontal (label 0) or vertical (label 1), at a random row or
/// column, with noise.
inline LabelledExamples bars(Index n, std::uint64_t seed) {
  Random random(seed);
  LabelledExamples data;
  data.features = random_matrix(36, n, random, 0.1);
  for (Index i = 0; i < n; ++i) {
    const Index label = random.uniform() < 0.5 ? 0 : 1;
    const Index at = static_cast<Index>(random.uniform() * 6.0);
    for (Index k = 0; k < 6; ++k) data.features(label == 0 ? at * 6 + k : k * 6 + at, i) += 1.0;
    data.labels.push_back(label);
  }
  return data;
}

}  // namespace workbook::testing
