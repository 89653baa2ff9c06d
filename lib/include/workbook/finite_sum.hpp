/// \file
/// Chapter 2: finite-sum problems, the objectives of machine learning,
/// \f[ L(\theta) = \frac1N \sum_{i=0}^{N-1} L_i(\theta), \f]
/// an average over \f$N\f$ examples, each \f$L_i\f$ the loss of example \f$i\f$. Stochastic gradient
/// descent evaluates only a minibatch \f$B\f$ of them per step:
/// \f[ L_B(\theta) = \frac1{|B|} \sum_{i \in B} L_i(\theta), \qquad
///     g_B = \nabla L_B(\theta) = \frac1{|B|} \sum_{i \in B} \nabla L_i(\theta), \f]
/// an unbiased estimate of \f$\nabla L\f$ when \f$B\f$ is drawn uniformly (`sampling.hpp`).
///
/// The finite-sum problems of the library: LeastSquares (`least_squares.hpp`), LogisticRegression
/// and SoftmaxRegression (`classification.hpp`). Each evaluates a batch with a few matrix products
/// over the batch's rows, gathered once; no loop over the examples.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "workbook/problem.hpp"

namespace workbook {

/// \f$L(\theta) = \frac1N \sum_i L_i(\theta)\f$: a problem that is an average over examples, and can
/// be evaluated on a minibatch of them.
class FiniteSumProblem : public Problem {
 public:
  /// \f$N\f$, the number of examples.
  virtual Index examples() const = 0;

  /// \f$L_B(\theta) = \frac1{|B|}\sum_{i\in B} L_i(\theta)\f$, returned, and its gradient
  /// \f$\nabla L_B(\theta)\f$, written into `gradient` (resized to the dimension). An index that
  /// appears twice in `batch` counts twice. Throws `std::invalid_argument` if `batch` is empty or
  /// has an index outside \f$[0, N)\f$, or if \f$\theta\f$ has the wrong size.
  virtual double batch_value_and_gradient(const Vector& theta, std::span<const Index> batch,
                                          Vector& gradient) const = 0;

  /// \f$L_B(\theta)\f$ alone. The default calls batch_value_and_gradient(); override when the value
  /// is cheaper.
  virtual double batch_value(const Vector& theta, std::span<const Index> batch) const;

  /// \f$L(\theta)\f$, the average over all \f$N\f$ examples. The default evaluates the batch
  /// \f$\{0, \dots, N - 1\}\f$; override to skip the gather.
  double value(const Vector& theta) const override;
  /// \f$\nabla L(\theta)\f$ over all \f$N\f$ examples (the default: the batch of all of them).
  void gradient(const Vector& theta, Vector& gradient) const override;
  /// \f$L(\theta)\f$ and \f$\nabla L(\theta)\f$ over all \f$N\f$ examples (the default: the batch of all
  /// of them).
  double value_and_gradient(const Vector& theta, Vector& gradient) const override;
};

/// A finite sum over the rows of a design matrix \f$A\f$, one row per example with its target, whose
/// loss over any set of rows is one computation on those rows: LeastSquares, LogisticRegression and
/// SoftmaxRegression. It checks \f$\theta\f$ and the batch, gathers a batch's rows once, and
/// evaluates the whole sum without a gather; a problem supplies only rows_loss().
///
/// \tparam Targets  Vector (one number per example) or Matrix (one row per example)
template <class Targets>
class RowFiniteSum : public FiniteSumProblem {
 public:
  /// \f$N\f$, the rows of \f$A\f$.
  Index examples() const override { return design_.rows(); }
  /// \f$L(\theta)\f$ over every row, without a gather.
  double value(const Vector& theta) const override;
  /// \f$\nabla L(\theta)\f$ over every row, without a gather.
  void gradient(const Vector& theta, Vector& gradient) const override;
  /// \f$L(\theta)\f$ and \f$\nabla L(\theta)\f$ over every row, without a gather.
  double value_and_gradient(const Vector& theta, Vector& gradient) const override;
  /// \f$L_B(\theta)\f$ and \f$\nabla L_B(\theta)\f$ over the batch's rows, gathered once.
  double batch_value_and_gradient(const Vector& theta, std::span<const Index> batch,
                                  Vector& gradient) const override;
  /// \f$L_B(\theta)\f$ over the batch's rows, gathered once.
  double batch_value(const Vector& theta, std::span<const Index> batch) const override;

 protected:
  /// The examples: the rows of `design`, each with its row of `targets`. A point of the wrong size
  /// is refused naming it `point` ("w", "theta") and its dimension `dimension` ("the dimension of
  /// least_squares").
  RowFiniteSum(Matrix design, Targets targets, std::string point, std::string dimension);

  /// The loss over the examples whose rows are `rows` and targets `targets` (a batch, or all of
  /// them), returned, and its gradient written into `gradient` unless it is null.
  virtual double rows_loss(const Matrix& rows, const Targets& targets, const Vector& theta,
                           Vector* gradient) const = 0;

  /// \f$A\f$, one row per example.
  const Matrix& design() const { return design_; }
  /// The targets, one per example.
  const Targets& targets() const { return targets_; }
  /// Throws `std::invalid_argument` unless \f$\theta\f$ has dimension() entries, naming it.
  void check_point(const Vector& theta) const;

 private:
  double batch_loss(const Vector& theta, std::span<const Index> batch, Vector* gradient) const;

  Matrix design_;
  Targets targets_;
  std::string point_;
  std::string dimension_;
};

extern template class RowFiniteSum<Vector>;
extern template class RowFiniteSum<Matrix>;

/// \f$(0, 1, \dots, n - 1)\f$: the batch of every example.
std::vector<Index> all_examples(Index n);

/// Throws `std::invalid_argument` if `batch` is empty or has an index outside \f$[0, N)\f$ (`examples`
/// \f$= N\f$), naming the index, its position and \f$N\f$.
void check_batch(std::span<const Index> batch, Index examples);

}  // namespace workbook
