// Chapter 2, §2.2: shuffled epochs, sampling without replacement. Exercise: epoch_sampler
// (exercises/ch02/epoch_sampler.cpp, ShuffledSampler::next_batch()).
#include <algorithm>
#include <numeric>
#include <set>
#include <sstream>

#include "workbook/random.hpp"
#include "workbook/sampling.hpp"
#include "workbook/testing/literate.hpp"

using namespace workbook;

namespace {

// The batches of `epochs` epochs, grouped by the epoch the sampler says they belong to.
struct Epochs {
  std::vector<std::vector<std::vector<Index>>> batches;  // [epoch][batch] = indices
  std::string counting;                                  // what the counts got wrong, or empty
};

Epochs draw_epochs(ShuffledSampler& sampler, long epochs) {
  Epochs drawn;
  const long per_epoch = sampler.batches_per_epoch();
  long seen = 0;
  for (long e = 1; e <= epochs; ++e) {
    drawn.batches.emplace_back();
    for (long k = 1; k <= per_epoch; ++k) {
      const std::vector<Index>& batch = sampler.next_batch();
      drawn.batches.back().push_back(batch);
      seen += static_cast<long>(batch.size());
      std::ostringstream why;
      if (sampler.epoch() != e) why << "epoch() = " << sampler.epoch() << ", expected " << e;
      if (sampler.end_of_epoch() != (k == per_epoch))
        why << "end_of_epoch() is " << sampler.end_of_epoch() << " after batch " << k << " of "
            << per_epoch;
      if (sampler.examples_seen() != seen)
        why << "examples_seen() = " << sampler.examples_seen() << ", expected " << seen;
      if (drawn.counting.empty() && !why.str().empty()) {
        drawn.counting = "in epoch " + std::to_string(e) + ", batch " + std::to_string(k) + ": " +
                         why.str() + ": count every batch, count_batch(size, batch_in_epoch_)";
      }
    }
  }
  return drawn;
}

std::vector<Index> concatenated(const std::vector<std::vector<Index>>& batches) {
  std::vector<Index> all;
  for (const auto& batch : batches) all.insert(all.end(), batch.begin(), batch.end());
  return all;
}

// The orders §2.2 defines: 0, ..., N − 1 shuffled by shuffle_indices() with one generator seeded
// once, one order per epoch.
std::vector<std::vector<Index>> expected_orders(Index n, std::uint64_t seed, long epochs) {
  Random random(seed);
  std::vector<std::vector<Index>> orders;
  for (long e = 0; e < epochs; ++e) {
    std::vector<Index> order(static_cast<std::size_t>(n));
    std::iota(order.begin(), order.end(), Index{0});
    shuffle_indices(order, random);
    orders.push_back(order);
  }
  return orders;
}

// What is wrong with the epochs a sampler over N examples with `params` handed out, in the
// notes' words; empty when nothing is.
std::string diagnose(Index n, const SamplerParams& params, const Epochs& drawn) {
  const Index b = params.batch_size;
  const Index kept = params.drop_last ? b * (n / b) : n;
  const auto orders = expected_orders(n, params.seed, static_cast<long>(drawn.batches.size()));
  std::vector<Index> identity(static_cast<std::size_t>(n));
  std::iota(identity.begin(), identity.end(), Index{0});
  const Index partial = n % b;
  if (!params.drop_last && partial != 0) {
    bool seen_partial = false;
    for (const auto& epoch : drawn.batches) {
      for (const auto& batch : epoch) seen_partial |= static_cast<Index>(batch.size()) == partial;
    }
    if (!seen_partial) {
      return "no batch of " + std::to_string(partial) +
             ": the last, partial batch of the epoch "
             "is missing: with N = " +
             std::to_string(n) + " and B = " + std::to_string(b) +
             " an epoch ends with a batch of " + std::to_string(partial) +
             "; only drop_last skips it";
    }
  }
  for (std::size_t e = 0; e < drawn.batches.size(); ++e) {
    const std::vector<Index> all = concatenated(drawn.batches[e]);
    const std::string epoch = "epoch " + std::to_string(e + 1) + ": ";
    for (Index i : all) {
      if (i < 0 || i >= n) {
        return epoch + "index " + std::to_string(i) + " is not an example: expected 0 to " +
               std::to_string(n - 1);
      }
    }
    const std::set<Index> distinct(all.begin(), all.end());
    if (distinct.size() != all.size()) {
      return epoch +
             "an example is handed out twice in one epoch: slice one shuffled order, do "
             "not draw each batch on its own (that samples with replacement)";
    }
    if (static_cast<Index>(all.size()) != kept) {
      return epoch + std::to_string(all.size()) + " examples, expected " + std::to_string(kept);
    }
    if (e > 0 && all == concatenated(drawn.batches[e - 1])) {
      return epoch +
             "every epoch has the same order as the one before: draw a new order at the "
             "start of every epoch, with random_ going on where it stopped (not "
             "reseeded, not copied)";
    }
    if (std::equal(all.begin(), all.end(), identity.begin())) {
      return epoch + "the order is 0, 1, 2, ...: shuffle it with shuffle_indices(order_, random_)";
    }
    if (!std::equal(all.begin(), all.end(), orders[e].begin())) {
      return epoch +
             "the order differs from the one shuffle_indices() gives with the sampler's "
             "generator, seeded once: is another generator used, or is random_ drawn "
             "from more than once per epoch?";
    }
  }
  return drawn.counting;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(epoch_sampler)

BOOST_AUTO_TEST_CASE(every_epoch_visits_each_example_once,
                     *utf::description("§2.2: N = 10, B = 5: every epoch is two batches that "
                                       "together hold each example once, in the order "
                                       "shuffle_indices() gives with the sampler's generator; "
                                       "the counts (epoch, end of epoch, examples seen) follow")) {
  const SamplerParams params{.batch_size = 5, .drop_last = false, .seed = 8};
  ShuffledSampler sampler(10, params);
  BOOST_TEST(sampler.batches_per_epoch() == 2);
  const Epochs drawn = draw_epochs(sampler, 4);
  const std::string why = diagnose(10, params, drawn);
  BOOST_TEST(why.empty(), why);
  for (const auto& epoch : drawn.batches) {
    std::vector<Index> all = concatenated(epoch);
    std::sort(all.begin(), all.end());
    BOOST_TEST(all == (std::vector<Index>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}), tt::per_element());
  }
  BOOST_TEST(sampler.examples_seen() == 40);
}

BOOST_AUTO_TEST_CASE(each_epoch_has_a_new_order_from_the_same_generator,
                     *utf::description("§2.2: 6 epochs of N = 20, B = 4 are 6 different orders, "
                                       "the ones shuffle_indices() gives when one generator, "
                                       "seeded once, shuffles a fresh 0, ..., N − 1 per epoch; "
                                       "the same seed gives the same batches, reset() starts "
                                       "over, another seed differs")) {
  const SamplerParams params{.batch_size = 4, .drop_last = false, .seed = 123};
  ShuffledSampler sampler(20, params);
  const Epochs drawn = draw_epochs(sampler, 6);
  const std::string why = diagnose(20, params, drawn);
  BOOST_TEST(why.empty(), why);
  std::set<std::vector<Index>> distinct;
  for (const auto& epoch : drawn.batches) distinct.insert(concatenated(epoch));
  BOOST_TEST(distinct.size() == 6u, "only " << distinct.size()
                                            << " different orders in 6 epochs: every epoch has "
                                               "the same order? Reshuffle every epoch");

  ShuffledSampler twin(20, params);
  BOOST_TEST((draw_epochs(twin, 6).batches == drawn.batches), "the same seed gave another run");
  sampler.reset();
  BOOST_TEST(sampler.examples_seen() == 0);
  BOOST_TEST((draw_epochs(sampler, 6).batches == drawn.batches), "reset() did not start over");
  ShuffledSampler other(20, {.batch_size = 4, .drop_last = false, .seed = 124});
  BOOST_TEST((draw_epochs(other, 6).batches != drawn.batches), "another seed gave the same run");
}

BOOST_AUTO_TEST_CASE(the_last_partial_batch_is_kept_unless_dropped,
                     *utf::description("§2.2: N = 10, B = 3: an epoch is batches of 3, 3, 3 and "
                                       "1; with drop_last, 3, 3 and 3, the order's last example "
                                       "left for a later epoch")) {
  const SamplerParams kept{.batch_size = 3, .drop_last = false, .seed = 8};
  ShuffledSampler sampler(10, kept);
  BOOST_TEST(sampler.batches_per_epoch() == 4);
  const Epochs drawn = draw_epochs(sampler, 3);
  const std::string why = diagnose(10, kept, drawn);
  BOOST_TEST(why.empty(), why);
  for (const auto& epoch : drawn.batches) {
    std::vector<std::size_t> sizes;
    for (const auto& batch : epoch) sizes.push_back(batch.size());
    BOOST_TEST(sizes == (std::vector<std::size_t>{3, 3, 3, 1}), tt::per_element());
  }

  const SamplerParams dropped{.batch_size = 3, .drop_last = true, .seed = 8};
  ShuffledSampler dropping(10, dropped);
  BOOST_TEST(dropping.batches_per_epoch() == 3);
  const Epochs without = draw_epochs(dropping, 3);
  const std::string why_dropped = diagnose(10, dropped, without);
  BOOST_TEST(why_dropped.empty(), why_dropped);
  for (const auto& epoch : without.batches) {
    BOOST_TEST(epoch.size() == 3u);
    for (const auto& batch : epoch) BOOST_TEST(batch.size() == 3u);
  }
  BOOST_TEST(dropping.examples_seen() == 27);
}

BOOST_AUTO_TEST_SUITE_END()
