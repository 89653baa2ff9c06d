// Chapter 2: finite-sum problems, evaluated on the batch of all examples by default.
#include "workbook/finite_sum.hpp"

#include <numeric>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>

#include "workbook/errors.hpp"

namespace workbook {

double FiniteSumProblem::batch_value(const Vector& theta, std::span<const Index> batch) const {
  Vector unused;
  return batch_value_and_gradient(theta, batch, unused);
}

double FiniteSumProblem::value(const Vector& theta) const {
  return batch_value(theta, all_examples(examples()));
}

void FiniteSumProblem::gradient(const Vector& theta, Vector& gradient) const {
  batch_value_and_gradient(theta, all_examples(examples()), gradient);
}

double FiniteSumProblem::value_and_gradient(const Vector& theta, Vector& gradient) const {
  return batch_value_and_gradient(theta, all_examples(examples()), gradient);
}

// -------------------------------------------------------------------------------- RowFiniteSum

template <class Targets>
RowFiniteSum<Targets>::RowFiniteSum(Matrix design, Targets targets, std::string point,
                                    std::string dimension)
    : design_(std::move(design)),
      targets_(std::move(targets)),
      point_(std::move(point)),
      dimension_(std::move(dimension)) {}

template <class Targets>
void RowFiniteSum<Targets>::check_point(const Vector& theta) const {
  require_size(point_, theta, dimension(), dimension_);
}

template <class Targets>
double RowFiniteSum<Targets>::value(const Vector& theta) const {
  check_point(theta);
  return rows_loss(design_, targets_, theta, nullptr);
}

template <class Targets>
void RowFiniteSum<Targets>::gradient(const Vector& theta, Vector& gradient) const {
  check_point(theta);
  rows_loss(design_, targets_, theta, &gradient);
}

template <class Targets>
double RowFiniteSum<Targets>::value_and_gradient(const Vector& theta, Vector& gradient) const {
  check_point(theta);
  return rows_loss(design_, targets_, theta, &gradient);
}

template <class Targets>
double RowFiniteSum<Targets>::batch_loss(const Vector& theta, std::span<const Index> batch,
                                         Vector* gradient) const {
  check_point(theta);
  check_batch(batch, examples());
  const Matrix rows = design_(batch, Eigen::all);  // the batch's rows, gathered once
  if constexpr (std::is_same_v<Targets, Vector>) {
    const Vector targets = targets_(batch);
    return rows_loss(rows, targets, theta, gradient);
  } else {
    const Matrix targets = targets_(batch, Eigen::all);
    return rows_loss(rows, targets, theta, gradient);
  }
}

template <class Targets>
double RowFiniteSum<Targets>::batch_value_and_gradient(const Vector& theta,
                                                       std::span<const Index> batch,
                                                       Vector& gradient) const {
  return batch_loss(theta, batch, &gradient);
}

template <class Targets>
double RowFiniteSum<Targets>::batch_value(const Vector& theta, std::span<const Index> batch) const {
  return batch_loss(theta, batch, nullptr);
}

template class RowFiniteSum<Vector>;
template class RowFiniteSum<Matrix>;

// ------------------------------------------------------------------------------------- batches

std::vector<Index> all_examples(Index n) {
  std::vector<Index> indices(static_cast<std::size_t>(n));
  std::iota(indices.begin(), indices.end(), Index{0});
  return indices;
}

void check_batch(std::span<const Index> batch, Index examples) {
  if (batch.empty()) throw std::invalid_argument("the batch is empty: expected at least one index");
  for (std::size_t k = 0; k < batch.size(); ++k) {
    if (batch[k] < 0 || batch[k] >= examples) {
      throw std::invalid_argument("batch[" + std::to_string(k) + "] = " + std::to_string(batch[k]) +
                                  " is invalid: expected an example index in [0, " +
                                  std::to_string(examples) + ")");
    }
  }
}

}  // namespace workbook
