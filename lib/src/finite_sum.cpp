#include "workbook/finite_sum.hpp"

namespace workbook {

// The value alone, by default from the value and gradient (a problem that can skip the gradient
// overrides it).
double FiniteSumProblem::batch_value(const Vector& theta, std::span<const Index> batch) const {
  Vector gradient;
  return batch_value_and_gradient(theta, batch, gradient);
}

}  // namespace workbook
