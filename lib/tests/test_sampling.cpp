// Chapter 2: the Fisher–Yates shuffle and the minibatch samplers (uniform with replacement,
// shuffled epochs without), their counts, and bad settings.
#include <algorithm>
#include <map>
#include <numeric>
#include <set>
#include <vector>

#include "workbook/sampling.hpp"
#include "workbook/testing/literate.hpp"
#include "workbook/testing/statistics.hpp"

using namespace workbook;

namespace {

// The classic mistake: j drawn from all of {0, ..., n − 1} at every i (n^n equally likely draws
// for n! orders).
void shuffle_with_j_from_everywhere(std::vector<Index>& indices, Random& random) {
  const auto n = static_cast<Index>(indices.size());
  for (std::size_t i = indices.size(); i-- > 1;)
    std::swap(indices[i], indices[static_cast<std::size_t>(random.index(n))]);
}

// How often each of the 6 orders of (0, 1, 2) comes out of `shuffle` in `rounds` shuffles.
template <class Shuffle>
std::vector<long> order_counts(Shuffle shuffle, int rounds) {
  Random random(99);
  std::map<std::vector<Index>, long> seen;
  for (int r = 0; r < rounds; ++r) {
    std::vector<Index> v = {0, 1, 2};
    shuffle(v, random);
    ++seen[v];
  }
  std::vector<long> counts;
  for (const auto& [order, count] : seen) counts.push_back(count);
  counts.resize(6, 0);  // an order never seen counts 0
  return counts;
}

std::vector<std::vector<Index>> draw(BatchSampler& sampler, int batches) {
  std::vector<std::vector<Index>> out;
  for (int k = 0; k < batches; ++k) out.push_back(sampler.next_batch());
  return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(shuffle_indices_fisher_yates)

BOOST_AUTO_TEST_CASE(
    every_order_is_equally_likely,
    *utf::description("the 6 orders of 3 indices over 60000 shuffles: Pearson's chi-square (5 "
                      "degrees of freedom) stays below 20.52, its 99.9% quantile. Drawing j from "
                      "all n positions (probabilities 4/27 and 5/27) gives about 740")) {
  const auto counts = order_counts(shuffle_indices, 60000);
  BOOST_TEST_INFO("counts of the 6 orders: " << counts[0] << " " << counts[1] << " " << counts[2]
                                             << " " << counts[3] << " " << counts[4] << " "
                                             << counts[5]);
  BOOST_TEST(testing::chi_square(counts) < 20.52);
  const auto biased = order_counts(shuffle_with_j_from_everywhere, 60000);
  BOOST_TEST_INFO("the test can fail: j from {0, ..., n − 1} gives chi-square "
                  << testing::chi_square(biased));
  BOOST_TEST(testing::chi_square(biased) > 20.52);
}

BOOST_AUTO_TEST_CASE(a_shuffle_is_a_permutation_and_tiny_vectors_draw_nothing) {
  Random random(3);
  std::vector<Index> v(1000);
  std::iota(v.begin(), v.end(), Index{0});
  shuffle_indices(v, random);
  std::vector<Index> sorted = v;
  std::sort(sorted.begin(), sorted.end());
  std::vector<Index> identity(1000);
  std::iota(identity.begin(), identity.end(), Index{0});
  BOOST_TEST(sorted == identity, tt::per_element());
  BOOST_TEST(v != identity);  // 1/1000! of a chance

  // n − 1 draws: none for 0 or 1 entries, and the generator is left where it was.
  Random used(5), untouched(5);
  std::vector<Index> empty, one = {42};
  shuffle_indices(empty, used);
  shuffle_indices(one, used);
  BOOST_TEST(one[0] == 42);
  BOOST_TEST(used.bits() == untouched.bits());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(samplers)

// ShuffledSampler::next_batch() is Chapter 2's exercise epoch_sampler: shuffled epochs are tested
// in solutions/ch02/test_sampler.cpp.

BOOST_AUTO_TEST_CASE(same_seed_same_batches_bit_for_bit,
                     *utf::description("two uniform samplers with one seed hand out the same "
                                       "batches; reset() starts the sequence over; another seed "
                                       "differs")) {
  {
    const SamplerParams params{.batch_size = 7, .drop_last = false, .seed = 123};
    std::unique_ptr<BatchSampler> a, b, other;
    a = std::make_unique<UniformSampler>(50, params);
    b = std::make_unique<UniformSampler>(50, params);
    other = std::make_unique<UniformSampler>(50, SamplerParams{7, false, 124});
    BOOST_TEST_INFO(a->name());
    const auto first = draw(*a, 40);
    BOOST_TEST((first == draw(*b, 40)));
    BOOST_TEST((first != draw(*other, 40)));
    a->reset();
    BOOST_TEST(a->batches() == 0);
    BOOST_TEST(a->examples_seen() == 0);
    BOOST_TEST(a->epoch() == 0);
    BOOST_TEST_INFO(a->name() << " after reset()");
    BOOST_TEST((draw(*a, 40) == first));
  }
}

BOOST_AUTO_TEST_CASE(uniform_sampling_is_with_replacement,
                     *utf::description("with replacement: every batch has b indices in [0, N), "
                                       "repeats within a batch happen (b = N = 50), each example "
                                       "is drawn equally often (chi-square, 49 degrees of freedom, "
                                       "below its 99.9% quantile 85.35), and an epoch is "
                                       "⌈N/b⌉ batches")) {
  UniformSampler sampler(50, {.batch_size = 50, .drop_last = false, .seed = 4});
  const std::vector<Index>& batch = sampler.next_batch();
  BOOST_TEST(batch.size() == 50u);
  const std::set<Index> distinct(batch.begin(), batch.end());
  BOOST_TEST_INFO("50 draws from 50 examples without a repeat has probability 50!/50⁵⁰ ≈ 3e-21");
  BOOST_TEST(distinct.size() < 50u);

  UniformSampler counting(50, {.batch_size = 8, .drop_last = false, .seed = 4});
  BOOST_TEST(counting.batches_per_epoch() == 7);
  std::vector<long> counts(50, 0);
  for (int k = 1; k <= 7000; ++k) {
    for (Index i : counting.next_batch()) {
      BOOST_TEST_REQUIRE((i >= 0 && i < 50));
      ++counts[static_cast<std::size_t>(i)];
    }
    BOOST_TEST_REQUIRE(counting.epoch() == (k + 6) / 7);
    BOOST_TEST_REQUIRE(counting.end_of_epoch() == (k % 7 == 0));
  }
  BOOST_TEST(counting.examples_seen() == 56000);
  BOOST_TEST(testing::chi_square(counts) < 85.35);
}

BOOST_AUTO_TEST_CASE(bad_settings) {
  BOOST_CHECK_EXCEPTION(
      ShuffledSampler(10, {.batch_size = 0}), std::invalid_argument,
      testing::message_has({"batch_size = 0 is invalid", "1 <= batch_size <= N = 10"}));
  BOOST_CHECK_EXCEPTION(UniformSampler(10, {.batch_size = 11}), std::invalid_argument,
                        testing::message_has({"batch_size = 11 is invalid", "N = 10"}));
  BOOST_CHECK_EXCEPTION(ShuffledSampler(0, {.batch_size = 1}), std::invalid_argument,
                        testing::message_has({"N (the number of examples) = 0", ">= 1"}));
  BOOST_CHECK_EXCEPTION(UniformSampler(-5, {.batch_size = 1}), std::invalid_argument,
                        testing::message_has({"= -5"}));
  const SamplerParams too_large{.batch_size = 11};
  BOOST_CHECK_EXCEPTION(
      too_large.validate(10, Naming::flag), std::invalid_argument,
      testing::message_has({"--batch-size = 11 is invalid: expected 1 <= --batch-size <= N = 10"}));
}

BOOST_AUTO_TEST_SUITE_END()
