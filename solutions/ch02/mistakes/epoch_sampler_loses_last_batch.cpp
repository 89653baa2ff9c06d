// Known mistake: a new epoch starts as soon as fewer than batch_size indices are left, so the
// last, partial batch is lost even without drop_last.
#include <algorithm>
#include <numeric>

#include "workbook/sampling.hpp"

const std::vector<workbook::Index>& workbook::ShuffledSampler::next_batch() {
  const Index b = params().batch_size;
  const Index left = examples() - position_;
  if (left < b) {
    // A new epoch: a fresh order, (0, 1, ..., N − 1) shuffled by the sampler's generator, which
    // goes on from where the last epoch left it (never reseeded: every epoch a new order).
    std::iota(order_.begin(), order_.end(), Index{0});
    shuffle_indices(order_, random_);
    position_ = 0;
    batch_in_epoch_ = 0;
  }
  // The next slice: b indices, or the N mod b left at the end of an epoch.
  const Index size = std::min(b, examples() - position_);
  const auto begin = order_.begin() + position_;
  batch_.assign(begin, begin + size);
  position_ += size;
  ++batch_in_epoch_;
  count_batch(size, batch_in_epoch_);
  return batch_;
}
