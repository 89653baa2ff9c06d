// Chapter 2: the Fisher–Yates shuffle and the minibatch samplers.
#include "workbook/sampling.hpp"

#include <algorithm>
#include <numeric>
#include <stdexcept>
#include <string>
#include <utility>

#include "workbook/errors.hpp"

namespace workbook {

void shuffle_indices(std::vector<Index>& indices, Random& random) {
  for (std::size_t i = indices.size(); i-- > 1;) {
    // j uniform on {0, ..., i}: entry i receives any of the i + 1 entries not placed yet.
    const auto j = static_cast<std::size_t>(random.index(static_cast<Index>(i) + 1));
    std::swap(indices[i], indices[j]);
  }
}

// -------------------------------------------------------------------------------- SamplerParams

void SamplerParams::validate(Index examples, Naming naming) const {
  if (batch_size < 1 || batch_size > examples) {
    const std::string name = naming == Naming::code ? "batch_size" : flag_of("batch_size");
    Range::fail(
        name + " = " + std::to_string(batch_size),
        "1 <= " + name + " <= N = " + std::to_string(examples) + " (the number of examples)");
  }
}

// --------------------------------------------------------------------------------- BatchSampler

BatchSampler::BatchSampler(Index examples, const SamplerParams& params)
    : examples_(examples), params_(params) {
  require_at_least("N (the number of examples)", examples, 1);
  params_.validate(examples);
}

long BatchSampler::batches_per_epoch() const {
  const Index full = examples_ / params_.batch_size;
  const bool partial = examples_ % params_.batch_size != 0;
  return static_cast<long>(full) + (partial && !params_.drop_last ? 1 : 0);
}

void BatchSampler::count_batch(Index size, long position_in_epoch) {
  if (position_in_epoch == 1) ++epoch_;
  ++batches_;
  examples_seen_ += static_cast<long>(size);
  end_of_epoch_ = position_in_epoch == batches_per_epoch();
}

void BatchSampler::reset_counts() {
  batches_ = 0;
  examples_seen_ = 0;
  epoch_ = 0;
  end_of_epoch_ = false;
}

// ------------------------------------------------------------------------------- UniformSampler

UniformSampler::UniformSampler(Index examples, const SamplerParams& params)
    : BatchSampler(examples, params), random_(params.seed) {
  batch_.resize(static_cast<std::size_t>(params.batch_size));
}

std::string UniformSampler::name() const {
  return "uniform (batch_size = " + std::to_string(params().batch_size) + ")";
}

const std::vector<Index>& UniformSampler::next_batch() {
  for (Index& i : batch_) i = random_.index(examples());
  count_batch(params().batch_size, batches() % batches_per_epoch() + 1);
  return batch_;
}

void UniformSampler::reset() {
  random_.seed(params().seed);
  reset_counts();
}

// ------------------------------------------------------------------------------ ShuffledSampler

ShuffledSampler::ShuffledSampler(Index examples, const SamplerParams& params)
    : BatchSampler(examples, params), random_(params.seed) {
  reset();
}

std::string ShuffledSampler::name() const {
  return std::string("shuffled (batch_size = ") + std::to_string(params().batch_size) +
         (params().drop_last ? ", drop_last" : "") + ")";
}

// next_batch() is Chapter 2's exercise epoch_sampler (exercises/ch02/epoch_sampler.cpp).

void ShuffledSampler::reset() {
  random_.seed(params().seed);
  order_.resize(static_cast<std::size_t>(examples()));
  std::iota(order_.begin(), order_.end(), Index{0});
  position_ = examples();  // the first call starts an epoch
  batch_in_epoch_ = 0;
  batch_.clear();
  reset_counts();
}

}  // namespace workbook
