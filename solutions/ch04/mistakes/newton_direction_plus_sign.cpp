// Known mistake: p = +H⁻¹g, the step of Newton's method for a root of f', taken uphill.
#include <Eigen/Cholesky>

#include "workbook/curvature.hpp"

workbook::Vector workbook::newton_direction(const Matrix& hessian, const Vector& gradient) {
  if (hessian.rows() != gradient.size() || hessian.cols() != gradient.size()) {
    throw std::invalid_argument("the Hessian does not match the gradient");
  }
  const Eigen::LLT<Matrix> cholesky(hessian);
  if (cholesky.info() != Eigen::Success) throw Breakdown("the Hessian is not positive definite");
  return cholesky.solve(gradient);
}
