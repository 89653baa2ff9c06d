// Chapter 2, exercise 1: the epoch sampler.
//
// Read: Chapter 2, §2.2 "Epochs, shuffling, and what SGD buys" (chapters/ch02_stochastic.md,
// #ch02-sampling) explains sampling without replacement; the comment of ShuffledSampler in
// lib/include/workbook/sampling.hpp states what an epoch is.
//
// Contract: return the next minibatch of indices, as torch's DataLoader with shuffle=True hands
// them out. An epoch visits every index 0, ..., N − 1 exactly once, in an order shuffled with
// shuffle_indices() and the sampler's own generator `random_` (never another one: the run must be
// the same for the same seed, and differ between epochs). The batches are consecutive slices of
// `order_` of params().batch_size indices; when the batch size does not divide N, the last slice
// of an epoch is shorter, and with params().drop_last it is skipped. Keep the members that
// sampling.hpp declares up to date: `order_`, `position_`, `batch_in_epoch_`, and `batch_`, which
// you return. Count every batch you return with count_batch(size, batch_in_epoch_).
//
// Check:  ctest --preset default -L ch02 -R epoch_sampler
#include "workbook/errors.hpp"
#include "workbook/sampling.hpp"

const std::vector<workbook::Index>& workbook::ShuffledSampler::next_batch() {
  WORKBOOK_NOT_IMPLEMENTED("Chapter 2, §2.2 Epochs, shuffling, and what SGD buys");
}
