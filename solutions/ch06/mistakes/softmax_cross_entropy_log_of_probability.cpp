// Known mistake: the loss as −log p_y of the computed probability, which underflows to 0.
#include <cmath>

#include "workbook/network.hpp"

double workbook::nn::softmax_cross_entropy_and_gradient(const Matrix& logits,
                                                        std::span<const Index> labels,
                                                        Matrix& logits_gradient) {
  const Index batch = logits.cols();
  // Shift every column by its largest logit m: softmax does not change, every e^{z − m} is in
  // (0, 1] and one of them is 1, so their sum is in [1, C] and neither overflows nor vanishes.
  const Matrix shifted = logits.rowwise() - logits.colwise().maxCoeff();
  const Matrix e = shifted.array().exp();
  const Eigen::RowVectorXd sums = e.colwise().sum();
  // −log p_y = log Σ_k e^{z_k − m} − (z_y − m): never the logarithm of a probability that
  // underflowed to 0.
  double loss = 0.0;
  for (Index b = 0; b < batch; ++b) loss -= std::log(e(labels[b], b) / sums(b));
  // ∂L/∂Z = (P − Y)/B: the softmax minus the one-hot labels, averaged over the batch.
  logits_gradient = e.array().rowwise() / sums.array();
  for (Index b = 0; b < batch; ++b) logits_gradient(labels[b], b) -= 1.0;
  logits_gradient /= static_cast<double>(batch);
  return loss / static_cast<double>(batch);
}
