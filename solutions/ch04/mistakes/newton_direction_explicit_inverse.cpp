// Known mistake: p = −H⁻¹g with the inverse formed explicitly, then multiplied by g.
#include <Eigen/Cholesky>
#include <Eigen/LU>

#include "workbook/curvature.hpp"
#include "workbook/errors.hpp"
#include "workbook/format.hpp"

workbook::Vector workbook::newton_direction(const Matrix& hessian, const Vector& gradient) {
  const Index n = gradient.size();
  if (hessian.rows() != n || hessian.cols() != n) {
    throw std::invalid_argument("the Hessian is " + std::to_string(hessian.rows()) + " x " +
                                std::to_string(hessian.cols()) + " but the gradient has " +
                                std::to_string(n) + " entries: expected an n x n Hessian");
  }
  // H = LLᵀ exists exactly when H is symmetric positive definite: the factorisation is the test.
  // Solving with the factors is backward stable; an explicit H⁻¹ is not (§4.1).
  const Eigen::LLT<Matrix> cholesky(hessian);
  if (cholesky.info() != Eigen::Success) {
    throw Breakdown(
        "the Hessian is not positive definite (its Cholesky factorisation fails): "
        "the quadratic model has no minimiser");
  }
  const Matrix inverse = hessian.inverse();
  return -(inverse * gradient);
}
