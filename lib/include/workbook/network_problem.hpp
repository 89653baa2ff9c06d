/// \file
/// Chapter 6: training a network as minimising a finite sum,
/// \f$L(\theta) = \frac1N \sum_i \ell(f(x_i; \theta), y_i)\f$.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "workbook/finite_sum.hpp"
#include "workbook/network.hpp"

namespace workbook {

/// Labelled examples for a classifier: features, one column per example, and a class each.
struct LabelledExamples {
  /// \f$d \times N\f$: column \f$i\f$ is example \f$x_i\f$, laid out as nn::Network's batches (an
  /// image channel-major).
  Matrix features;
  /// \f$y_i \in \{0, \dots, C - 1\}\f$, one per column of `features`.
  std::vector<Index> labels;

  /// \f$N\f$, the number of examples.
  Index size() const { return features.cols(); }
};

/// Which loss a NetworkProblem averages.
enum class ClassificationLoss {
  /// nn::softmax_cross_entropy() of the outputs (logits) and the labels.
  softmax_cross_entropy,
  /// nn::mean_squared_error() of the outputs and the one-hot labels (1 at the label, else 0).
  mean_squared_error
};

/// The settings of a NetworkProblem.
struct NetworkProblemSettings {
  /// The loss \f$\ell\f$.
  ClassificationLoss loss = ClassificationLoss::softmax_cross_entropy;
  /// The full average (value(), gradient(), accuracy()) runs through the examples this many at a
  /// time: it bounds the memory of a forward pass, not the result; \f$\ge 1\f$.
  Index evaluation_batch_size = 1024;
  /// Throws `std::invalid_argument` naming the first value out of its range.
  void validate() const;
};

/// A network and a labelled data set as a finite sum: \f$L_i(\theta) = \ell(f(x_i; \theta), y_i)\f$
/// and \f$L(\theta) = \frac1N \sum_i L_i(\theta)\f$, where \f$f\f$ is the network with parameters
/// \f$\theta\f$ (its parameters() layout).
///
/// Every evaluation copies \f$\theta\f$ into the network, runs the batch forward, the loss, and
/// (for a gradient) the network backward. The network is a cache of the last evaluation, so an
/// evaluation is not thread-safe: one at a time per problem.
///
/// A network problem never returns a NaN: a layer whose output is not finite throws
/// `std::invalid_argument` naming it (see nn::Network::forward()).
class NetworkProblem : public FiniteSumProblem {
 public:
  /// Throws `std::invalid_argument` if the settings are invalid, the network has no layer or a
  /// non-flat output, the features do not have the network's input size or are not finite, there
  /// is no example or not one label per example, or a label is outside \f$0..C-1\f$ for the
  /// network's \f$C\f$ outputs.
  NetworkProblem(nn::Network network, LabelledExamples data, NetworkProblemSettings settings = {});

  /// "network".
  std::string name() const override { return "network"; }
  /// \f$n\f$, the network's number of parameters.
  Index dimension() const override { return network_.parameter_count(); }
  /// \f$L(\theta)\f$, the average over every example.
  double value(const Vector& theta) const override;
  /// \f$\nabla L(\theta)\f$, the average over every example.
  void gradient(const Vector& theta, Vector& gradient) const override;
  /// \f$L(\theta)\f$ and \f$\nabla L(\theta)\f$ in one pass.
  double value_and_gradient(const Vector& theta, Vector& gradient) const override;
  /// The network's parameters when the problem was made (its initialisation).
  Vector default_start() const override { return start_; }

  /// \f$N\f$.
  Index examples() const override { return data_.size(); }
  /// \f$\frac{1}{|B|} \sum_{i \in B} L_i(\theta)\f$ and its gradient. Throws
  /// `std::invalid_argument` for an empty batch, an index outside \f$0..N-1\f$, or a \f$\theta\f$
  /// of the wrong size.
  double batch_value_and_gradient(const Vector& theta, std::span<const Index> batch,
                                  Vector& gradient) const override;
  /// \f$\frac{1}{|B|} \sum_{i \in B} L_i(\theta)\f$, forward only.
  double batch_value(const Vector& theta, std::span<const Index> batch) const override;

  /// The network's outputs for `features` (one column per example) at \f$\theta\f$.
  Matrix outputs(const Vector& theta, const Matrix& features) const;
  /// The fraction of `set` whose largest output is at its label (the first largest on a tie).
  /// Throws `std::invalid_argument` if `set` does not fit the network, as the constructor.
  double accuracy(const Vector& theta, const LabelledExamples& set) const;

  /// The network (its parameters are those of the last evaluation).
  const nn::Network& network() const { return network_; }
  /// The training examples.
  const LabelledExamples& data() const { return data_; }
  /// The settings.
  const NetworkProblemSettings& settings() const { return settings_; }

 private:
  void check_examples(const std::string& name, const LabelledExamples& set) const;
  void check_theta(const Vector& theta) const;
  // (1/|B|) Σ_{i∈B} L_i at the network's θ; adds scale · its gradient to the network's gradient
  // when `scale` is not 0.
  double evaluate(std::span<const Index> batch, double scale) const;
  // evaluate() over every example, evaluation_batch_size at a time.
  double evaluate_all(bool with_gradient) const;

  mutable nn::Network network_;
  LabelledExamples data_;
  NetworkProblemSettings settings_;
  Vector start_;
};

}  // namespace workbook
