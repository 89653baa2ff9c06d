// Chapter 2: finite-sum problems, evaluated on the batch of all examples by default.
#include "workbook/finite_sum.hpp"

#include <numeric>
#include <stdexcept>
#include <string>

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
