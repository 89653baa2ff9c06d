// Known mistake: the gradient with the residual turned around, Aᵀ(y − σ(z))/m.
#include "workbook/classification.hpp"

double workbook::logistic_loss(const Matrix& A, const Vector& y, const Vector& theta,
                               Vector* gradient) {
  const double m = static_cast<double>(A.rows());
  const Eigen::ArrayXd z = (A * theta).array();
  // log(1 + e^z) − y z without overflow: with t = e^{−|z|} ∈ (0, 1] and s = (1 − 2y) z,
  // log(1 + e^z) − y z = max(s, 0) + log(1 + t) for y ∈ {0, 1}.
  const Eigen::ArrayXd t = (-z.abs()).exp();
  const Eigen::ArrayXd s = (1.0 - 2.0 * y.array()) * z;
  const double loss = (s.max(0.0) + t.log1p()).sum() / m;  // the mean, not the sum
  if (gradient != nullptr) {
    const Eigen::ArrayXd sigma =
        (z >= 0.0).select(1.0 / (1.0 + t), t / (1.0 + t));  // σ(z), no overflow
    gradient->noalias() = A.transpose() * (y - sigma.matrix()) / m;
  }
  return loss;
}
