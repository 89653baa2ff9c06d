// Known mistake: H p = −g solved whatever H is, by a factorisation that does not need H to be
// positive definite; at a saddle the "minimiser" of the model is its saddle point.
#include <Eigen/Cholesky>

#include "workbook/curvature.hpp"

workbook::Vector workbook::newton_direction(const Matrix& hessian, const Vector& gradient) {
  if (hessian.rows() != gradient.size() || hessian.cols() != gradient.size()) {
    throw std::invalid_argument("the Hessian does not match the gradient");
  }
  return hessian.ldlt().solve(-gradient);
}
