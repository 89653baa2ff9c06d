/// \file
/// Chapter 2: which examples a stochastic gradient step sees. The Fisher–Yates shuffle, and
/// samplers of minibatch indices over \f$N\f$ examples: uniform with replacement, and shuffled epochs
/// without replacement.
///
/// A minibatch \f$B_k \subset \{0, \dots, N - 1\}\f$ of size \f$|B_k| = b\f$ (`batch_size`) gives the
/// stochastic gradient \f$g_k = \frac1{|B_k|}\sum_{i \in B_k} \nabla L_i(\theta_k)\f$
/// (FiniteSumProblem::batch_value_and_gradient()). Both samplers draw from their own seeded
/// Random, so that the same seed gives the same sequence of batches, bit for bit, on every platform.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "workbook/random.hpp"
#include "workbook/settings.hpp"
#include "workbook/types.hpp"

namespace workbook {

/// Shuffles `indices` in place, uniformly: each of the \f$n!\f$ orders is equally likely (the
/// Fisher–Yates shuffle, in Durstenfeld's form).
///
/// For \f$i = n - 1, n - 2, \dots, 1\f$: draw \f$j\f$ uniformly from \f$\{0, \dots, i\}\f$
/// (`random.index(i + 1)`) and swap entries \f$i\f$ and \f$j\f$. Entry \f$n - 1\f$ receives any of the
/// \f$n\f$ entries with probability \f$1/n\f$, then entry \f$n - 2\f$ any of the \f$n - 1\f$ left, and so
/// on: \f$n \cdot (n - 1) \cdots 2 = n!\f$ equally likely sequences of draws, one per order. Drawing
/// \f$j\f$ from all of \f$\{0, \dots, n - 1\}\f$ instead gives \f$n^n\f$ sequences, not a multiple of
/// \f$n!\f$: some orders come out more often than others. \f$n - 1\f$ draws, \f$O(n)\f$ time, no extra
/// memory; an empty or one-entry vector is left as it is (and no number is drawn).
void shuffle_indices(std::vector<Index>& indices, Random& random);

/// A sampler's settings, with the names torch.utils.data.DataLoader uses.
struct SamplerParams {
  /// \f$b\f$, the examples per batch; in \f$[1, N]\f$ (checked by the sampler, which knows \f$N\f$).
  Index batch_size = 32;
  /// Whether an epoch's last, partial batch (\f$N \bmod b\f$ examples, when \f$b\f$ does not divide
  /// \f$N\f$) is dropped; kept (a smaller batch) by default.
  bool drop_last = false;
  /// The seed of the sampler's Random.
  std::uint64_t seed = 0;
  /// Throws `std::invalid_argument` unless \f$1 \le\f$ batch_size \f$\le\f$ `examples`, naming both;
  /// batch_size as `naming` says (`--batch-size` on a command line).
  void validate(Index examples, Naming naming = Naming::code) const;
};

/// What every sampler provides: the next batch, and how far it is through the data.
///
/// An *epoch* is \f$\lceil N/b \rceil\f$ batches (\f$\lfloor N/b \rfloor\f$ with drop_last): one pass
/// over the data for the shuffled sampler, as many steps for the uniform one, so that a schedule
/// stepped per epoch moves at the same iterations with either.
class BatchSampler {
 public:
  virtual ~BatchSampler() = default;

  /// "shuffled (batch_size = 32)", for legends.
  virtual std::string name() const = 0;
  /// The indices of the next batch, each in \f$[0, N)\f$; valid until the next call or reset().
  virtual const std::vector<Index>& next_batch() = 0;
  /// Back to the state right after construction: the same seed, hence the same batches again.
  virtual void reset() = 0;

  /// \f$N\f$, the number of examples.
  Index examples() const { return examples_; }
  /// The settings it runs with.
  const SamplerParams& params() const { return params_; }
  /// Batches handed out since the start (or the last reset()).
  long batches() const { return batches_; }
  /// Examples handed out since the start, counted with repetition: the sum of the batch sizes.
  long examples_seen() const { return examples_seen_; }
  /// The epoch of the last batch: 1 for the first epoch's batches, 0 before the first batch.
  long epoch() const { return epoch_; }
  /// Whether the last batch was the last of its epoch (where a per-epoch schedule steps).
  bool end_of_epoch() const { return end_of_epoch_; }
  /// Batches per epoch: \f$\lceil N/b \rceil\f$, or \f$\lfloor N/b \rfloor\f$ with drop_last.
  long batches_per_epoch() const;

 protected:
  /// Throws `std::invalid_argument` unless `examples` \f$\ge 1\f$ and `params` is valid for it.
  BatchSampler(Index examples, const SamplerParams& params);
  /// Counts a batch of `size` examples that is batch number `position_in_epoch` (from 1) of its
  /// epoch.
  void count_batch(Index size, long position_in_epoch);
  /// Zeroes the counts.
  void reset_counts();

 private:
  Index examples_;
  SamplerParams params_;
  long batches_ = 0;
  long examples_seen_ = 0;
  long epoch_ = 0;
  bool end_of_epoch_ = false;
};

/// Batches drawn uniformly with replacement: each of the \f$b\f$ indices of a batch is drawn
/// independently and uniformly from \f$\{0, \dots, N - 1\}\f$ (Random::index()), so an example may
/// appear twice in one batch and some not at all in an epoch. Every batch has \f$b\f$ indices; then
/// \f$g_k\f$ is an unbiased estimate of \f$\nabla L\f$ whose variance is exactly \f$1/b\f$ times that
/// of one example's gradient (the analysis of the notes). drop_last only sets the epoch's length.
class UniformSampler final : public BatchSampler {
 public:
  /// Throws `std::invalid_argument` unless \f$N \ge 1\f$ and \f$1 \le b \le N\f$.
  UniformSampler(Index examples, const SamplerParams& params);
  std::string name() const override;
  const std::vector<Index>& next_batch() override;
  void reset() override;

 private:
  Random random_;
  std::vector<Index> batch_;
};

/// Shuffled epochs, without replacement (torch's DataLoader with `shuffle=True`): at the start of
/// every epoch the order \f$(0, 1, \dots, N - 1)\f$ is shuffled by shuffle_indices() with the
/// sampler's Random, and the epoch's batches are its consecutive slices of \f$b\f$ indices. Each
/// example is seen exactly once per epoch; the last slice has \f$N \bmod b\f$ indices when \f$b\f$
/// does not divide \f$N\f$, and is kept as a smaller batch or, with drop_last, skipped (those
/// examples then wait for a later epoch's order).
class ShuffledSampler final : public BatchSampler {
 public:
  /// Throws `std::invalid_argument` unless \f$N \ge 1\f$ and \f$1 \le b \le N\f$.
  ShuffledSampler(Index examples, const SamplerParams& params);
  std::string name() const override;
  /// The next batch: the next slice of this epoch's order, after shuffling a new order when the
  /// epoch is over. Counts it (count_batch()). Chapter 2's exercise epoch_sampler
  /// (\ref exercises/ch02/epoch_sampler.cpp "the stub").
  const std::vector<Index>& next_batch() override;
  void reset() override;
  /// This epoch's order (the permutation its batches slice).
  const std::vector<Index>& order() const { return order_; }

 private:
  Random random_;
  std::vector<Index> order_;  // this epoch's permutation of 0, ..., N − 1
  Index position_ = 0;        // where the next batch starts in order_
  long batch_in_epoch_ = 0;   // batches of this epoch handed out
  std::vector<Index> batch_;
};

}  // namespace workbook
