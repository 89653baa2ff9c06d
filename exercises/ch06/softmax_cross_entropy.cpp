// Chapter 6, exercise 2: softmax cross-entropy and its gradient.
//
// Read: Chapter 6, §6.4 "Softmax cross-entropy" (chapters/ch06_networks.md, #ch06-softmax); the
// comment of softmax_cross_entropy_and_gradient() in lib/include/workbook/network.hpp states the
// contract.
//
// Contract: `logits` is C × B (one column of C class scores per example), `labels[b]` the class of
// example b. softmax_cross_entropy() has checked them: one label per column, each in 0..C−1, every
// logit finite. Return the loss averaged over the batch, torch's cross_entropy with its default
// reduction 'mean', and write its gradient with respect to the logits (C × B) into
// `logits_gradient`. Both must be finite for any finite logits: a logit of 1000 or −1000 is
// allowed. No loop over the classes inside a loop over the examples where a column operation
// will do.
//
// Check:  ctest --preset default -L ch06 -R softmax_cross_entropy
#include "workbook/errors.hpp"
#include "workbook/network.hpp"

double workbook::nn::softmax_cross_entropy_and_gradient(const Matrix& logits,
                                                        std::span<const Index> labels,
                                                        Matrix& logits_gradient) {
  WORKBOOK_NOT_IMPLEMENTED("Chapter 6, §6.4 Softmax cross-entropy");
}
