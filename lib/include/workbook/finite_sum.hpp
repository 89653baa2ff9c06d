/// \file
/// Objectives that are averages over examples: the loss of a model on a data set.
#pragma once

#include <span>

#include "workbook/problem.hpp"

namespace workbook {

/// L(θ) = (1/N) Σᵢ Lᵢ(θ)
class FiniteSumProblem : public Problem {
 public:
  virtual Index examples() const = 0;  // N
  /// (1/|B|) Σ_{i∈B} Lᵢ(θ) and its gradient, written into `gradient`
  virtual double batch_value_and_gradient(const Vector& theta, std::span<const Index> batch,
                                          Vector& gradient) const = 0;
  virtual double batch_value(const Vector& theta, std::span<const Index> batch) const;
  // value()/gradient()/value_and_gradient() of Problem: the full average
};

/// \fn virtual Index FiniteSumProblem::examples() const
/// \f$N\f$, the number of examples.

/// \fn virtual double FiniteSumProblem::batch_value(const Vector& theta, std::span<const Index> batch) const
/// \f$\frac{1}{|B|} \sum_{i \in B} L_i(\theta)\f$ alone; by default the value of
/// batch_value_and_gradient().

}  // namespace workbook
