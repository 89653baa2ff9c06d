// Known mistake: log(1 + e^z) and σ(z) computed as written, and e^z overflows for large z.
#include "workbook/classification.hpp"

double workbook::logistic_loss(const Matrix& A, const Vector& y, const Vector& theta,
                               Vector* gradient) {
  const double m = static_cast<double>(A.rows());
  const Eigen::ArrayXd z = (A * theta).array();
  // log(1 + e^z) − y z, as the formula reads.
  const double loss = ((1.0 + z.exp()).log() - y.array() * z).sum() / m;  // the mean, not the sum
  if (gradient != nullptr) {
    const Eigen::ArrayXd sigma = 1.0 / (1.0 + (-z).exp());           // σ(z)
    gradient->noalias() = A.transpose() * (sigma.matrix() - y) / m;  // Aᵀ(σ(z) − y)/m
  }
  return loss;
}
