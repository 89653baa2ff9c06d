// Known mistake: p = −H⁻¹g with the inverse formed explicitly, then multiplied by g.
#include <Eigen/Cholesky>
#include <Eigen/LU>

#include "workbook/curvature.hpp"

workbook::Vector workbook::newton_direction(const Matrix& hessian, const Vector& gradient) {
  if (hessian.rows() != gradient.size() || hessian.cols() != gradient.size()) {
    throw std::invalid_argument("the Hessian does not match the gradient");
  }
  if (Eigen::LLT<Matrix>(hessian).info() != Eigen::Success) {
    throw Breakdown("the Hessian is not positive definite");
  }
  const Matrix inverse = hessian.inverse();
  return -(inverse * gradient);
}
