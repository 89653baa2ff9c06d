// Chapter 6: the losses, averaged over the batch, with their gradients: softmax cross-entropy
// (its arithmetic is softmax_cross_entropy_and_gradient(), an exercise; here are its checks) and
// the mean squared error.
#include <cmath>
#include <stdexcept>
#include <string>

#include "network_checks.hpp"
#include "workbook/format.hpp"
#include "workbook/network.hpp"

namespace workbook::nn {

namespace {

void check_non_empty(const std::string& loss, const Matrix& output) {
  if (output.cols() == 0 || output.rows() == 0) {
    throw std::invalid_argument(loss + ": the output is " + dimensions(output) +
                                ": expected at least one example (column) of at least one row");
  }
}

void check_finite(const std::string& loss, const std::string& what, const Matrix& matrix) {
  if (const auto bad = first_non_finite(matrix)) {
    throw std::invalid_argument(loss + ": " + what + " " + format_number(bad->value) + " at row " +
                                std::to_string(bad->row) + " of example " +
                                std::to_string(bad->column) +
                                " is not finite: the loss would be NaN or infinite");
  }
}

void check_labels(const Matrix& logits, std::span<const Index> labels) {
  const std::string loss = "softmax cross-entropy";
  check_non_empty(loss, logits);
  if (static_cast<Index>(labels.size()) != logits.cols()) {
    throw std::invalid_argument(loss + ": " + std::to_string(labels.size()) + " labels for " +
                                std::to_string(logits.cols()) +
                                " examples: expected one label per column of the logits");
  }
  const Index classes = logits.rows();
  for (std::size_t b = 0; b < labels.size(); ++b) {
    if (labels[b] < 0 || labels[b] >= classes) {
      throw std::invalid_argument(loss + ": label " + std::to_string(labels[b]) + " of example " +
                                  std::to_string(b) + " is outside 0.." +
                                  std::to_string(classes - 1) + " (" + std::to_string(classes) +
                                  " classes, one per row of the logits)");
    }
  }
  check_finite(loss, "the logit", logits);
}

// Z − m per column, m = max_k z_k: every entry <= 0 and one of them 0, so Σ_k e^{z_k − m} is in
// [1, C] and its logarithm finite.
Matrix shifted_by_maximum(const Matrix& logits) {
  return logits.rowwise() - logits.colwise().maxCoeff();
}

}  // namespace

Matrix softmax(const Matrix& logits) {
  check_non_empty("softmax", logits);
  check_finite("softmax", "the logit", logits);
  const Matrix e = shifted_by_maximum(logits).array().exp();
  return e.array().rowwise() / e.colwise().sum().array();
}

double softmax_cross_entropy(const Matrix& logits, std::span<const Index> labels) {
  Matrix unused;
  return softmax_cross_entropy(logits, labels, unused);
}

double softmax_cross_entropy(const Matrix& logits, std::span<const Index> labels,
                             Matrix& logits_gradient) {
  check_labels(logits, labels);
  const double loss = softmax_cross_entropy_and_gradient(logits, labels, logits_gradient);
  const std::string who = "softmax cross-entropy",
                    function = "softmax_cross_entropy_and_gradient()";
  if (!std::isfinite(loss)) {
    throw std::logic_error(who + ": " + function + " returned the loss " + format_number(loss) +
                           " for finite logits (the largest " + format_number(logits.maxCoeff()) +
                           ", the smallest " + format_number(logits.minCoeff()) + ")");
  }
  check_returned(who, function, "∂L/∂Z", logits_gradient, logits.rows(), logits.cols(),
                 "classes × B, the shape of the logits");
  return loss;
}

double mean_squared_error(const Matrix& output, const Matrix& target) {
  Matrix unused;
  return mean_squared_error(output, target, unused);
}

double mean_squared_error(const Matrix& output, const Matrix& target, Matrix& output_gradient) {
  const std::string loss = "mean squared error";
  check_non_empty(loss, output);
  if (target.rows() != output.rows() || target.cols() != output.cols()) {
    throw std::invalid_argument(loss + ": the target is " + dimensions(target) +
                                ", expected the output's " + dimensions(output));
  }
  check_finite(loss, "the output", output);
  check_finite(loss, "the target", target);
  const double entries = static_cast<double>(output.size());  // K·B
  const Matrix residual = output - target;                    // Y − T
  output_gradient = (2.0 / entries) * residual;               // 2(Y − T)/(KB)
  return residual.squaredNorm() / entries;
}

}  // namespace workbook::nn
