// Chapter 6: a network and its data as a finite sum L(θ) = (1/N) Σᵢ Lᵢ(θ).
#include "workbook/network_problem.hpp"

#include <algorithm>
#include <numeric>
#include <stdexcept>
#include <string>

#include "workbook/errors.hpp"

namespace workbook {

void NetworkProblemSettings::validate() const {
  require_at_least("evaluation_batch_size", evaluation_batch_size, 1);
}

NetworkProblem::NetworkProblem(nn::Network network, LabelledExamples data,
                               NetworkProblemSettings settings)
    : network_(std::move(network)), data_(std::move(data)), settings_(settings) {
  settings_.validate();
  if (network_.layer_count() == 0) {
    throw std::invalid_argument("the network has no layer: expected at least one");
  }
  if (!network_.output_shape().is_flat()) {
    throw std::invalid_argument(
        "the network's output has shape " + network_.output_shape().to_string() +
        ": expected flat outputs, one per class (end with Flatten or Dense)");
  }
  check_examples("the training set", data_);
  start_ = network_.parameters();
}

void NetworkProblem::check_examples(const std::string& name, const LabelledExamples& set) const {
  const Index classes = network_.output_shape().size();
  if (set.size() == 0) throw std::invalid_argument(name + " has no example: expected at least one");
  if (set.features.rows() != network_.input_shape().size()) {
    throw std::invalid_argument(
        name + " has " + std::to_string(set.features.rows()) + " features per example, expected " +
        std::to_string(network_.input_shape().size()) + " (the network's input, " +
        network_.input_shape().to_string() + ")");
  }
  if (static_cast<Index>(set.labels.size()) != set.size()) {
    throw std::invalid_argument(name + " has " + std::to_string(set.labels.size()) +
                                " labels for " + std::to_string(set.size()) +
                                " examples: expected one each");
  }
  for (std::size_t i = 0; i < set.labels.size(); ++i) {
    if (set.labels[i] < 0 || set.labels[i] >= classes) {
      throw std::invalid_argument(name + ": label " + std::to_string(set.labels[i]) +
                                  " of example " + std::to_string(i) + " is outside 0.." +
                                  std::to_string(classes - 1) + " (the network has " +
                                  std::to_string(classes) + " outputs)");
    }
  }
  if (!set.features.allFinite()) {
    throw std::invalid_argument(name + " has a NaN or infinite feature: expected finite numbers");
  }
}

void NetworkProblem::check_theta(const Vector& theta) const {
  require_size("theta", theta, network_.parameter_count(), "the parameters of the network");
}

double NetworkProblem::evaluate(std::span<const Index> batch, double scale) const {
  if (batch.empty()) throw std::invalid_argument("the batch is empty: expected at least one index");
  for (std::size_t k = 0; k < batch.size(); ++k) {
    if (batch[k] < 0 || batch[k] >= examples()) {
      throw std::invalid_argument("batch[" + std::to_string(k) + "] = " + std::to_string(batch[k]) +
                                  " is outside 0.." + std::to_string(examples() - 1) +
                                  " (the examples)");
    }
  }
  // The batch's columns and labels.
  const Matrix x = data_.features(Eigen::all, batch);
  std::vector<Index> labels(batch.size());
  for (std::size_t k = 0; k < batch.size(); ++k) {
    labels[k] = data_.labels[static_cast<std::size_t>(batch[k])];
  }

  const Matrix& y = network_.forward(x);
  Matrix dy;  // ∂L/∂Y of the batch's average
  double loss = 0.0;
  if (settings_.loss == ClassificationLoss::softmax_cross_entropy) {
    loss = nn::softmax_cross_entropy(y, labels, dy);
  } else {
    Matrix one_hot = Matrix::Zero(y.rows(), y.cols());
    for (Index b = 0; b < y.cols(); ++b) one_hot(labels[static_cast<std::size_t>(b)], b) = 1.0;
    loss = nn::mean_squared_error(y, one_hot, dy);
  }
  if (scale != 0.0) {
    if (scale != 1.0) dy *= scale;  // a batch's gradient (scale 1) needs no copy
    network_.backward(dy);
  }
  return loss;
}

double NetworkProblem::evaluate_all(bool with_gradient) const {
  // Chunks of the examples 0..N−1; chunk c weighs |c|/N in the average.
  const Index n = examples();
  std::vector<Index> chunk;
  double total = 0.0;
  for (Index first = 0; first < n; first += settings_.evaluation_batch_size) {
    const Index size = std::min(settings_.evaluation_batch_size, n - first);
    chunk.resize(static_cast<std::size_t>(size));
    std::iota(chunk.begin(), chunk.end(), first);
    const double weight = static_cast<double>(size) / static_cast<double>(n);
    total += weight * evaluate(chunk, with_gradient ? weight : 0.0);
  }
  return total;
}

double NetworkProblem::value(const Vector& theta) const {
  check_theta(theta);
  network_.set_parameters(theta);
  return evaluate_all(false);
}

void NetworkProblem::gradient(const Vector& theta, Vector& gradient) const {
  value_and_gradient(theta, gradient);
}

double NetworkProblem::value_and_gradient(const Vector& theta, Vector& gradient) const {
  check_theta(theta);
  network_.set_parameters(theta);
  network_.zero_gradient();
  const double loss = evaluate_all(true);
  gradient = network_.gradient();
  return loss;
}

double NetworkProblem::batch_value_and_gradient(const Vector& theta, std::span<const Index> batch,
                                                Vector& gradient) const {
  check_theta(theta);
  network_.set_parameters(theta);
  network_.zero_gradient();
  const double loss = evaluate(batch, 1.0);
  gradient = network_.gradient();
  return loss;
}

double NetworkProblem::batch_value(const Vector& theta, std::span<const Index> batch) const {
  check_theta(theta);
  network_.set_parameters(theta);
  return evaluate(batch, 0.0);
}

Matrix NetworkProblem::outputs(const Vector& theta, const Matrix& features) const {
  check_theta(theta);
  network_.set_parameters(theta);
  return network_.forward(features);
}

double NetworkProblem::accuracy(const Vector& theta, const LabelledExamples& set) const {
  check_examples("the set", set);
  check_theta(theta);
  network_.set_parameters(theta);
  Index correct = 0;
  for (Index first = 0; first < set.size(); first += settings_.evaluation_batch_size) {
    const Index size = std::min(settings_.evaluation_batch_size, set.size() - first);
    const Matrix& y = network_.forward(set.features.middleCols(first, size));
    for (Index b = 0; b < size; ++b) {
      Index predicted = 0;
      y.col(b).maxCoeff(&predicted);  // the first largest
      if (predicted == set.labels[static_cast<std::size_t>(first + b)]) ++correct;
    }
  }
  return static_cast<double>(correct) / static_cast<double>(set.size());
}

}  // namespace workbook
