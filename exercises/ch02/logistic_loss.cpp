// Chapter 2, exercise 2: the logistic loss and its batch gradient.
//
// Read: Chapter 2, §2.3 "Logistic regression" (chapters/ch02_stochastic.md,
// #ch02-logistic) derives the loss and its gradient; the comment of logistic_loss() in
// lib/include/workbook/classification.hpp states both.
//
// Contract: return the loss over the m rows of `A` (row i is (x_i, 1), so θ's last entry is the
// bias) with labels y_i ∈ {0, 1}, and, when `gradient` is not null, write its gradient there
// (resize it to θ's size). The driver uses it for a minibatch of any size m: the loss and the
// gradient must not grow with m. It must be finite for every finite z = Aθ, however large |z| is;
// use Eigen's matrix products, not a loop over the rows. Change none of the inputs.
//
// Check:  ctest --preset default -L ch02 -R logistic_loss
#include "workbook/classification.hpp"
#include "workbook/errors.hpp"

double workbook::logistic_loss(const Matrix& A, const Vector& labels, const Vector& theta,
                               Vector* gradient) {
  WORKBOOK_NOT_IMPLEMENTED("Chapter 2, §2.3 Logistic regression");
}
